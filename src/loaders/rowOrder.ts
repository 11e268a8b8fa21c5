import type { QueryEntity, QueryField } from "../filters/index.js";
import { UnreachableCaseError } from "../filters/index.js";
import type { EntityRow } from "./EntitySource.js";

/**
 * The order EM gives a list sorted on query field `field` (`sortAsc`/`sortDesc`), as a comparator of
 * mapped rows, for merging the lists of several sites: strings and UIDs case-insensitively by UTF-16 code
 * unit (EM's case-insensitive collation, as the simulator reads it), enums by EM's ordinal, times, numbers,
 * booleans (false first); an absent value first ascending and last descending, as SQL Server sorts NULL.
 *
 * Reads the row's property of the same name. A query field the objects do not carry (a task session's
 * `jobName`) compares every row equal: the merge then keeps each site's own order, site after site.
 */
export function rowOrder(
  query: QueryEntity,
  field: string,
  direction: "ASC" | "DESC",
): (a: EntityRow, b: EntityRow) => number {
  const definition = query.fields[field];
  if (!definition) throw new TypeError(`${query.queryType} has no query field ${field}`);
  const key = sortKeyOf(definition);
  const sign = direction === "ASC" ? 1 : -1;
  return (a, b) => {
    const x = key(a[field]);
    const y = key(b[field]);
    if (x === y) return 0;
    if (x === undefined) return -sign;
    if (y === undefined) return sign;
    return (x < y ? -1 : 1) * sign;
  };
}

/** A value's sort key: comparable with `<`, undefined when absent or of an unexpected type. */
function sortKeyOf(field: QueryField): (value: unknown) => string | number | undefined {
  switch (field.kind) {
    case "string":
    case "uid":
      return (value) => (typeof value === "string" ? value.toLowerCase() : undefined);
    case "long":
      return (value) => (typeof value === "number" ? value : undefined);
    case "dateTime":
      return (value) => (value instanceof Date ? value.getTime() : undefined);
    case "boolean":
      return (value) => (typeof value === "boolean" ? Number(value) : undefined);
    case "enum": {
      const ordinals = new Map(Object.values(field.values).map((value, index) => [value, index]));
      return (value) => (typeof value === "string" ? ordinals.get(value) : undefined);
    }
    default:
      throw new UnreachableCaseError(field);
  }
}
