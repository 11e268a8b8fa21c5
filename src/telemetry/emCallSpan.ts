import { SpanKind, type Attributes, type SpanOptions } from "@opentelemetry/api";
import { ATTR } from "./spanAttributes.js";

/**
 * The options of an EM exchange's span (a call or a logon): CLIENT kind, OpenTelemetry's HTTP client
 * attributes (`url.full` as logs show it: redacted, with the query string and its filter, never a token,
 * which travels in a header) and the gateway's `veeam.em.endpoint` and `veeam.em.site`.
 */
export function emCallSpan(
  method: string,
  url: string,
  endpoint: string,
  site: string | undefined,
  extra: Attributes = {},
): SpanOptions {
  const parsed = new URL(url);
  return {
    kind: SpanKind.CLIENT,
    attributes: {
      "http.request.method": method,
      "url.full": url,
      "server.address": parsed.hostname,
      "server.port": Number(parsed.port) || (parsed.protocol === "https:" ? 443 : 80),
      [ATTR.EM_ENDPOINT]: endpoint,
      ...(site !== undefined ? { [ATTR.SITE]: site } : {}),
      ...extra,
    },
  };
}
