import { randomUUID } from "node:crypto";
import type { SpanContext, Tracer } from "@opentelemetry/api";
import type { Logger } from "pino";
import type { SharedCache } from "./cache/SharedCache.js";
import { createLoaders } from "./loaders/createLoaders.js";
import type { CacheTtls } from "./loaders/Freshness.js";
import type { QueryDeps, QueryLimits } from "./loaders/QueryDeps.js";
import type { CallOptions, EmClient } from "./upstream/EmClient.js";
import type { UpstreamCallEvent, UpstreamCallListener } from "./upstream/UpstreamCallEvent.js";
import type { GatewayContext, LiveContext } from "./graphql/GatewayContext.js";
import { RequestSites, type RequestSite } from "./graphql/sites/RequestSites.js";
import type { SiteStatusSource } from "./graphql/sites/SiteStatusSource.js";
import type { LiveHub } from "./live/LiveHub.js";
import type { ScopeOf } from "./scopeFromConfig.js";

export type { GatewayContext } from "./graphql/GatewayContext.js";

/** One site as `createContext` needs it, fixed for the process. */
export interface ContextSite {
  readonly name: string;
  readonly em: EmClient;
  /** EM API base URL (`…/api`), counted against the URL length cap. */
  readonly baseUrl: string;
  /** The gateway's query limits with this site's URL length cap. */
  readonly limits: QueryLimits;
  readonly status: SiteStatusSource;
  /** The request's identity on this site as a scope of the cache and the live feeds (see scopeFromConfig). */
  readonly scopeOf: ScopeOf;
}

/** What `createContext` needs from the gateway, fixed for the process. */
export interface ContextFactoryOptions {
  /** The EM servers of the graph, in configuration order; at least one. */
  readonly sites: readonly ContextSite[];
  readonly limits: QueryLimits;
  readonly logger: Logger;
  /** Makes an extra upstream-call listener for each request and site (metrics: re-logons). */
  readonly newCallListener?: (site: string) => UpstreamCallListener;
  /** Observes loader batch sizes (metrics). */
  readonly onBatch?: QueryDeps["onBatch"];
  /** The cross-request cache, when on. */
  readonly cache?: { readonly store: SharedCache; readonly ttls: CacheTtls };
  /** The live feeds, for operations over the subscription transports. */
  readonly live?: LiveHub;
  /** Traces the loaders' batches; absent when tracing is off. */
  readonly tracer?: Tracer;
}

/** What varies per HTTP request. */
export interface RequestInfo {
  /** The client's `x-request-id` when it sent a sane one. */
  readonly requestId?: string;
  /** The client's Basic credentials, used only by passthrough sites. */
  readonly credentials?: { readonly username: string; readonly password: string };
  /** Aborts this request's upstream calls (client gone, shutdown bound reached). */
  readonly signal?: AbortSignal;
  /** Who the client authenticated as (`api-key:…`, `jwt:…`, `anonymous`), for the request's log lines. */
  readonly client?: string;
  /** The operation came over WebSocket or SSE: it may subscribe to live feeds. */
  readonly live?: boolean;
  /** The span of a subscription's operation, which its feeds' polls link to. */
  readonly spanContext?: SpanContext;
}

/**
 * Builds the context of one GraphQL request: per site, its call options (credentials, signal, a retry
 * budget of its own) and fresh loaders. A subscription's context lives as long as the subscription:
 * `live.nextEvent()` gives each event its own loaders and retry budgets (`sites` is read through a getter
 * for that reason).
 */
export function createContext(options: ContextFactoryOptions, request: RequestInfo): GatewayContext {
  const requestId = request.requestId ?? randomUUID();
  const upstream = { calls: 0 };
  const names = options.sites.map((site) => site.name);
  const listeners = new Map(options.sites.map((site) => [site.name, options.newCallListener?.(site.name)]));
  const onCallFor = (site: string) => (event: UpstreamCallEvent) => {
    upstream.calls += 1;
    listeners.get(site)?.(event);
  };
  /** The site's fixed dependencies for this request's identity: client, limits, cache scope. */
  const fixedOf = (site: ContextSite) => {
    const scope = site.scopeOf(request.credentials);
    const cache =
      options.cache && scope !== undefined
        ? { store: options.cache.store, scope, ttls: options.cache.ttls }
        : undefined;
    return {
      em: site.em,
      baseUrl: site.baseUrl,
      limits: site.limits,
      onBatch: options.onBatch,
      site: site.name,
      tracer: options.tracer,
      cache,
      scope,
    };
  };
  const fixed = new Map(options.sites.map((site) => [site.name, fixedOf(site)]));
  const operation = (): RequestSites =>
    new RequestSites(
      options.sites.map((site): RequestSite => {
        const { scope: _scope, ...deps } = fixed.get(site.name)!;
        const call: CallOptions = {
          credentials: request.credentials,
          signal: request.signal,
          // One budget per operation (per event of a subscription) and site: every retry of every upstream
          // call made for it on that site draws from this.
          retryBudget: site.em.createRetryBudget(),
          onCall: onCallFor(site.name),
        };
        const queryDeps: QueryDeps = { ...deps, call };
        return {
          ...queryDeps,
          name: site.name,
          loaders: createLoaders(queryDeps),
          filterSite: { name: site.name, names },
          status: site.status,
        };
      }),
    );
  let current = operation();
  const live: LiveContext | undefined =
    request.live && options.live
      ? {
          hub: options.live,
          site: (name) => {
            const site = options.sites.find((candidate) => candidate.name === name)!;
            const { scope, cache: _cache, onBatch: _onBatch, ...deps } = fixed.get(name)!;
            return {
              scope,
              spanContext: request.spanContext,
              // Polls serve the whole feed: they are not cut when this subscriber's connection goes.
              pollDeps: () => ({
                ...deps,
                call: {
                  credentials: request.credentials,
                  retryBudget: site.em.createRetryBudget(),
                  onCall: listeners.get(name),
                },
              }),
              emUnavailable: () => site.em.stats().breaker.state === "open",
            };
          },
          nextEvent: () => {
            current = operation();
          },
        }
      : undefined;
  return {
    get sites() {
      return current;
    },
    limits: options.limits,
    requestId,
    logger: options.logger.child(request.client ? { requestId, client: request.client } : { requestId }),
    upstream,
    live,
  };
}
