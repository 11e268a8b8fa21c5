import { badUserInput } from "../errors/badUserInput.js";
import { toEmSort, translateFilter } from "../filters/index.js";
import { decodeCursor } from "./cursor.js";
import type { EntityRow, EntitySource } from "./EntitySource.js";
import type { ListWindow } from "./fetchConnection.js";
import type { QueryLimits } from "./QueryDeps.js";

/** The arguments of a connection field, as type-graphql hands them over. */
export interface ListArgs {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly orderBy?: { readonly field: string; readonly direction: "ASC" | "DESC" } | null;
  readonly filter?: unknown;
}

/**
 * Validates a connection field's arguments and turns them into the window to read: bounds on `first`, a
 * cursor this gateway issued, the filter translated to EM syntax and the order mapped to EM's field.
 * Every rejection is a `BAD_USER_INPUT` naming the argument, raised before any upstream call.
 */
export function toListWindow<T extends EntityRow>(
  args: ListArgs,
  source: EntitySource<T>,
  limits: QueryLimits,
): ListWindow {
  const first = args.first ?? limits.defaultPageSize;
  if (!Number.isInteger(first) || first < 0 || first > limits.maxPageSize) {
    throw badUserInput(`first must be between 0 and ${limits.maxPageSize}; got ${first}`, ["first"]);
  }
  let offset = 0;
  if (args.after != null) {
    const after = decodeCursor(args.after);
    if (after === undefined)
      throw badUserInput(
        "after is not a cursor issued by this API: pass the `pageInfo.endCursor` (or an edge's `cursor`) " +
          "of the previous page of the same list, or leave `after` out to start at the beginning",
        ["after"],
      );
    offset = after + 1;
  }
  const order = args.orderBy ?? source.defaultOrder;
  return {
    offset,
    first,
    filter: translateFilter(args.filter ?? undefined, source.query, ["filter"]),
    sort: toEmSort(source.query, order.field, order.direction),
  };
}
