import { badUserInput } from "../errors/badUserInput.js";
import { toEmSort, translateFilter, type FilterSite } from "../filters/index.js";
import { decodeCursor } from "./cursor.js";
import type { EntityRow, EntitySource } from "./EntitySource.js";
import type { ListWindow } from "./fetchConnection.js";
import type { MergedWindow } from "./fetchMergedConnection.js";
import type { QueryLimits } from "./QueryDeps.js";
import { decodeSiteCursor } from "./siteCursor.js";

/** The arguments of a connection field, as type-graphql hands them over. */
export interface ListArgs {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly orderBy?: { readonly field: string; readonly direction: "ASC" | "DESC" } | null;
  readonly filter?: unknown;
}

const NOT_OUR_CURSOR =
  "after is not a cursor issued by this API: pass the `pageInfo.endCursor` (or an edge's `cursor`) " +
  "of the previous page of the same list, or leave `after` out to start at the beginning";

/**
 * Validates a connection field's arguments and turns them into the window to read on one site: bounds on
 * `first`, a cursor this gateway issued, the filter translated to EM syntax for `site` and the order mapped
 * to EM's field. Every rejection is a `BAD_USER_INPUT` naming the argument, raised before any upstream call.
 */
export function toListWindow<T extends EntityRow>(
  args: ListArgs,
  source: EntitySource<T>,
  limits: QueryLimits,
  site?: FilterSite,
): ListWindow {
  const first = firstOf(args, limits);
  let offset = 0;
  if (args.after != null) {
    const after = decodeCursor(args.after);
    if (after === undefined) throw badUserInput(NOT_OUR_CURSOR, ["after"]);
    offset = after + 1;
  }
  return {
    offset,
    first,
    filter: translateFilter(args.filter ?? undefined, source.query, ["filter"], site),
    ...orderOf(args, source),
  };
}

/**
 * Like `toListWindow`, for a list merged from several sites: the cursor holds each site's position
 * (siteCursor.ts), and the filter is translated once per site by the caller (`translateFilter` with the site).
 */
export function toMergedWindow<T extends EntityRow>(
  args: ListArgs,
  source: EntitySource<T>,
  limits: QueryLimits,
): MergedWindow {
  const first = firstOf(args, limits);
  const positions = args.after == null ? {} : decodeSiteCursor(args.after);
  if (positions === undefined) throw badUserInput(NOT_OUR_CURSOR, ["after"]);
  return { positions, first, ...orderOf(args, source) };
}

function firstOf(args: ListArgs, limits: QueryLimits): number {
  const first = args.first ?? limits.defaultPageSize;
  if (!Number.isInteger(first) || first < 0 || first > limits.maxPageSize) {
    throw badUserInput(`first must be between 0 and ${limits.maxPageSize}; got ${first}`, ["first"]);
  }
  return first;
}

function orderOf<T extends EntityRow>(
  args: ListArgs,
  source: EntitySource<T>,
): Pick<ListWindow, "order" | "sort"> {
  const order = args.orderBy ?? source.defaultOrder;
  return {
    order: { field: order.field, direction: order.direction },
    sort: toEmSort(source.query, order.field, order.direction),
  };
}
