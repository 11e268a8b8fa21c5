import type { IncomingHttpHeaders } from "node:http";

/**
 * Whether a request that CORS does not stop may proceed from its `Origin`: absent (not a browser), the
 * gateway's own origin (the explorers), or one of CORS_ORIGINS. WebSocket upgrades, EventSource streams and
 * simple POSTs are sent whatever CORS says, so without this any web page a user visits could subscribe
 * through a gateway on their network. The gateway's own origin is recognised by `Host`.
 */
export function isAllowedOrigin(headers: IncomingHttpHeaders, allowedOrigins: ReadonlySet<string>): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  if (allowedOrigins.has(origin)) return true;
  try {
    return new URL(origin).host === headers.host;
  } catch {
    return false;
  }
}
