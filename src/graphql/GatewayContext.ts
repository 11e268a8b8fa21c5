import type { Logger } from "pino";
import type { LiveHub } from "../live/LiveHub.js";
import type { PollDeps } from "../live/pollLiveRows.js";
import type { Loaders } from "../loaders/createLoaders.js";
import type { QueryDeps } from "../loaders/QueryDeps.js";

/**
 * The per-request context every resolver receives. Built once per GraphQL request by `createContext` and
 * never shared: it holds this request's loaders (and their caches), its credentials in passthrough mode
 * and its upstream-call counter.
 */
export interface GatewayContext extends QueryDeps {
  readonly requestId: string;
  readonly logger: Logger;
  readonly loaders: Loaders;
  /** Upstream HTTP exchanges made for this request so far (logons and retries included). */
  readonly upstream: { calls: number };
  /** Operations over the subscription transports (WebSocket, SSE): the live feeds. Absent over HTTP POST. */
  readonly live?: LiveContext;
}

/** What a subscription needs beyond a query's context. */
export interface LiveContext {
  readonly hub: LiveHub;
  /** The subscriber's identity as a scope (see cacheScope.ts); undefined without credentials in passthrough. */
  readonly scope: string | undefined;
  /** How the subscriber's feed reaches EM as the subscriber (credentials, a fresh retry budget per poll). */
  readonly pollDeps: () => PollDeps;
  /**
   * Starts one event of a subscription: fresh loaders and a fresh retry budget, so the event's nested
   * fields read what EM says now rather than what the subscription's first event cached.
   */
  nextEvent(): void;
}
