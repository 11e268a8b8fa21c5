import { combineFilters, FilterInputError, toEmSort, translateFilter } from "../filters/index.js";
import type { TranslatedFilter } from "../filters/index.js";
import { chunkToFit } from "../loaders/chunkToFit.js";
import type { EntityRow, EntitySource } from "../loaders/EntitySource.js";
import { fitsUrl } from "../loaders/fitsUrl.js";
import { BATCH_PAGE_ROWS, type QueryDeps } from "../loaders/QueryDeps.js";
import type { EmQuery } from "../upstream/EmQuery.js";
import { livePollFilter } from "./livePollFilter.js";
import type { LiveSnapshot } from "./LiveSnapshot.js";

/** Pages read per query of one poll at most; beyond them the poll is incomplete (tracking is kept). */
const MAX_PAGES_PER_QUERY = 5;

/** What the poll needs of the gateway: the EM client, the call options of the feed's identity, limits. */
export type PollDeps = Pick<QueryDeps, "em" | "baseUrl" | "call" | "limits">;

/**
 * One poll of a live feed: asks EM for the rows of `filter` that are unfinished, new since the snapshot's
 * window or tracked by it, applies them to the snapshot and returns the rows that changed.
 *
 * Upstream cost: one query (`format=Entities`, creation order); one more before the first poll (the
 * filter's newest row, which starts the window), and one more per group of tracked ids that no longer fits
 * the first query's URL (over about 50 sessions running at once). Nothing goes through the cache: these
 * are the rows that change.
 */
export async function pollLiveRows(
  deps: PollDeps,
  source: EntitySource,
  filter: TranslatedFilter,
  snapshot: LiveSnapshot,
): Promise<EntityRow[]> {
  if (filter.kind === "none") return snapshot.apply({ rows: [], complete: true });
  if (!snapshot.started) {
    const newest = await deps.em.queryRows(
      queryOf(source, filter, { pageSize: 1, page: 1 }, "DESC"),
      deps.call,
      source,
    );
    const created = newest.rows[0]?.["creationTimeUtc"];
    if (created instanceof Date) snapshot.seeNewest(created.getTime());
  }
  const window = snapshot.window;
  const fitsWith = (build: (ids: readonly string[]) => TranslatedFilter) => (ids: readonly string[]) => {
    try {
      return fitsUrl(deps, queryOf(source, build(ids), { pageSize: BATCH_PAGE_ROWS, page: 1 }));
    } catch (error) {
      if (error instanceof FilterInputError) return false; // over the filter's own size caps
      throw error;
    }
  };
  const main = (ids: readonly string[]) => livePollFilter(source, filter, { ...window, tracked: ids });
  const byIds = (ids: readonly string[]) =>
    combineFilters(filter, translateFilter({ id: { in: ids } }, source.query, ["live"]));
  const [first = [], ...rest] = chunkToFit(window.tracked, fitsWith(main));
  const restChunks = chunkToFit(rest.flat(), fitsWith(byIds));
  const results = await Promise.all([
    readAll(deps, source, main(first)),
    ...restChunks.map((ids) => readAll(deps, source, byIds(ids))),
  ]);
  return snapshot.apply({
    rows: results.flatMap((result) => result.rows),
    complete: results.every((result) => result.complete),
  });
}

/** Every page of one filter, in creation order, up to MAX_PAGES_PER_QUERY. */
async function readAll(
  deps: PollDeps,
  source: EntitySource,
  filter: TranslatedFilter,
): Promise<{ rows: EntityRow[]; complete: boolean }> {
  const rows: EntityRow[] = [];
  for (let page = 1; page <= MAX_PAGES_PER_QUERY; page++) {
    const result = await deps.em.queryRows(
      queryOf(source, filter, { pageSize: BATCH_PAGE_ROWS, page }),
      deps.call,
      source,
    );
    rows.push(...result.rows);
    if (page >= result.pagesCount || result.rows.length < BATCH_PAGE_ROWS) return { rows, complete: true };
  }
  return { rows, complete: false };
}

function queryOf(
  source: EntitySource,
  filter: TranslatedFilter,
  paging: { pageSize: number; page: number },
  direction: "ASC" | "DESC" = "ASC",
): EmQuery {
  return {
    type: source.query.queryType,
    format: "Entities",
    filter: filter.kind === "expression" ? filter.text : undefined,
    ...toEmSort(source.query, "creationTimeUtc", direction),
    ...paging,
  };
}
