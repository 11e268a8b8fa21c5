import type { TranslatedFilter } from "../filters/index.js";
import type { Connection } from "./Connection.js";
import { cachedListPage } from "./cachedListPage.js";
import { encodeCursor } from "./cursor.js";
import { planEmPages } from "./planEmPages.js";
import type { EmQuery, EmQueryPage } from "../upstream/EmClient.js";
import type { EntityRow, EntitySource } from "./EntitySource.js";
import type { QueryDeps } from "./QueryDeps.js";

/** A window of a filtered, ordered list, as a connection field's arguments describe it. */
export interface ListWindow {
  /** Zero-based offset of the first item wanted (the `after` cursor's offset plus one). */
  readonly offset: number;
  /** Items wanted, ≥ 0 and already capped. */
  readonly first: number;
  readonly filter: TranslatedFilter;
  /** The order asked for, by GraphQL query field (what merging several sites' lists compares). */
  readonly order: { readonly field: string; readonly direction: "ASC" | "DESC" };
  /** The same order as EM's query parameter. */
  readonly sort: { readonly sortAsc?: string; readonly sortDesc?: string };
}

/**
 * Reads one window of an EM list through the query service (`format=Entities`, always an explicit
 * `pageSize`) and returns it as a connection.
 *
 * Upstream cost: none for a filter that matches nothing; otherwise one request (two when no page size up
 * to twice the window covers it, see `planEmPages`), plus one request for `totalCount` only when the
 * field is selected and the window did not reach the end of the list.
 */
export async function fetchConnection<T extends EntityRow>(
  deps: QueryDeps,
  source: EntitySource<T>,
  window: ListWindow,
): Promise<Connection<T>> {
  if (window.filter.kind === "none") return emptyConnection(window.offset);
  const base: EmQuery = {
    type: source.query.queryType,
    format: "Entities",
    filter: window.filter.kind === "expression" ? window.filter.text : undefined,
    ...window.sort,
    pageSize: 1,
    page: 1,
  };
  let total: Promise<number> | undefined;
  // `pageSize=1` makes EM's PagesCount the number of matching items: the cheapest count EM offers.
  const countOnce = (): Promise<number> =>
    (total ??= deps.em.query({ ...base, pageSize: 1, page: 1 }, deps.call).then(countFromSinglePage));

  if (window.first === 0) {
    // A count-only or "is there more?" question: one single-item page at the offset answers both.
    const probe = await deps.em.query({ ...base, pageSize: 1, page: window.offset + 1 }, deps.call);
    if (probe.items.length > 0) total = Promise.resolve(probe.pagesCount);
    else if (window.offset === 0) total = Promise.resolve(0);
    return assemble([], window.offset, probe.items.length > 0, countOnce);
  }

  const plan = planEmPages(window.offset, window.first, deps.limits.maxPageSize * 2);
  const pageNumbers = plan.pageCount === 1 ? [plan.firstPage] : [plan.firstPage, plan.firstPage + 1];
  const pages = await Promise.all(
    pageNumbers.map((page) => cachedListPage(deps, source, { ...base, pageSize: plan.pageSize, page })),
  );
  const items = pages.flatMap((page) => page.rows);
  const slice = items.slice(plan.skip, plan.skip + window.first);
  const lastPage = pages[pages.length - 1]!;
  const lastPageNumber = pageNumbers[pageNumbers.length - 1]!;
  const moreInFetched = items.length > plan.skip + window.first;
  const hasNextPage = moreInFetched || lastPageNumber < lastPage.pagesCount;
  if (lastPageNumber >= lastPage.pagesCount && lastPage.rows.length > 0) {
    // The window reached the last page, so the count is known without asking EM again.
    total = Promise.resolve((lastPageNumber - 1) * plan.pageSize + lastPage.rows.length);
  } else if (window.offset === 0 && items.length === 0) {
    total = Promise.resolve(0);
  }
  return assemble(slice, window.offset, hasNextPage, countOnce);
}

/** Builds the connection value; `count` runs at most once, and only if `totalCount` is read. */
export function assemble<T>(
  nodes: readonly T[],
  offset: number,
  hasNextPage: boolean,
  count: () => Promise<number> | number,
): Connection<T> {
  const edges = nodes.map((node, index) => ({ cursor: encodeCursor(offset + index), node }));
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    get totalCount() {
      return count();
    },
  };
}

/** A connection for a filter that provably matches nothing: answered without asking EM. */
export function emptyConnection<T>(offset: number): Connection<T> {
  return assemble<T>([], offset, false, () => 0);
}

function countFromSinglePage(page: EmQueryPage): number {
  return page.items.length === 0 ? 0 : page.pagesCount;
}
