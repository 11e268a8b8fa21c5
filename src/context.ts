import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { SharedCache } from "./cache/SharedCache.js";
import { createLoaders } from "./loaders/createLoaders.js";
import type { CacheTtls } from "./loaders/Freshness.js";
import type { QueryDeps, QueryLimits } from "./loaders/QueryDeps.js";
import type { CallOptions, EmClient } from "./upstream/EmClient.js";
import type { UpstreamCallEvent, UpstreamCallListener } from "./upstream/UpstreamCallEvent.js";
import type { GatewayContext, LiveContext } from "./graphql/GatewayContext.js";
import type { LiveHub } from "./live/LiveHub.js";

export type { GatewayContext } from "./graphql/GatewayContext.js";

/** What `createContext` needs from the gateway, fixed for the process. */
export interface ContextFactoryOptions {
  readonly em: EmClient;
  readonly baseUrl: string;
  readonly limits: QueryLimits;
  readonly logger: Logger;
  /** Makes an extra upstream-call listener for each request (metrics: re-logons). */
  readonly newCallListener?: () => UpstreamCallListener;
  /** Observes loader batch sizes (metrics). */
  readonly onBatch?: QueryDeps["onBatch"];
  /** The request's identity as a scope of the cache and the live feeds (see cacheScope.ts); undefined
   * when it has none (no credentials in passthrough mode). */
  readonly scopeOf: (credentials: RequestInfo["credentials"]) => string | undefined;
  /** The cross-request cache, when on. */
  readonly cache?: { readonly store: SharedCache; readonly ttls: CacheTtls };
  /** The live feeds, for operations over the subscription transports. */
  readonly live?: LiveHub;
}

/** What varies per HTTP request. */
export interface RequestInfo {
  /** The client's `x-request-id` when it sent a sane one. */
  readonly requestId?: string;
  /** The client's Basic credentials, used only in passthrough mode. */
  readonly credentials?: { readonly username: string; readonly password: string };
  /** Aborts this request's upstream calls (client gone, shutdown bound reached). */
  readonly signal?: AbortSignal;
  /** Who the client authenticated as (`api-key:…`, `jwt:…`, `anonymous`), for the request's log lines. */
  readonly client?: string;
  /** The operation came over WebSocket or SSE: it may subscribe to live feeds. */
  readonly live?: boolean;
}

/**
 * Builds the context of one GraphQL request. A subscription's context lives as long as the subscription:
 * `live.nextEvent()` gives each event its own loaders and retry budget (`call` and `loaders` are read
 * through getters for that reason).
 */
export function createContext(options: ContextFactoryOptions, request: RequestInfo): GatewayContext {
  const requestId = request.requestId ?? randomUUID();
  const upstream = { calls: 0 };
  const extraListener = options.newCallListener?.();
  const onCall = (event: UpstreamCallEvent) => {
    upstream.calls += 1;
    extraListener?.(event);
  };
  const scope = options.scopeOf(request.credentials);
  const cache =
    options.cache && scope !== undefined
      ? { store: options.cache.store, scope, ttls: options.cache.ttls }
      : undefined;
  const fixed = {
    em: options.em,
    baseUrl: options.baseUrl,
    limits: options.limits,
    onBatch: options.onBatch,
    cache,
  };
  const operation = (): { call: CallOptions; loaders: ReturnType<typeof createLoaders> } => {
    const call: CallOptions = {
      credentials: request.credentials,
      signal: request.signal,
      // One budget per operation (per event of a subscription): every retry of every upstream call made
      // for it draws from this.
      retryBudget: options.em.createRetryBudget(),
      onCall,
    };
    const deps: QueryDeps = { ...fixed, call };
    return { call, loaders: createLoaders(deps) };
  };
  let current = operation();
  const live: LiveContext | undefined =
    request.live && options.live
      ? {
          hub: options.live,
          scope,
          // Polls serve the whole feed: they are not cut when this subscriber's connection goes.
          pollDeps: () => ({
            ...fixed,
            call: {
              credentials: request.credentials,
              retryBudget: options.em.createRetryBudget(),
              onCall: extraListener,
            },
          }),
          nextEvent: () => {
            current = operation();
          },
        }
      : undefined;
  return {
    ...fixed,
    get call() {
      return current.call;
    },
    get loaders() {
      return current.loaders;
    },
    requestId,
    logger: options.logger.child(request.client ? { requestId, client: request.client } : { requestId }),
    upstream,
    live,
  };
}
