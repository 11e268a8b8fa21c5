import type { ApolloServerPlugin } from "@apollo/server";
import type { GatewayContext } from "../context.js";
import { responseErrorCodes } from "./responseErrorCodes.js";

/** Upstream failures logged per operation; one EM outage fails every row of a list alike. */
const MAX_UPSTREAM_ERROR_LINES = 3;

/**
 * One log line per GraphQL operation: request id, operation name and type, duration, how many upstream
 * calls it made (logons and retries included) and the error codes it returned. Variables and documents
 * are not logged: they can hold anything a client typed.
 *
 * Upstream failures (errors with an `EM_*` code, which formatError maps silently) get a warn line each,
 * at most MAX_UPSTREAM_ERROR_LINES distinct ones per operation, with the error and its cause chain through
 * the logger's redacting `err` serializer, so that operators see EM's status, URL and message.
 */
export function requestLoggingPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async didEncounterErrors({ contextValue: ctx, errors }) {
          const seen = new Set<string>();
          for (const error of errors) {
            const original = error.originalError;
            const code = (original as { code?: unknown } | undefined)?.code;
            if (typeof code !== "string" || !code.startsWith("EM_") || seen.has(original!.message)) continue;
            seen.add(original!.message);
            if (seen.size > MAX_UPSTREAM_ERROR_LINES) break;
            ctx.logger.warn({ err: original, path: error.path }, "upstream error");
          }
        },
        async willSendResponse(requestContext) {
          const { contextValue: ctx, operationName, operation } = requestContext;
          const codes = responseErrorCodes(requestContext);
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
