import { trace, type Tracer, type TracerProvider } from "@opentelemetry/api";
import { NodeSDK } from "@opentelemetry/sdk-node";

/** Tracing started for the process: the gateway's tracer, and how to flush and stop the export. */
export interface Tracing {
  readonly tracer: Tracer;
  /** Exports the spans ended so far (tests, and the last ones before exit). */
  flush(): Promise<void>;
  /** Flushes and stops the SDK; never rejects. */
  shutdown(): Promise<void>;
}

/** The instrumentation scope of the gateway's spans. */
export const TRACER_NAME = "veeam-em-graphql-gateway";

/**
 * Starts OpenTelemetry's Node SDK for the process, configured by the standard `OTEL_*` variables alone,
 * which the SDK reads itself: `OTEL_EXPORTER_OTLP_ENDPOINT` (or `…_TRACES_ENDPOINT`), `…_PROTOCOL`
 * (`http/protobuf` by default, `http/json`, `grpc`), `…_HEADERS`, `OTEL_SERVICE_NAME`,
 * `OTEL_RESOURCE_ATTRIBUTES`, `OTEL_TRACES_SAMPLER` and its argument, `OTEL_BSP_*`. It registers the global
 * tracer provider, the W3C trace-context propagator and the AsyncLocalStorage context manager.
 *
 * No automatic instrumentation: the spans that matter (operation, batches, EM calls, parses, logons, polls)
 * are made by the gateway itself, which reports reliably on Apollo Server 5 where the generic graphql and
 * undici instrumentations do not. `defaultServiceName` names the service when `OTEL_SERVICE_NAME` does not.
 * Traces only: no OTLP metrics or logs are exported.
 */
export function startTracing(options: { defaultServiceName?: string; version: string }): Tracing {
  const sdk = new NodeSDK({
    ...(options.defaultServiceName ? { serviceName: options.defaultServiceName } : {}),
    instrumentations: [],
    // Traces only: the gateway's metrics are Prometheus' (`/metrics`) and its logs JSON lines, and the SDK
    // would otherwise start OTLP metric and log exporters by default.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  const provider = trace.getTracerProvider() as TracerProvider & {
    getDelegate?: () => TracerProvider & { forceFlush?: () => Promise<void> };
  };
  const flush = async () => {
    await provider.getDelegate?.().forceFlush?.();
  };
  return {
    tracer: trace.getTracer(TRACER_NAME, options.version),
    flush,
    async shutdown() {
      await sdk.shutdown().catch(() => undefined);
    },
  };
}
