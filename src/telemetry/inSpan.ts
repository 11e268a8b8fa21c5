import { SpanStatusCode, trace, type Span, type SpanOptions, type Tracer } from "@opentelemetry/api";

/**
 * Runs `fn` in a new span of `tracer`, a child of the active span, made the active span while `fn` runs (so
 * the spans and outgoing `traceparent` headers of the work it starts descend from it), and ended when `fn`
 * settles. A failure sets the span's status and `error.type` (the error's stable code, never its message,
 * which may quote EM). Without a tracer (tracing off) `fn` runs alone: one check, nothing else.
 *
 * Work is traced as part of something: without an active span (a readiness check, the nested fields of a
 * subscription's event) `fn` runs untraced rather than as a trace of its own, unless `options.root` asks
 * for one (a live feed's poll).
 */
export function inSpan<T>(
  tracer: Tracer | undefined,
  name: string,
  options: SpanOptions,
  fn: (span: Span | undefined) => Promise<T>,
): Promise<T> {
  if (!tracer || (!options.root && trace.getActiveSpan() === undefined)) return fn(undefined);
  return tracer.startActiveSpan(name, options, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      markFailed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Sets `span`'s status to ERROR with the error's stable code as `error.type` (OpenTelemetry's convention). */
export function markFailed(span: Span, error: unknown): void {
  const type = errorTypeOf(error);
  span.setAttribute("error.type", type);
  span.setStatus({ code: SpanStatusCode.ERROR, message: type });
}

/** `EM_UNAVAILABLE`, `BAD_USER_INPUT`, …: an error's `code` when it has a string one, else its class name. */
export function errorTypeOf(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Za-z0-9_.-]{1,64}$/.test(code)) return code;
    const name = (error as { name?: unknown }).name;
    if (typeof name === "string" && /^[A-Za-z0-9_]{1,64}$/.test(name)) return name;
  }
  return "_OTHER";
}
