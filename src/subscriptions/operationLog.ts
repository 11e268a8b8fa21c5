import { getOperationAST, type DocumentNode } from "graphql";
import type { GatewayContext } from "../graphql/GatewayContext.js";

/**
 * Logs an operation over a subscription transport when it starts and when it ends (the client completed
 * it, the connection went, or the gateway stopped), with the operation's name and type, the transport, and
 * at the end its duration and EM calls: the lines Apollo's request logging writes for HTTP operations,
 * which these transports bypass. Returns the function that logs the end; call it once.
 */
export function logOperation(
  context: GatewayContext,
  transport: "websocket" | "sse",
  document: DocumentNode,
  operationName: string | null | undefined,
): () => void {
  const operation = getOperationAST(document, operationName ?? undefined);
  const fields = {
    transport,
    operationName: operation?.name?.value ?? null,
    operationType: operation?.operation ?? null,
  };
  const started = performance.now();
  context.logger.info(fields, "graphql operation started");
  return () =>
    context.logger.info(
      {
        ...fields,
        durationMs: Math.round(performance.now() - started),
        upstreamCalls: context.upstream.calls,
      },
      "graphql operation ended",
    );
}
