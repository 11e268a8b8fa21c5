import type { TranslatedFilter } from "../filters/index.js";
import type { Connection, Edge } from "./Connection.js";
import type { EntityRow, EntitySource } from "./EntitySource.js";
import { fetchConnection, type ListWindow } from "./fetchConnection.js";
import type { QueryDeps } from "./QueryDeps.js";
import { rowOrder } from "./rowOrder.js";
import { encodeSiteCursor, type SitePositions } from "./siteCursor.js";

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
        offset: window.positions[part.site] ?? 0,
        first: window.first,
        filter: part.filter,
        order: window.order,
        sort: window.sort,
      }),
    ),
  );
  const answered: Array<{ site: string; connection: Connection<T>; next: number }> = [];
  settled.forEach((result, index) => {
    const site = asked[index]!.site;
    if (result.status === "fulfilled") answered.push({ site, connection: result.value, next: 0 });
    else onSiteFailure(site, result.reason);
  });

  const before = rowOrder(source.query, window.order.field, window.order.direction);
  const positions: Record<string, number> = { ...window.positions };
  const edges: Edge<T>[] = [];
  while (edges.length < window.first) {
    // The head that sorts first; on a tie the earlier site (answered keeps the sites' order).
    let best: (typeof answered)[number] | undefined;
    for (const candidate of answered) {
      const head = candidate.connection.nodes[candidate.next];
      if (head === undefined) continue;
      if (!best || before(head, best.connection.nodes[best.next]!) < 0) best = candidate;
    }
    if (!best) break;
    const node = best.connection.nodes[best.next]!;
    best.next += 1;
    positions[best.site] = (positions[best.site] ?? 0) + 1;
    edges.push({ cursor: encodeSiteCursor(positions), node });
  }
  const hasNextPage = answered.some(
    ({ connection, next }) => next < connection.nodes.length || connection.pageInfo.hasNextPage,
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
