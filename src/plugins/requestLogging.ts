import type { ApolloServerPlugin } from "@apollo/server";
import type { GatewayContext } from "../context.js";

/**
 * One log line per GraphQL operation: request id, operation name and type, duration, how many upstream
 * calls it made (logons and retries included) and the error codes it returned. Variables and documents
 * are not logged: they can hold anything a client typed.
 */
export function requestLoggingPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ contextValue: ctx, operationName, operation, response, errors }) {
          const body = response.body;
          const resultErrors = body.kind === "single" ? (body.singleResult.errors ?? []) : [];
          const codes = [...(errors ?? []), ...resultErrors]
            .map((error) => (error.extensions?.["code"] as string | undefined) ?? "INTERNAL_SERVER_ERROR")
            .filter((code, index, all) => all.indexOf(code) === index);
          ctx.logger.info(
            {
              operationName: operationName ?? null,
              operationType: operation?.operation ?? null,
              durationMs: Math.round((performance.now() - started) * 10) / 10,
              upstreamCalls: ctx.upstream.calls,
              errorCodes: codes,
            },
            "graphql operation",
          );
        },
      };
    },
  };
}
