import {
  getNamedType,
  isCompositeType,
  Kind,
  typeFromAST,
  valueFromAST,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

/** The weights of the estimate (graphql-armor's, which the limit was first calibrated with). */
const SCALAR_COST = 1;
const OBJECT_COST = 2;
const DEPTH_FACTOR = 1.5;

/** What `estimateCost` found. */
export interface CostEstimate {
  /** The estimated cost, rounded up to an integer. */
  readonly cost: number;
  /**
   * The page size that multiplies the most, to name in a refusal: the response path of the field (aliases
   * as written, list fields without indexes) and its `first` (or the number of `ids`).
   */
  readonly largestPage: { readonly path: string; readonly size: number } | undefined;
}

/** What the estimate needs besides the operation. */
export interface CostContext {
  readonly schema: GraphQLSchema;
  readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  /** The operation's coerced variable values (Apollo's `request.variables`). */
  readonly variables: Readonly<Record<string, unknown>>;
  /** `first` of a connection field that gives none: DEFAULT_PAGE_SIZE. */
  readonly defaultPageSize: number;
}

/**
 * Estimates what an operation costs before anything runs: each scalar 1, each object 2 plus 1.5 × its
 * children, and a connection field multiplied by its page size. The page size is the field's `first` as
 * executed: a literal, a variable's value (or its default), or DEFAULT_PAGE_SIZE when the field gives none,
 * so passing `first` as a variable cannot hide a fan-out. `nodes(ids:)` multiplies by the number of ids.
 * Fragments count as if written inline; introspection fields cost nothing, so explorers work under tight
 * limits.
 *
 * Pure. Expects a validated document (no fragment cycles, known fields); unknown fields cost nothing.
 */
export function estimateCost(operation: OperationDefinitionNode, context: CostContext): CostEstimate {
  const root = context.schema.getRootType(operation.operation);
  // Variables the client left out take their declared defaults, as they will when the operation runs.
  const variables: Record<string, unknown> = { ...context.variables };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (variables[name] === undefined && definition.defaultValue) {
      variables[name] = valueFromAST(
        definition.defaultValue,
        typeFromAST(context.schema, definition.type) as GraphQLInputType,
      );
    }
  }
  const withDefaults: CostContext = { ...context, variables };
  let largestPage: CostEstimate["largestPage"];

  const selectionCost = (set: SelectionSetNode, parent: GraphQLCompositeType, path: string): number => {
    let total = 0;
    for (const selection of set.selections) {
      switch (selection.kind) {
        case Kind.FIELD: {
          const name = selection.name.value;
          if (name.startsWith("__")) continue;
          const field = "getFields" in parent ? parent.getFields()[name] : undefined;
          if (!field) continue;
          if (!selection.selectionSet) {
            total += SCALAR_COST;
            continue;
          }
          const fieldPath =
            path === "" ? (selection.alias?.value ?? name) : `${path}.${selection.alias?.value ?? name}`;
          const type = getNamedType(field.type);
          const children = isCompositeType(type) ? selectionCost(selection.selectionSet, type, fieldPath) : 0;
          const size = pageSizeOf(field, selection.arguments ?? [], withDefaults);
          if (size !== undefined && size > (largestPage?.size ?? 1)) largestPage = { path: fieldPath, size };
          total += (OBJECT_COST + DEPTH_FACTOR * children) * (size ?? 1);
          break;
        }
        case Kind.INLINE_FRAGMENT: {
          const condition = selection.typeCondition
            ? context.schema.getType(selection.typeCondition.name.value)
            : parent;
          if (condition && isCompositeType(condition))
            total += selectionCost(selection.selectionSet, condition, path);
          break;
        }
        case Kind.FRAGMENT_SPREAD: {
          const fragment = context.fragments[selection.name.value];
          const condition = fragment && context.schema.getType(fragment.typeCondition.name.value);
          if (fragment && condition && isCompositeType(condition))
            total += selectionCost(fragment.selectionSet, condition, path);
          break;
        }
      }
    }
    return total;
  };

  const cost = root ? selectionCost(operation.selectionSet, root, "") : 0;
  return { cost: Math.ceil(cost), largestPage };
}

/**
 * How many items a field can return: its `first` (`last`) as executed, or the length of `ids`; undefined
 * for fields with neither argument (single objects).
 */
function pageSizeOf(
  field: GraphQLField<unknown, unknown>,
  args: readonly { readonly name: { readonly value: string }; readonly value: ValueNode }[],
  context: CostContext,
): number | undefined {
  for (const name of ["first", "last", "ids"]) {
    const definition = field.args.find((arg) => arg.name === name);
    if (!definition) continue;
    const node = args.find((arg) => arg.name.value === name)?.value;
    const value =
      node === undefined ? definition.defaultValue : valueFromAST(node, definition.type, context.variables);
    if (name === "ids") return Array.isArray(value) ? Math.max(1, value.length) : 1;
    // Out-of-range sizes are refused by the resolver before any EM call; here they count as asked.
    return typeof value === "number" && Number.isFinite(value) ? Math.max(1, value) : context.defaultPageSize;
  }
  return undefined;
}
