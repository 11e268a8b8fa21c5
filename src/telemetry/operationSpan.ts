import {
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  type Attributes,
  type Span,
  type Tracer,
} from "@opentelemetry/api";
import { markFailed } from "./inSpan.js";

/** Headers as Node gives them: what a W3C `traceparent` is read from. */
type Headers = Readonly<Record<string, string | string[] | undefined>>;

const headerGetter = {
  keys: (carrier: Headers) => Object.keys(carrier),
  get: (carrier: Headers, key: string) => carrier[key.toLowerCase()],
};

/** The span name of an operation before its document is read; `nameOperation` renames it. */
export const UNNAMED_OPERATION = "GraphQL Operation";

/**
 * Runs one GraphQL operation received over `transport` in a SERVER span, the root of its trace or, when the
 * client sent a W3C `traceparent` (and `tracestate`), a child of the client's span: the trace then continues
 * from the client through the gateway to EM. The span is active while the operation runs, so its batches
 * and EM calls descend from it. Without a tracer, `run` runs alone.
 */
export function inOperationSpan<T>(
  tracer: Tracer | undefined,
  headers: Headers,
  attributes: Attributes,
  run: (span: Span | undefined) => Promise<T>,
): Promise<T> {
  if (!tracer) return run(undefined);
  const parent = propagation.extract(ROOT_CONTEXT, headers, headerGetter);
  return tracer.startActiveSpan(
    UNNAMED_OPERATION,
    { kind: SpanKind.SERVER, attributes },
    parent,
    async (span) => {
      try {
        return await run(span);
      } catch (error) {
        markFailed(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/**
 * Starts the SERVER span of a subscription's operation (WebSocket or SSE), continuing the client's
 * `traceparent` when it sent one; the caller ends it when the subscription ends. Polls of the feeds the
 * subscription listens to are traces of their own, linked to this span.
 */
export function startOperationSpan(
  tracer: Tracer | undefined,
  headers: Headers,
  attributes: Attributes,
): Span | undefined {
  if (!tracer) return undefined;
  const parent = propagation.extract(ROOT_CONTEXT, headers, headerGetter);
  return tracer.startSpan(UNNAMED_OPERATION, { kind: SpanKind.SERVER, attributes }, parent);
}

/**
 * Names `span` after its operation as OpenTelemetry's GraphQL conventions do (`query Dashboard`,
 * `subscription`), with `graphql.operation.type` and `graphql.operation.name`. Never the document or the
 * variables: they may hold the values a client filters by.
 */
export function nameOperation(span: Span, type: string, name: string | null | undefined): void {
  span.updateName(name ? `${type} ${name}` : type);
  span.setAttribute("graphql.operation.type", type);
  if (name) span.setAttribute("graphql.operation.name", name);
}
