import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { getOperationAST, print, type GraphQLFormattedError } from "graphql";

/** What one operation returned: the HTTP status and the GraphQL result, typed by the document. */
export interface GatewayResult<TData> {
  readonly status: number;
  readonly data?: TData | null;
  readonly errors?: readonly GraphQLFormattedError[];
}

/** Variables are required exactly when the operation declares a required variable. */
export type VariablesArgument<TVariables> =
  Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];

/** A typed GraphQL-over-HTTP client for the generated `TypedDocumentNode`s (test/__generated__/). */
export interface GatewayClient {
  /** Runs the operation and returns the result as the server sent it, errors included. */
  execute<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    ...variables: VariablesArgument<TVariables>
  ): Promise<GatewayResult<TData>>;
  /** Runs the operation and returns its data; throws `GatewayClientError` on any GraphQL error. */
  data<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    ...variables: VariablesArgument<TVariables>
  ): Promise<TData>;
  /** Names of the operations run so far, so a test can prove that it ran every generated one. */
  readonly operationsRun: ReadonlySet<string>;
}

/** The response was not a GraphQL result (`GATEWAY_BAD_RESPONSE`) or carried errors (`GRAPHQL_ERRORS`). */
export class GatewayClientError extends Error {
  readonly code: "GATEWAY_BAD_RESPONSE" | "GRAPHQL_ERRORS";
  constructor(code: GatewayClientError["code"], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "GatewayClientError";
    this.code = code;
  }
}

/**
 * A client for the gateway at `url` (its `/graphql` endpoint). It POSTs JSON and asks for
 * `application/graphql-response+json` first, as the GraphQL-over-HTTP spec recommends, so request errors
 * arrive as 4xx with a GraphQL body rather than as 200.
 *
 * Hazard: the document is printed from its AST, so what goes over the wire is the operation as codegen
 * parsed it (comments dropped), not the file's bytes.
 */
export function createGatewayClient(url: string, headers: Record<string, string> = {}): GatewayClient {
  const operationsRun = new Set<string>();

  async function execute<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    ...[variables]: VariablesArgument<TVariables>
  ): Promise<GatewayResult<TData>> {
    const operationName = getOperationAST(document)?.name?.value;
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/graphql-response+json, application/json;q=0.9",
        ...headers,
      },
      body: JSON.stringify({ query: print(document), operationName, variables }),
    });
    const text = await response.text();
    let body: { data?: TData | null; errors?: GraphQLFormattedError[] };
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new GatewayClientError(
        "GATEWAY_BAD_RESPONSE",
        `POST ${url} (${operationName ?? "anonymous"}) answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`,
        { cause: error },
      );
    }
    if (operationName) operationsRun.add(operationName);
    return { status: response.status, data: body.data, errors: body.errors };
  }

  return {
    execute,
    async data(document, ...variables) {
      const result = await execute(document, ...variables);
      if (result.errors?.length || result.data == null) {
        const messages = (result.errors ?? []).map(
          (error) => `${error.message} [${String(error.extensions?.["code"])}]`,
        );
        throw new GatewayClientError(
          "GRAPHQL_ERRORS",
          `${getOperationAST(document)?.name?.value ?? "operation"} returned errors (HTTP ${result.status}): ${messages.join("; ") || "no data"}`,
        );
      }
      return result.data;
    },
    operationsRun,
  };
}
