import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { SharedCache } from "./cache/SharedCache.js";
import { createLoaders } from "./loaders/createLoaders.js";
import type { CacheTtls } from "./loaders/Freshness.js";
import type { QueryDeps, QueryLimits } from "./loaders/QueryDeps.js";
import type { CallOptions, EmClient } from "./upstream/EmClient.js";
import type { UpstreamCallEvent, UpstreamCallListener } from "./upstream/UpstreamCallEvent.js";
import type { GatewayContext } from "./graphql/GatewayContext.js";

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
  /** The cross-request cache, when on; each request gets its scope in it from `scopeOf`. */
  readonly cache?: {
    readonly store: SharedCache;
    readonly ttls: CacheTtls;
    /** The request's scope, or undefined when it must not use the cache (no credentials in passthrough). */
    readonly scopeOf: (credentials: RequestInfo["credentials"]) => string | undefined;
  };
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
}

/** Builds the context of one GraphQL request. */
export function createContext(options: ContextFactoryOptions, request: RequestInfo): GatewayContext {
  const requestId = request.requestId ?? randomUUID();
  const upstream = { calls: 0 };
  const extraListener = options.newCallListener?.();
  const call: CallOptions = {
    credentials: request.credentials,
    signal: request.signal,
    // One budget per operation: every retry of every upstream call made for it draws from this.
    retryBudget: options.em.createRetryBudget(),
    onCall: (event: UpstreamCallEvent) => {
      upstream.calls += 1;
      extraListener?.(event);
    },
  };
  const scope = options.cache?.scopeOf(request.credentials);
  const deps: QueryDeps = {
    em: options.em,
    baseUrl: options.baseUrl,
    call,
    limits: options.limits,
    onBatch: options.onBatch,
    cache:
      options.cache && scope !== undefined
        ? { store: options.cache.store, scope, ttls: options.cache.ttls }
        : undefined,
  };
  return {
    ...deps,
    requestId,
    logger: options.logger.child(request.client ? { requestId, client: request.client } : { requestId }),
    loaders: createLoaders(deps),
    upstream,
  };
}
