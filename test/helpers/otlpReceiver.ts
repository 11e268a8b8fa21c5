import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** One span as the OTLP/HTTP JSON encoding carries it, with its attributes flattened to plain values. */
export interface ReceivedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | undefined;
  readonly name: string;
  /** OTLP's SpanKind: 1 internal, 2 server, 3 client. */
  readonly kind: number;
  readonly attributes: Record<string, string | number | boolean>;
  readonly links: ReadonlyArray<{ traceId: string; spanId: string }>;
  /** 0 unset, 1 ok, 2 error. */
  readonly status: { code: number; message?: string };
  /** The resource's attributes (service.name, …). */
  readonly resource: Record<string, string | number | boolean>;
  /** The raw JSON of the span, for scanning every byte of it. */
  readonly raw: string;
}

/** An OTLP/HTTP receiver on loopback: what the gateway's exporter sends to `/v1/traces`, as JSON. */
export interface OtlpReceiver {
  /** The endpoint to set as OTEL_EXPORTER_OTLP_ENDPOINT. */
  readonly url: string;
  readonly spans: ReceivedSpan[];
  close(): Promise<void>;
}

type AnyValue = {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
};
type KeyValue = { key: string; value: AnyValue };

function flatten(attributes: readonly KeyValue[] | undefined): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const { key, value } of attributes ?? []) {
    out[key] =
      value.stringValue ??
      (value.intValue !== undefined ? Number(value.intValue) : undefined) ??
      value.boolValue ??
      value.doubleValue ??
      JSON.stringify(value);
  }
  return out;
}

/**
 * Starts a minimal OTLP/HTTP trace receiver (no collector binary): it accepts `POST /v1/traces` in the JSON
 * encoding (`OTEL_EXPORTER_OTLP_PROTOCOL=http/json`), answers 200 with an empty partial-success, and keeps
 * every span. Anything else is 404.
 */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const server = createServer((request, response) => {
    if (request.method !== "POST" || request.url !== "/v1/traces") {
      response.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
        resourceSpans?: Array<{
          resource?: { attributes?: KeyValue[] };
          scopeSpans?: Array<{ spans?: Array<Record<string, any>> }>;
        }>;
      };
      for (const resourceSpans of body.resourceSpans ?? []) {
        const resource = flatten(resourceSpans.resource?.attributes);
        for (const scope of resourceSpans.scopeSpans ?? [])
          for (const span of scope.spans ?? [])
            spans.push({
              traceId: span["traceId"],
              spanId: span["spanId"],
              parentSpanId: span["parentSpanId"] || undefined,
              name: span["name"],
              kind: span["kind"],
              attributes: flatten(span["attributes"]),
              links: (span["links"] ?? []).map((link: Record<string, string>) => ({
                traceId: link["traceId"]!,
                spanId: link["spanId"]!,
              })),
              status: span["status"] ?? { code: 0 },
              resource,
              raw: JSON.stringify(span),
            });
      }
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
