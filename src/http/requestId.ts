import { randomUUID } from "node:crypto";

/** `x-request-id` values we echo and log; anything else is replaced by a generated id. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request id of one HTTP request: the client's (or its proxy's) `x-request-id` when it is a single
 * value of up to 128 characters from `[A-Za-z0-9._:-]`, else a fresh UUID.
 *
 * Hazard: the value is written into every log line of the request and echoed in a response header, so
 * anything outside the safe alphabet (newlines, quotes, a repeated header) is never used, not escaped.
 */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === "string" && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}
