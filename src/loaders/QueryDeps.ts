import type { Tracer } from "@opentelemetry/api";
import type { SharedCache } from "../cache/SharedCache.js";
import type { CallOptions, EmClient } from "../upstream/EmClient.js";
import type { CacheTtls } from "./Freshness.js";

/**
 * Rows per EM page of the batch loaders: the largest by-id batch and the page size of nested-connection
 * batches. Each extra EM request costs more than the rows it carries, so batches read large pages; the
 * configuration derives its default response-size cap from this.
 */
export const BATCH_PAGE_ROWS = 1000;

/** Limits that shape upstream queries; from the configuration, documented there. */
export interface QueryLimits {
  readonly defaultPageSize: number;
  readonly maxPageSize: number;
  readonly maxChildRows: number;
  readonly maxUrlLength: number;
}

/**
 * What list and batch code needs to reach EM on behalf of one GraphQL request: the shared client, this
 * request's call options (its credentials in passthrough mode and its upstream-call counter) and limits.
 */
export interface QueryDeps {
  readonly em: EmClient;
  /** EM API base URL (`…/api`), counted against the URL length cap. */
  readonly baseUrl: string;
  readonly call: CallOptions;
  readonly limits: QueryLimits;
  /** The cross-request cache and this request's scope in it; absent when the cache is off. */
  readonly cache?: RequestCache;
  /** Told the key count of every loader batch, by GraphQL type name (metrics); must not throw. */
  readonly onBatch?: (entity: string, keys: number) => void;
  /** The site (EM server) these calls go to, for spans; see ids/siteIds.ts. */
  readonly site?: string;
  /** Traces batches (`inBatchSpan`) and, through the EM client, its calls; absent when tracing is off. */
  readonly tracer?: Tracer;
}

/** The cache as one request sees it: the shared store, the request's scope (see cacheScope.ts), the TTLs. */
export interface RequestCache {
  readonly store: SharedCache;
  readonly scope: string;
  readonly ttls: CacheTtls;
}
