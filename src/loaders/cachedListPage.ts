import { createHash } from "node:crypto";
import type { EmQuery } from "../upstream/EmQuery.js";
import type { DecodedPage } from "../upstream/QueryPageDecoder.js";
import { isRowOf } from "./isRowOf.js";
import type { EntityRow, EntitySource } from "./EntitySource.js";
import type { QueryDeps } from "./QueryDeps.js";

/**
 * One page of a root list or search, through the cache only when the operator opened the live window
 * (`CACHE_LIVE_TTL_S` > 0): a list is where new sessions appear, so by default every list call reaches EM.
 * The key is the whole EM query (type, filter, order, page size and number), hashed.
 */
export async function cachedListPage<T extends EntityRow>(
  deps: QueryDeps,
  source: EntitySource<T>,
  query: EmQuery,
): Promise<DecodedPage<T>> {
  const cache = deps.cache;
  if (!cache || cache.ttls.liveMs <= 0) return deps.em.queryRows(query, deps.call, source);
  const entity = `${source.typeName}.list`;
  const digest = createHash("sha256").update(JSON.stringify(query)).digest("hex").slice(0, 32);
  const key = cache.store.key(cache.scope, "list", source.typeName, digest);
  const [cached] = await cache.store.read(entity, [key], (value): value is DecodedPage<T> =>
    isPageOf(value, source.typeName),
  );
  if (cached) return cached;
  const page = await deps.em.queryRows(query, deps.call, source);
  cache.store.write(entity, [{ key, value: page, ttlMs: cache.ttls.liveMs }]);
  return page;
}

function isPageOf(value: unknown, typeName: string): boolean {
  if (typeof value !== "object" || value === null) return false;
  const page = value as Record<string, unknown>;
  return (
    Array.isArray(page["rows"]) &&
    typeof page["pagesCount"] === "number" &&
    page["rows"].every((row) => isRowOf(row, typeName, (row as EntityRow).id))
  );
}
