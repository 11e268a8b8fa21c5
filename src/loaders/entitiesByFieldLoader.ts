import DataLoader from "dataloader";
import { inBatchSpan } from "./inBatchSpan.js";
import { MAX_FILTER_COMPARISONS, translateFilter } from "../filters/index.js";
import type { EmQuery } from "../upstream/EmQuery.js";
import { chunkToFit } from "./chunkToFit.js";
import type { EntityRow, EntitySource } from "./EntitySource.js";
import { fitsUrl } from "./fitsUrl.js";
import { BATCH_PAGE_ROWS, type QueryDeps } from "./QueryDeps.js";

/**
 * A per-request loader of the entities whose string query field `field` equals each key, for answers that
 * name entities instead of linking them (the repository report names repositories). One batch is one
 * query-service request with an OR of equalities, written by the filter translator (so a hostile name is
 * quoted like any filter value), split where the URL or the comparison cap would be passed; each page
 * reads up to BATCH_PAGE_ROWS rows and further pages are followed. A key matches rows whose field equals it
 * ignoring case, as EM compares strings.
 */
export function entitiesByFieldLoader<T extends EntityRow>(
  deps: QueryDeps,
  source: EntitySource<T>,
  field: string,
): DataLoader<string, T[], string> {
  const queryField = source.query.fields[field];
  if (queryField?.kind !== "string")
    throw new Error(`${source.typeName}.${field} is not a string query field`);
  return new DataLoader<string, T[], string>(
    (keys) =>
      inBatchSpan(deps, `${source.typeName}.${field}`, keys.length, async () => {
        const queryFor = (chunk: readonly string[], page = 1): EmQuery => {
          const filter = translateFilter({ [field]: { in: chunk } }, source.query, ["filter"]);
          return {
            type: source.query.queryType,
            format: "Entities",
            ...(filter.kind === "expression" ? { filter: filter.text } : {}),
            pageSize: BATCH_PAGE_ROWS,
            page,
          };
        };
        const fits = (chunk: readonly string[]) =>
          chunk.length <= MAX_FILTER_COMPARISONS && fitsUrl(deps, queryFor(chunk));
        const chunks = chunkToFit(keys, fits);
        const rows = await Promise.all(
          chunks.map(async (chunk) => {
            const first = await deps.em.queryRows(queryFor(chunk), deps.call, source);
            const rest = await Promise.all(
              Array.from({ length: Math.max(0, first.pagesCount - 1) }, (_, i) =>
                deps.em.queryRows(queryFor(chunk, i + 2), deps.call, source),
              ),
            );
            return [first, ...rest].flatMap((page) => page.rows);
          }),
        );
        const byValue = new Map<string, T[]>();
        for (const row of rows.flat()) {
          const value = String(row[field] ?? "").toLowerCase();
          const list = byValue.get(value);
          if (list) list.push(row);
          else byValue.set(value, [row]);
        }
        return keys.map((key) => byValue.get(key.toLowerCase()) ?? []);
      }),
    { maxBatchSize: MAX_FILTER_COMPARISONS },
  );
}
