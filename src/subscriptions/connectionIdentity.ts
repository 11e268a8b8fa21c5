import type { IncomingHttpHeaders } from "node:http";
import { basicCredentials } from "../http/basicCredentials.js";
import type { ClientAuthenticator } from "../http/ClientAuthenticator.js";

/** Who a subscription connection is: its client for the logs, and its EM credentials in passthrough mode. */
export interface ConnectionIdentity {
  readonly client: string;
  readonly credentials?: { readonly username: string; readonly password: string };
}

/**
 * The headers a WebSocket connection authenticates with: its upgrade request's, overridden by the
 * `authorization` and `x-api-key` entries of its `connection_init` payload (any letter case), since
 * browsers cannot set headers on a WebSocket. `{ "authorization": "Basic …" }` carries EM credentials in
 * passthrough mode; `Bearer …` or `x-api-key` the client's key or token.
 */
export function connectionHeaders(
  upgrade: IncomingHttpHeaders,
  payload: Readonly<Record<string, unknown>> | undefined,
): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = { ...upgrade };
  for (const [name, value] of Object.entries(payload ?? {})) {
    const lower = name.toLowerCase();
    if ((lower === "authorization" || lower === "x-api-key") && typeof value === "string")
      headers[lower] = value;
  }
  return headers;
}

/**
 * Authenticates a subscription connection as an HTTP request is (ClientAuthenticator), and reads its EM
 * credentials in passthrough mode. Returns the failure's safe message instead when refused.
 */
export async function identify(
  headers: IncomingHttpHeaders,
  clients: ClientAuthenticator,
  passthrough: boolean,
): Promise<ConnectionIdentity | { readonly refused: string }> {
  const outcome = await clients.authenticate(headers);
  if ("message" in outcome) return { refused: outcome.message };
  return {
    client: outcome.subject,
    credentials: passthrough ? basicCredentials(headers.authorization) : undefined,
  };
}
