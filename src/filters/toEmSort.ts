import { FilterInputError } from "./FilterInputError.js";
import type { QueryEntity } from "./QueryField.js";
import { UnreachableCaseError } from "./UnreachableCaseError.js";

/**
 * The `sortAsc` / `sortDesc` query parameter for ordering an entity by one GraphQL field: the field's EM
 * query name from the same table as the filters (so `creationTimeUtc` sorts replica sessions by
 * `CreationTime` and CDP sessions by `CreationTimeUTC`). EM takes one sort key per query.
 *
 * Throws `FilterInputError` at `path` (default `["orderBy", "field"]`) when the entity has no such field;
 * with a GraphQL enum of field names in front this only happens to callers that bypass the schema.
 */
export function toEmSort(
  entity: QueryEntity,
  field: string,
  direction: "ASC" | "DESC",
  path: readonly (string | number)[] = ["orderBy", "field"],
): { sortAsc?: string; sortDesc?: string } {
  if (!Object.hasOwn(entity.fields, field)) {
    throw new FilterInputError(path, `${entity.queryType} cannot be ordered by "${field}"`);
  }
  const emField = entity.fields[field].emField;
  switch (direction) {
    case "ASC":
      return { sortAsc: emField };
    case "DESC":
      return { sortDesc: emField };
    default:
      throw new UnreachableCaseError(direction);
  }
}
