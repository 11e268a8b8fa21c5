import { isSpanContextValid, trace } from "@opentelemetry/api";

/**
 * The ids of the active span as log fields (`trace_id`, `span_id`, the names OpenTelemetry's log data model
 * uses), so a log line leads to its trace; none outside a span, which is always the case with tracing off.
 * pino's `mixin`.
 */
export function activeTraceIds(): { trace_id?: string; span_id?: string } {
  // A fresh object each time: pino merges the line's own fields into what the mixin returns.
  const span = trace.getActiveSpan();
  if (!span) return {};
  const ids = span.spanContext();
  return isSpanContextValid(ids) ? { trace_id: ids.traceId, span_id: ids.spanId } : {};
}
