import type { IncomingMessage, ServerResponse } from "node:http";

/** Headers a cross-origin page may send: GraphQL-over-HTTP ones, Apollo's CSRF escape hatches, ids and auth. */
const ALLOWED_HEADERS = [
  "content-type",
  "accept",
  "authorization",
  "apollo-require-preflight",
  "x-apollo-operation-name",
  "x-request-id",
].join(", ");
/** How long a browser may reuse a preflight answer, seconds. */
const PREFLIGHT_MAX_AGE_S = 600; // 10 min

/**
 * CORS for an allow-list of origins. For an allowed `Origin` it adds `Access-Control-Allow-Origin` (the
 * origin itself, never `*`, since passthrough clients send credentials) and exposes `x-request-id`; for
 * a preflight (`OPTIONS` with `Access-Control-Request-Method`) it answers 204 with the allowed methods and
 * headers, or 403 without CORS headers when the origin is not allowed. Returns true when it answered.
 *
 * Requests from origins not on the list are not refused here: same-origin pages (the explorers) send an
 * `Origin` too, and the browser itself withholds cross-origin answers that lack the headers. Simple
 * cross-origin requests that could change state are refused by Apollo's CSRF prevention.
 */
export function handleCors(
  request: IncomingMessage,
  response: ServerResponse,
  allowedOrigins: ReadonlySet<string>,
): boolean {
  const origin = request.headers.origin;
  const allowed = typeof origin === "string" && allowedOrigins.has(origin);
  response.setHeader("vary", "Origin");
  if (allowed) {
    response.setHeader("access-control-allow-origin", origin);
    response.setHeader("access-control-allow-credentials", "true");
    response.setHeader("access-control-expose-headers", "x-request-id");
  }
  const preflight =
    request.method === "OPTIONS" && request.headers["access-control-request-method"] !== undefined;
  if (!preflight) return false;
  if (!allowed) {
    response.writeHead(403, { "content-type": "application/json" });
    response.end(
      JSON.stringify({
        errors: [{ message: "Origin not allowed (CORS_ORIGINS)", extensions: { code: "FORBIDDEN" } }],
      }),
    );
    return true;
  }
  response.writeHead(204, {
    "access-control-allow-methods": "GET, POST, OPTIONS",
    "access-control-allow-headers": ALLOWED_HEADERS,
    "access-control-max-age": String(PREFLIGHT_MAX_AGE_S),
    "content-length": "0",
  });
  response.end();
  return true;
}
