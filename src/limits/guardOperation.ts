import { GraphQLError, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import { GatewayErrorCode } from "../errors/GatewayErrorCode.js";
import { printArgumentPath } from "../filters/FilterInputError.js";
import { estimateCost } from "./estimateCost.js";
import { findDeepValue } from "./findDeepValue.js";

/** What the guards enforce; from the configuration. */
export interface OperationGuardSettings {
  readonly maxCost: number;
  readonly defaultPageSize: number;
}

/**
 * Deepest nesting accepted in a variable's value. A filter may nest `and`/`or`/`not` 32 levels (two JSON
 * levels each) plus a field and its operator list: under 70. Deeper values can only be attacks on
 * graphql-js's recursive input coercion.
 */
export const MAX_VARIABLE_DEPTH = 100;

/** A parsed, validated operation and its variables, as every transport has it before executing. */
export interface GuardedOperation {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode | undefined | null;
  readonly variables: Readonly<Record<string, unknown>> | undefined;
}

/**
 * Checks made once the operation is known and its variables are at hand, before any resolver (and so any
 * EM call) runs: variable values nested deeper than MAX_VARIABLE_DEPTH are a `BAD_USER_INPUT` naming the
 * variable and the path to the deep part; an estimated cost over MAX_COST (see `estimateCost`, which reads
 * `first` from literals, variables and defaults alike) is `GRAPHQL_VALIDATION_FAILED` with
 * `extensions.limit: "MAX_COST"`, the integer cost and the page size to lower. Returns the error, or
 * undefined when the operation may run. Used by the HTTP plugin and the subscription transports alike.
 */
export function guardOperation(
  input: GuardedOperation,
  settings: OperationGuardSettings,
): GraphQLError | undefined {
  const variables = input.variables ?? {};
  for (const [name, value] of Object.entries(variables)) {
    const deep = findDeepValue(value, MAX_VARIABLE_DEPTH);
    if (!deep) continue;
    const at = printArgumentPath([name, ...deep.path]) + (deep.truncated ? "…" : "");
    return new GraphQLError(
      `Variable "$${name}" is nested more than ${MAX_VARIABLE_DEPTH} levels deep (at ${at}); ` +
        "filters need far fewer: flatten the and/or lists",
      {
        extensions: {
          code: GatewayErrorCode.BAD_USER_INPUT,
          variable: name,
          argumentPath: [name, ...deep.path],
          http: { status: 400 },
        },
      },
    );
  }
  if (!input.operation) return undefined;
  const { operation, document, schema } = input;
  const fragments = Object.fromEntries(
    document.definitions.flatMap((definition) =>
      definition.kind === "FragmentDefinition" ? [[definition.name.value, definition]] : [],
    ),
  );
  const { cost, largestPage } = estimateCost(operation, {
    schema,
    fragments,
    variables,
    defaultPageSize: settings.defaultPageSize,
  });
  if (cost <= settings.maxCost) return undefined;
  const advice = largestPage
    ? ` The largest multiplier is ${largestPage.size} items at ${largestPage.path}: lower its \`first\`` +
      " (or split the operation)."
    : " Select fewer fields or split the operation.";
  return new GraphQLError(`Cost limit of ${settings.maxCost} exceeded, found ${cost}.${advice}`, {
    extensions: {
      code: "GRAPHQL_VALIDATION_FAILED",
      limit: "MAX_COST",
      cost,
      maxCost: settings.maxCost,
      ...(largestPage ? { largestPage } : {}),
      http: { status: 400 },
    },
  });
}
