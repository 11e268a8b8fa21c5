import type { ServerResponse } from "node:http";

/** Writes a complete JSON response (the gateway's own endpoints and refusals). */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  response.end(JSON.stringify(body));
}
