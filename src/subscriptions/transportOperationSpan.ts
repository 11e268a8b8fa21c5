import { context, trace, type Span, type Tracer } from "@opentelemetry/api";
import { getOperationAST, type DocumentNode } from "graphql";
import { nameOperation, startOperationSpan } from "../telemetry/operationSpan.js";

/**
 * The span of one operation received over WebSocket or SSE: a SERVER span named after the operation,
 * continuing the `traceparent` of the request that opened the connection or stream. Ended by the
 * transport when the operation completes. Undefined without a tracer.
 */
export function operationSpan(
  tracer: Tracer | undefined,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  transport: "websocket" | "sse",
  document: DocumentNode,
  operationName: string | null | undefined,
): Span | undefined {
  const span = startOperationSpan(tracer, headers, {
    "veeam.transport": transport,
    "http.route": "/graphql",
  });
  const operation = getOperationAST(document, operationName ?? undefined);
  if (span && operation) nameOperation(span, operation.operation, operationName ?? operation.name?.value);
  return span;
}

/** Runs `run` with `span` active (so the work it starts descends from it); as it is without one. */
export function inSpanOf<T>(span: Span | undefined, run: () => T): T {
  return span ? context.with(trace.setSpan(context.active(), span), run) : run();
}
