import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import { guardOperation, type OperationGuardSettings } from "../limits/guardOperation.js";

export { MAX_VARIABLE_DEPTH, type OperationGuardSettings } from "../limits/guardOperation.js";

/**
 * The operation guards (`guardOperation`) for GraphQL over HTTP: their errors are HTTP 400. A subscription
 * POSTed here is refused too (Apollo would run it once as a query and answer null): subscriptions are
 * served over WebSocket on this path and over SSE on `/graphql/stream`.
 */
export function operationGuardsPlugin(settings: OperationGuardSettings): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, schema }) {
          if (operation?.operation === "subscription")
            throw new GraphQLError(
              "Subscriptions are served over WebSocket (graphql-transport-ws, this URL with ws:// or wss://) " +
                "and over SSE (POST to /graphql/stream with Accept: text/event-stream), not over plain HTTP",
              { extensions: { code: "BAD_REQUEST", http: { status: 400 } } },
            );
          const error = guardOperation(
            { operation, document, schema, variables: request.variables },
            settings,
          );
          if (error) throw error;
        },
      };
    },
  };
}
