import { Field, InputType, type ClassType } from "type-graphql";
import type { QueryEntity, QueryField } from "../filters/QueryField.js";
import { UnreachableCaseError } from "../filters/UnreachableCaseError.js";
import { BooleanFilter } from "./filterInputs/BooleanFilter.js";
import { DateTimeFilter } from "./filterInputs/DateTimeFilter.js";
import { enumFilterOf } from "./filterInputs/enumFilters.js";
import { IdFilter } from "./filterInputs/IdFilter.js";
import { LongFilter } from "./filterInputs/LongFilter.js";
import { StringFilter } from "./filterInputs/StringFilter.js";

/** The operator input of a query field's kind. */
function operatorInput(field: QueryField): object {
  switch (field.kind) {
    case "uid":
      return IdFilter;
    case "string":
      return StringFilter;
    case "long":
      return LongFilter;
    case "dateTime":
      return DateTimeFilter;
    case "boolean":
      return BooleanFilter;
    case "enum":
      return enumFilterOf(field.values);
    default:
      throw new UnreachableCaseError(field);
  }
}

function fieldDescription(field: QueryField): string {
  const note =
    field.kind === "uid" ? ` (IDs of ${field.uidType})` : field.kind === "dateTime" ? " (UTC)" : "";
  return `EM query field \`${field.emField}\`${note}.`;
}

/**
 * Declares `<Type>Filter`: one field per query field of the entity, under the same name and with the
 * operator input of its kind, plus `and`, `or` and `not`. `translateFilter(filter, query, path)` turns a
 * value of it into EM's filter syntax; the table, not this class, says which EM field each field reaches.
 */
export function entityFilterInput(typeName: string, what: string, query: QueryEntity): ClassType {
  const name = `${typeName}Filter`;
  const Filter = { [name]: class {} }[name]!;
  for (const [fieldName, field] of Object.entries(query.fields)) {
    Field(() => operatorInput(field), { nullable: true, description: fieldDescription(field) })(
      Filter.prototype,
      fieldName,
    );
  }
  const combine = (key: string, description: string, list: boolean) =>
    Field(() => (list ? [Filter] : Filter), { nullable: true, description })(Filter.prototype, key);
  combine("and", "All of these filters hold. An empty list matches everything.", true);
  combine("or", "At least one of these filters holds. An empty list matches nothing.", true);
  const example =
    "endTimeUtc" in query.fields
      ? "`not: { endTimeUtc: { lt: T } }` does not select records without an end time"
      : "`not: { name: { eq: X } }` does not select records without a name";
  combine(
    "not",
    `This filter does not hold. A comparison with a value the record lacks stays false under \`not\`, as in SQL: ${example}.`,
    false,
  );
  InputType(name, {
    description:
      `Conditions on ${what}, evaluated by Enterprise Manager's query service (\`type=${query.queryType}\`). ` +
      "Fields given together must all hold; `and`, `or` and `not` combine whole filters. An empty filter " +
      "matches everything, `or: []` nothing.",
  })(Filter);
  return Filter;
}
