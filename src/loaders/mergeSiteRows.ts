import { positionOf, type SitePositions } from "./siteCursor.js";

/** One site's next rows in a list's order, read from its position. */
export interface SiteRows<T> {
  readonly site: string;
  readonly rows: readonly T[];
}

/** A merged row: its site, and every site's position just after it (what its cursor holds). */
export interface MergedRow<T> {
  readonly site: string;
  readonly row: T;
  readonly positions: SitePositions;
}

/**
 * The first `first` rows of a k-way merge of the sites' rows (each already in the list's order) by
 * `before`; on a tie, the site listed first wins, so the merge is a function of its inputs and a page read
 * from the positions another page ended at continues that page exactly. `start` holds each site's position
 * before the first of its rows given here. Pure; k is small (the sites), so each step scans the heads.
 */
export function mergeSiteRows<T>(
  lists: readonly SiteRows<T>[],
  before: (a: T, b: T) => number,
  first: number,
  start: SitePositions,
): MergedRow<T>[] {
  const next = lists.map(() => 0);
  const positions: Record<string, number> = { ...start };
  const merged: MergedRow<T>[] = [];
  while (merged.length < first) {
    let best = -1;
    lists.forEach((list, index) => {
      const head = list.rows[next[index]!];
      if (head === undefined) return;
      if (best < 0 || before(head, lists[best]!.rows[next[best]!]!) < 0) best = index;
    });
    if (best < 0) break;
    const { site, rows } = lists[best]!;
    const row = rows[next[best]!]!;
    next[best]! += 1;
    positions[site] = positionOf(positions, site) + 1;
    merged.push({ site, row, positions: { ...positions } });
  }
  return merged;
}
