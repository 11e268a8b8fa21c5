import type { QueryDeps } from "./QueryDeps.js";

/**
 * Characters left for the encoded `filter` value of a query URL once everything else is counted. The
 * allowance covers `/query?type=…&format=Entities&sortDesc=…&pageSize=…&page=…&filter=` generously.
 */
export function filterBudget(deps: QueryDeps, otherEncodedFilterText = ""): number {
  const fixed = deps.baseUrl.length + 160;
  return deps.limits.maxUrlLength - fixed - encodeURIComponent(otherEncodedFilterText).length;
}
