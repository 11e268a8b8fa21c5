import type { IncomingMessage } from "node:http";
import { HeaderMap, type HTTPGraphQLRequest } from "@apollo/server";

/**
 * Apollo Server's view of a Node request whose body was already read (under the body-size cap). JSON
 * bodies are parsed here; anything else is handed over as text, which Apollo refuses with a 400 (and
 * CSRF prevention refuses simple content types before that).
 */
export function toHttpGraphQLRequest(
  request: IncomingMessage,
  url: URL,
  bodyText: string,
): HTTPGraphQLRequest {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return {
    method: (request.method ?? "GET").toUpperCase(),
    headers,
    search: url.search,
    body: parseBody(bodyText, headers.get("content-type")),
  };
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (text === "") return undefined;
  if (contentType && /^application\/(graphql-response\+)?json/i.test(contentType)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}
