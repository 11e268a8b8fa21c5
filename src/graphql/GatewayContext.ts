import type { SpanContext } from "@opentelemetry/api";
import type { Logger } from "pino";
import type { LiveHub } from "../live/LiveHub.js";
import type { PollDeps } from "../live/pollLiveRows.js";
import type { QueryLimits } from "../loaders/QueryDeps.js";
import type { RequestSites } from "./sites/RequestSites.js";

/**
 * The per-request context every resolver receives. Built once per GraphQL request by `createContext` and
 * never shared: it holds this request's sites (each with its loaders and their caches, its retry budget),
 * its credentials in passthrough mode and its upstream-call counter.
 */
export interface GatewayContext {
  readonly requestId: string;
  readonly logger: Logger;
  readonly limits: QueryLimits;
  /** The EM servers of the graph as this operation (this event of a subscription) reaches them. */
  readonly sites: RequestSites;
  /** Upstream HTTP exchanges made for this request so far, all sites together (logons and retries included). */
  readonly upstream: { calls: number };
  /** Operations over the subscription transports (WebSocket, SSE): the live feeds. Absent over HTTP POST. */
  readonly live?: LiveContext;
}

/** How a subscriber's feeds reach one site. */
export interface LiveSite {
  /** The subscriber's identity on the site as a scope (see cacheScope.ts); undefined without credentials in passthrough. */
  readonly scope: string | undefined;
  /** How the feed reaches EM as the subscriber (credentials, a fresh retry budget per poll). */
  readonly pollDeps: () => PollDeps;
  /** True while the site's circuit breaker is open: its feeds skip their polls. */
  readonly emUnavailable: () => boolean;
  /** The subscription operation's span, which the feeds' polls link to (tracing on). */
  readonly spanContext?: SpanContext;
}

/** What a subscription needs beyond a query's context. */
export interface LiveContext {
  readonly hub: LiveHub;
  /** The subscriber's way to each site, by site name. */
  site(name: string): LiveSite;
  /**
   * Starts one event of a subscription: fresh loaders and a fresh retry budget, so the event's nested
   * fields read what EM says now rather than what the subscription's first event cached.
   */
  nextEvent(): void;
}
