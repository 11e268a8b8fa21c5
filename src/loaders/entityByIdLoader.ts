import DataLoader from "dataloader";
import { ATTR } from "../telemetry/spanAttributes.js";
import { inBatchSpan } from "./inBatchSpan.js";
import { orOfUids } from "../filters/index.js";
import type { EmQuery } from "../upstream/EmQuery.js";
import { chunkToFit } from "./chunkToFit.js";
import type { EntityRow, EntitySource } from "./EntitySource.js";
import { fitsUrl } from "./fitsUrl.js";
import { mayCache, rowTtlMs } from "./Freshness.js";
import { isRowOf } from "./isRowOf.js";
import { BATCH_PAGE_ROWS, type QueryDeps } from "./QueryDeps.js";

/**
 * A per-request loader of entities by canonical URN (see `normalizeId`).
 *
 * One batch is one query-service request, `format=Entities` with an OR of id comparisons on the type's id
 * field (`Id` for CDP types, `UID` for the others), split only where the URL would pass the configured
 * length cap. Results come back in key order, null for an id EM does not know. The same URN asked twice in
 * one request is loaded once (DataLoader's cache, scoped to the request).
 *
 * With the cross-request cache, a batch first reads all its keys from the cache in one round trip, asks
 * EM only for the misses, and writes what EM answered back for as long as the row's freshness allows
 * (`rowTtlMs`: a stopped session for a day, a server for a minute, a running session not at all by
 * default). Ids EM does not know are not cached.
 */
export function entityByIdLoader<T extends EntityRow>(
  deps: QueryDeps,
  source: EntitySource<T>,
): DataLoader<string, T | null, string> {
  const idField = source.query.fields["id"];
  if (!idField) throw new Error(`${source.typeName} has no id query field`);
  return new DataLoader<string, T | null, string>(
    (keys) =>
      inBatchSpan(deps, source.typeName, keys.length, async (span) => {
        const cache = deps.cache && mayCache(source, deps.cache.ttls) ? deps.cache : undefined;
        const cacheKey = (id: string) => cache!.store.key(cache!.scope, "row", source.typeName, id);
        const cached: (T | undefined)[] = cache
          ? await cache.store.read(source.typeName, keys.map(cacheKey), (value, index): value is T =>
              isRowOf(value, source.typeName, keys[index]!),
            )
          : [];
        const missing = keys.filter((_, index) => cached[index] === undefined);
        span?.setAttribute(ATTR.BATCH_CACHE_HITS, keys.length - missing.length);
        if (missing.length === 0) return keys.map((_, index) => cached[index]!);
        const queryFor = (chunk: readonly string[]): EmQuery => ({
          type: source.query.queryType,
          format: "Entities",
          filter: orOfUids(idField.emField, chunk),
          pageSize: chunk.length,
          page: 1,
        });
        const chunks = chunkToFit(missing, (chunk) => fitsUrl(deps, queryFor(chunk)));
        const pages = await Promise.all(
          chunks.map((chunk) => deps.em.queryRows(queryFor(chunk), deps.call, source)),
        );
        const found = new Map<string, T>();
        for (const page of pages) for (const entity of page.rows) found.set(entity.id, entity);
        if (cache) {
          cache.store.write(
            source.typeName,
            [...found.values()].map((row) => ({
              key: cacheKey(row.id),
              value: row,
              ttlMs: rowTtlMs(source.freshness, row, cache.ttls),
            })),
          );
        }
        return keys.map((key, index) => cached[index] ?? found.get(key) ?? null);
      }),
    { maxBatchSize: BATCH_PAGE_ROWS },
  );
}
