import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationRule,
} from "graphql";
import { guardOperation, type OperationGuardSettings } from "../limits/guardOperation.js";

/** What the subscription transports check every operation against, as Apollo does over HTTP. */
export interface OperationChecks {
  readonly schema: GraphQLSchema;
  /** graphql-armor's depth, alias and directive rules (operationLimits.ts), after graphql-js's own. */
  readonly validationRules: readonly ValidationRule[];
  /** `maxTokens` (MAX_TOKENS). */
  readonly parseOptions: ParseOptions;
  readonly guards: OperationGuardSettings;
}

/** The parts of a request the transports hand over (graphql-ws' and graphql-sse's payloads alike). */
export interface OperationRequest {
  readonly query: string;
  readonly operationName?: string | null;
  readonly variables?: Record<string, unknown> | null;
}

/**
 * Parses, validates and guards one operation received over WebSocket or SSE with the same limits as GraphQL
 * over HTTP (MAX_TOKENS, MAX_DEPTH, MAX_ALIASES, MAX_DIRECTIVES, MAX_COST, variable depth), so a client
 * cannot get around them by changing transport. Returns the execution arguments (without context) or the
 * errors, whose codes are the HTTP ones: GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_USER_INPUT.
 */
export function prepareOperation(
  checks: OperationChecks,
  request: OperationRequest,
): Omit<ExecutionArgs, "contextValue"> | GraphQLError[] {
  if (typeof request.query !== "string" || request.query.length === 0)
    return [new GraphQLError("The operation has no query", { extensions: { code: "BAD_REQUEST" } })];
  let document: DocumentNode;
  try {
    document = parse(request.query, checks.parseOptions);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [new GraphQLError(message, { extensions: { code: "GRAPHQL_PARSE_FAILED" } })];
  }
  const invalid = validate(checks.schema, document, [...specifiedRules, ...checks.validationRules]);
  if (invalid.length > 0)
    return invalid.map(
      (error) =>
        new GraphQLError(error.message, {
          nodes: error.nodes,
          extensions: { ...error.extensions, code: "GRAPHQL_VALIDATION_FAILED" },
        }),
    );
  const operation = getOperationAST(document, request.operationName ?? undefined);
  if (!operation)
    return [
      new GraphQLError(
        request.operationName
          ? `Unknown operation named "${request.operationName}"`
          : "Must provide operation name if query contains multiple operations",
        { extensions: { code: "OPERATION_RESOLUTION_FAILURE" } },
      ),
    ];
  const variables = request.variables ?? undefined;
  const guarded = guardOperation({ schema: checks.schema, document, operation, variables }, checks.guards);
  if (guarded) return [guarded];
  return {
    schema: checks.schema,
    document,
    operationName: request.operationName ?? undefined,
    variableValues: variables,
  };
}
