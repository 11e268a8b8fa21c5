import type { ApolloServerPlugin } from "@apollo/server";
import { SpanStatusCode, trace } from "@opentelemetry/api";
import { nameOperation } from "../telemetry/operationSpan.js";
import { responseErrorCodes } from "./responseErrorCodes.js";

/**
 * Names the operation's span (opened around Apollo's handling, see inOperationSpan) once the document is
 * resolved, and marks it failed when the response carries errors (`error.type` the first code). Installed
 * only when tracing is on.
 */
export function tracingPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const span = trace.getActiveSpan();
      if (!span) return {};
      return {
        async didResolveOperation({ operation, operationName }) {
          if (operation) nameOperation(span, operation.operation, operationName);
        },
        async willSendResponse(requestContext) {
          const codes = responseErrorCodes(requestContext);
          if (codes.length === 0) return;
          span.setAttribute("error.type", codes[0]!);
          span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(",") });
        },
      };
    },
  };
}
