import type { EntityRow } from "./EntitySource.js";

/**
 * How long what EM said about an entity stays true, declared per entity (`freshness` in its declaration)
 * and read by the cache. The times themselves are configuration (`CACHE_*_TTL_S`).
 *
 * - `slowly-changing`: servers, policies, jobs, repositories; renamed or edited now and then, cached for
 *   the short `CACHE_RESOURCE_TTL_S`.
 * - `history`: sessions and task sessions. A row for which `isFinal` holds (a stopped session, a completed
 *   task) never changes again and is cached for the long `CACHE_FINISHED_TTL_S`, and so are the child
 *   connections of a final parent (its task sessions are final too). Other rows are running: cached only
 *   within `CACHE_LIVE_TTL_S`, which is 0 (never) unless the operator accepts that much staleness. Root
 *   lists and searches, where new sessions appear, share that window (`cachedListPage`).
 */
export type Freshness =
  | { readonly kind: "slowly-changing" }
  | {
      readonly kind: "history";
      readonly isFinal: (row: EntityRow) => boolean;
      /**
       * The field and value that make a row final, as a query field of the entity (`state` = `Stopped`):
       * live feeds ask EM for the rows that are not final yet.
       */
      readonly finalWhen: { readonly field: string; readonly value: string };
    };

/** The freshness of a history entity whose rows are final once `field` holds `value` (EM's spelling). */
export function historyFinalWhen(field: string, value: string): Freshness {
  return { kind: "history", isFinal: (row) => row[field] === value, finalWhen: { field, value } };
}

/** The configured times to live, ms; 0 = not cached. */
export interface CacheTtls {
  readonly finishedMs: number;
  readonly resourceMs: number;
  readonly liveMs: number;
}

/** How long a row of this freshness may be served from the cache, ms (0 = not at all). */
export function rowTtlMs(freshness: Freshness, row: EntityRow, ttls: CacheTtls): number {
  if (freshness.kind === "slowly-changing") return ttls.resourceMs;
  return freshness.isFinal(row) ? ttls.finishedMs : ttls.liveMs;
}

/**
 * How long the child connection of `parent` may be served from the cache: a final session's task sessions
 * for the long TTL; any other parent's children (a job's sessions, a server's repositories, a running
 * session's tasks) are a list that grows, so only within the live window.
 */
export function childrenTtlMs(
  parentFreshness: Freshness | undefined,
  parent: EntityRow,
  ttls: CacheTtls,
): number {
  if (parentFreshness?.kind === "history" && parentFreshness.isFinal(parent)) return ttls.finishedMs;
  return ttls.liveMs;
}

/** False when no row of this freshness could be cached under these TTLs (skip the cache's round trip). */
export function mayCache(source: { readonly freshness: Freshness }, ttls: CacheTtls): boolean {
  const freshness = source.freshness;
  if (freshness.kind === "slowly-changing") return ttls.resourceMs > 0;
  return ttls.finishedMs > 0 || ttls.liveMs > 0;
}
