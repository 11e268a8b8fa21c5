import type { TranslatedFilter } from "../filters/index.js";
import type { Connection, Edge } from "./Connection.js";
import type { EntityRow, EntitySource } from "./EntitySource.js";
import { fetchConnection, type ListWindow } from "./fetchConnection.js";
import type { QueryDeps } from "./QueryDeps.js";
import { rowOrder } from "./rowOrder.js";
import { mergeSiteRows } from "./mergeSiteRows.js";
import { encodeSiteCursor, positionOf, type SitePositions } from "./siteCursor.js";

/** One site's part of a merged list: how to reach it, and the list's filter as translated for it. */
export interface SiteListPart {
  readonly site: string;
  readonly deps: QueryDeps;
  /** `none` when the filter can only match elsewhere (ids of other sites): the site is not asked. */
  readonly filter: TranslatedFilter;
}

/** A window of a merged list: where it starts on each site, its size and its order. */
export interface MergedWindow extends Pick<ListWindow, "first" | "order" | "sort"> {
  readonly positions: SitePositions;
}

/**
 * One page of a list spanning several sites, merged in the requested order: a k-way merge of each site's
 * next `first` rows (from its own position, `fetchConnection`), ties broken by the order of the sites, so
 * the merge is the same on every page. Each edge's cursor holds every site's position after it
 * (siteCursor.ts), so the next page is exact whatever the interleaving; `totalCount` is the sum of the
 * sites' counts.
 *
 * Upstream cost: per site, what the same window costs on one site (one query, two at most; none for a
 * site whose filter is `none`); the sites are asked in parallel, so the page takes as long as the slowest.
 *
 * Partial results: a site that fails is reported to `onSiteFailure` (once, with its error) and contributes
 * no rows; its position does not move, so a later page reads its rows once it answers again.
 */
export async function fetchMergedConnection<T extends EntityRow>(
  parts: readonly SiteListPart[],
  source: EntitySource<T>,
  window: MergedWindow,
  onSiteFailure: (site: string, error: unknown) => void,
): Promise<Connection<T>> {
  const asked = parts.filter((part) => part.filter.kind !== "none");
  const settled = await Promise.allSettled(
    asked.map((part) =>
      fetchConnection(part.deps, source, {
        offset: positionOf(window.positions, part.site),
        first: window.first,
        filter: part.filter,
        order: window.order,
        sort: window.sort,
      }),
    ),
  );
  const answered: Array<{ site: string; connection: Connection<T> }> = [];
  settled.forEach((result, index) => {
    const site = asked[index]!.site;
    if (result.status === "fulfilled") answered.push({ site, connection: result.value });
    else onSiteFailure(site, result.reason);
  });

  const merged = mergeSiteRows(
    answered.map(({ site, connection }) => ({ site, rows: connection.nodes })),
    rowOrder(source.query, window.order.field, window.order.direction),
    window.first,
    window.positions,
  );
  const edges: Edge<T>[] = merged.map(({ row, positions }) => ({
    cursor: encodeSiteCursor(positions),
    node: row,
  }));
  const taken = new Map<string, number>();
  for (const { site } of merged) taken.set(site, (taken.get(site) ?? 0) + 1);
  const hasNextPage = answered.some(
    ({ site, connection }) =>
      (taken.get(site) ?? 0) < connection.nodes.length || connection.pageInfo.hasNextPage,
  );
  let total: Promise<number> | undefined;
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage,
      hasPreviousPage: Object.values(window.positions).some((position) => position > 0),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    get totalCount() {
      return (total ??= sumCounts(answered, onSiteFailure));
    },
  };
}

/** The sum of the sites' counts; a site whose count fails is reported and left out. */
async function sumCounts(
  answered: ReadonlyArray<{ site: string; connection: Connection<EntityRow> }>,
  onSiteFailure: (site: string, error: unknown) => void,
): Promise<number> {
  const counts = await Promise.allSettled(answered.map(({ connection }) => connection.totalCount));
  let sum = 0;
  counts.forEach((count, index) => {
    if (count.status === "fulfilled") sum += count.value;
    else onSiteFailure(answered[index]!.site, count.reason);
  });
  return sum;
}
