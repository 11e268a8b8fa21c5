import type { ApolloServerPlugin } from "@apollo/server";
import { guardOperation, type OperationGuardSettings } from "../limits/guardOperation.js";

export { MAX_VARIABLE_DEPTH, type OperationGuardSettings } from "../limits/guardOperation.js";

/** The operation guards (`guardOperation`) for GraphQL over HTTP: their errors are HTTP 400. */
export function operationGuardsPlugin(settings: OperationGuardSettings): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, schema }) {
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
