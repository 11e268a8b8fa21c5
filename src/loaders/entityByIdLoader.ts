import DataLoader from "dataloader";
import { orOfUids } from "../filters/index.js";
import type { EmQuery } from "../upstream/EmQuery.js";
import { chunkToFit } from "./chunkToFit.js";
import type { EntityRow, EntitySource } from "./EntitySource.js";
import { fitsUrl } from "./fitsUrl.js";
import { BATCH_PAGE_ROWS, type QueryDeps } from "./QueryDeps.js";

/**
 * A per-request loader of entities by canonical URN (see `normalizeId`).
 *
 * One batch is one query-service request, `format=Entities` with an OR of id comparisons on the type's id
 * field (`Id` for CDP types, `UID` for the others), split only where the URL would pass the configured
 * length cap. Results come back in key order, null for an id EM does not know. The same URN asked twice in
 * one request is loaded once (DataLoader's cache, scoped to the request).
 */
export function entityByIdLoader<T extends EntityRow>(
  deps: QueryDeps,
  source: EntitySource<T>,
): DataLoader<string, T | null, string> {
  const idField = source.query.fields["id"];
  if (!idField) throw new Error(`${source.typeName} has no id query field`);
  return new DataLoader<string, T | null, string>(
    async (keys) => {
      deps.onBatch?.(source.typeName, keys.length);
      const queryFor = (chunk: readonly string[]): EmQuery => ({
        type: source.query.queryType,
        format: "Entities",
        filter: orOfUids(idField.emField, chunk),
        pageSize: chunk.length,
        page: 1,
      });
      const chunks = chunkToFit(keys, (chunk) => fitsUrl(deps, queryFor(chunk)));
      const pages = await Promise.all(
        chunks.map((chunk) => deps.em.queryRows(queryFor(chunk), deps.call, source)),
      );
      const found = new Map<string, T>();
      for (const page of pages) for (const entity of page.rows) found.set(entity.id, entity);
      return keys.map((key) => found.get(key) ?? null);
    },
    { maxBatchSize: BATCH_PAGE_ROWS },
  );
}
