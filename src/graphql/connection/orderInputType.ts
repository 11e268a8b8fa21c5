import { Field, InputType, registerEnumType } from "type-graphql";
import type { QueryEntity } from "../../filters/QueryField.js";
import { SortDirection } from "./SortDirection.js";

/** `creationTimeUtc` → `CREATION_TIME_UTC`. */
function constantCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
}

/**
 * Declares `<Type>OrderField` (one value per queryable field of the entity) and the `<Type>Order` input
 * (`{ field, direction }`). The enum's runtime values are the GraphQL field names, which `toEmSort` maps
 * to EM's query field names, so sortable and filterable fields are the same set by construction.
 *
 * Hazard: call once per entity (GraphQL type names must be unique).
 */
export function orderInputType(typeName: string, entity: QueryEntity) {
  const values: Record<string, string> = {};
  for (const field of Object.keys(entity.fields)) values[constantCase(field)] = field;
  registerEnumType(values, {
    name: `${typeName}OrderField`,
    description: `Fields of ${typeName} that EM can sort by (query \`type=${entity.queryType}\`).`,
  });

  @InputType(`${typeName}Order`, {
    description: `Order of a ${typeName} list; sent to EM as sortAsc/sortDesc.`,
  })
  class OrderInput {
    @Field(() => values, { description: "The field to sort by." })
    field!: string;

    @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
    direction!: SortDirection;
  }

  return OrderInput;
}
