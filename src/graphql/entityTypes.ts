import { DateTimeResolver, SafeIntResolver } from "graphql-scalars";
import { ArgsType, Field, Float, ID, Int, ObjectType, type ClassType } from "type-graphql";
import type { Entity, FieldType } from "../modules/shared/defineEntity.js";
import { ConnectionArgs } from "./connection/ConnectionArgs.js";
import { connectionType } from "./connection/connectionType.js";
import { orderInputType } from "./connection/orderInputType.js";
import { entityFilterInput } from "./entityFilterInput.js";
import { Node } from "./Node.js";

/** The GraphQL types of one entity, as type-graphql classes. */
export interface EntityTypes {
  /** The object type, implementing `Node`. */
  readonly object: ClassType;
  /** `<Type>Connection` (and its edge). */
  readonly connection: ClassType;
  /** The arguments of every list of the entity: `first`, `after`, `orderBy`, `filter`. */
  readonly listArgs: ClassType;
  /** The root list's: those, and `sites`. */
  readonly rootListArgs: ClassType;
  /** `<Type>Filter`. */
  readonly filter: ClassType;
}

const BUILT = new Map<string, EntityTypes>();

/** The GraphQL type a field declaration names. */
function graphqlType(type: FieldType): unknown {
  switch (type) {
    case "ID":
      return ID;
    case "String":
      return String;
    case "Int":
      return Int;
    case "SafeInt":
      return SafeIntResolver;
    case "Float":
      return Float;
    case "Boolean":
      return Boolean;
    case "DateTime":
      return DateTimeResolver;
    default:
      return type; // a registered enum
  }
}

/** "CDP policies" → "CDP policies", "Replication job sessions" → "replication job sessions". */
function inSentence(plural: string): string {
  return /^[A-Z][a-z]/.test(plural) ? plural[0]!.toLowerCase() + plural.slice(1) : plural;
}

/**
 * The GraphQL types derived from an entity's declaration, declared once per entity (GraphQL type names are
 * unique) and reused by every resolver that names them.
 */
export function entityTypes(entity: Entity): EntityTypes {
  const existing = BUILT.get(entity.typeName);
  if (existing) return existing;
  const name = entity.typeName;
  const Object_ = { [name]: class extends Node {} }[name]!;
  for (const [fieldName, field] of Object.entries(entity.fields)) {
    // ID fields are resolved by the entity's resolver, which adds the row's site (entityResolver.ts).
    if (field.type === "ID") continue;
    Field(() => graphqlType(field.type) as ClassType, {
      nullable: field.nullable ?? false,
      description: field.description,
    })(Object_.prototype, fieldName);
  }
  ObjectType(name, { implements: Node, description: entity.description })(Object_);

  const filter = entityFilterInput(name, inSentence(entity.rootFields.plural), entity.query);
  const order = orderInputType(name, entity.query);
  const ListArgs = { [`${name}ListArgs`]: class extends ConnectionArgs {} }[`${name}ListArgs`]!;
  Field(() => order, {
    nullable: true,
    description: "Order of the list; newest first or by name when omitted.",
  })(ListArgs.prototype, "orderBy");
  Field(() => filter, {
    nullable: true,
    description: "Filter evaluated by EM's query service (never in the gateway).",
  })(ListArgs.prototype, "filter");
  ArgsType()(ListArgs);
  const RootListArgs = { [`${name}RootListArgs`]: class extends ListArgs {} }[`${name}RootListArgs`]!;
  Field(() => [String], {
    nullable: true,
    description:
      "Only the rows of these sites (see `sites`; names compare case-insensitively); every site when omitted.",
  })(RootListArgs.prototype, "sites");
  ArgsType()(RootListArgs);

  const types: EntityTypes = {
    object: Object_,
    connection: connectionType(name, Object_),
    listArgs: ListArgs,
    rootListArgs: RootListArgs,
    filter,
  };
  BUILT.set(name, types);
  return types;
}
