import type { ApolloServerPlugin } from "@apollo/server";
import { Kind, type DocumentNode, type OperationDefinitionNode } from "graphql";
import type { GatewayMetrics } from "../metrics/GatewayMetrics.js";
import { responseErrorCodes } from "./responseErrorCodes.js";

/**
 * Feeds GatewayMetrics one observation per GraphQL operation (count, duration, error codes), including
 * operations refused at validation time (their type and name are read from the document when it holds
 * one operation) and at parse time (type `unknown`). Requests refused before Apollo's pipeline (CSRF,
 * malformed HTTP) are not operations and are not counted.
 */
export function metricsPlugin(metrics: GatewayMetrics): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      const started = performance.now();
      return {
        async willSendResponse(requestContext) {
          const sole = soleOperation(requestContext.document);
          metrics.observeOperation({
            type: requestContext.operation?.operation ?? sole?.operation,
            name: requestContext.operationName ?? request.operationName ?? sole?.name?.value,
            durationSeconds: (performance.now() - started) / 1000,
            errorCodes: responseErrorCodes(requestContext),
          });
        },
      };
    },
  };
}

/** The document's only operation, when it has exactly one. */
function soleOperation(document: DocumentNode | undefined): OperationDefinitionNode | undefined {
  const operations = (document?.definitions ?? []).filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  return operations.length === 1 ? operations[0] : undefined;
}
