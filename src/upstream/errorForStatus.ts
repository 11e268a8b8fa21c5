import { GUID_SOURCE } from "../ids/guid.js";
import { parseXml } from "./parseXml.js";
import { readEmError } from "./readEmError.js";
import {
  EmBadRequestError,
  EmForbiddenError,
  EmNotFoundError,
  EmUnauthorizedError,
  EmUnavailableError,
  type UpstreamError,
  type UpstreamErrorDetails,
} from "./UpstreamError.js";

/** The parts of a non-2xx EM response that errorForStatus reads. */
export interface FailedResponse {
  readonly status: number;
  /** Redacted absolute URL. */
  readonly url: string;
  /** The (already size-capped) body, possibly empty. */
  readonly body: Buffer;
}

// Error bodies are a few hundred bytes; anything longer is a stack trace nobody needs in a message.
const MAX_EM_MESSAGE_CHARS = 500;
const MAX_ERROR_XML_DEPTH = 8;
const MAX_ERROR_XML_NODES = 1_000;

/**
 * Maps a non-2xx EM response to its UpstreamError: 400 → EmBadRequestError, 401 → EmUnauthorizedError,
 * 403 → EmForbiddenError, 404 → EmNotFoundError, anything else (5xx, 3xx, 405…) → EmUnavailableError.
 * EM's `Error/@Message` becomes `emMessage` when the body carries one.
 *
 * Callers that need different 401 handling (re-logon) check the status before calling this. `secrets`
 * (the token and the SessionId, see `tokenSecrets`) are masked out of EM's message: EM does echo session
 * ids back (`Session <GUID> is locked…`), and either form is a working session token.
 */
export function errorForStatus(
  response: FailedResponse,
  method: string,
  secrets: readonly string[] = [],
): UpstreamError {
  const emMessage = readErrorMessage(response.body, secrets);
  const details: UpstreamErrorDetails = { method, url: response.url, status: response.status, emMessage };
  switch (response.status) {
    case 400:
      return new EmBadRequestError(details);
    case 401:
      return new EmUnauthorizedError(details);
    case 403:
      return new EmForbiddenError(details);
    case 404:
      return new EmNotFoundError(details);
    default:
      return new EmUnavailableError(
        details,
        response.status >= 500
          ? "Enterprise Manager failed to serve the request"
          : "Enterprise Manager answered with an unexpected status",
      );
  }
}

/**
 * EM's message from an XML `Error` body or its JSON twin (`{"Message": …}`, possibly BOM-prefixed);
 * undefined when the body has none. Never throws: a garbled error body must not hide the status.
 */
export function readErrorMessage(body: Buffer, secrets: readonly string[] = []): string | undefined {
  const text = body
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .trim();
  if (text === "") return undefined;
  let message: string | undefined;
  try {
    if (text.startsWith("<")) {
      message = readEmError(
        parseXml(text, { maxDepth: MAX_ERROR_XML_DEPTH, maxNodes: MAX_ERROR_XML_NODES }),
      )?.message;
    } else if (text.startsWith("{")) {
      const parsed: unknown = JSON.parse(text);
      const candidate = (parsed as { Message?: unknown } | null)?.Message;
      if (typeof candidate === "string") message = candidate;
    }
  } catch {
    return undefined;
  }
  if (!message) return undefined;
  message = maskSecrets(message, secrets);
  return message.length > MAX_EM_MESSAGE_CHARS ? `${message.slice(0, MAX_EM_MESSAGE_CHARS)}…` : message;
}

/** A GUID that EM's text calls a session's (`Session <GUID>`, `SessionId: <GUID>`), with its lead-in. */
const SESSION_GUID = new RegExp(`(session(?:\\s*id)?\\s*[:=]?\\s*["'[(]?)${GUID_SOURCE}`, "gi");

/**
 * `text` with every session GUID (see SESSION_GUID) and every occurrence of each secret replaced by
 * `[redacted]`, ignoring case: EM may print a
 * SessionId GUID in upper case, and EM reads it in any case.
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  // Any session's id, not only ours: EM names the session that holds a lock, which may be another user's.
  let masked = text.replace(SESSION_GUID, "$1[redacted]");
  for (const secret of secrets) {
    if (!secret) continue;
    masked = masked.replace(new RegExp(secret.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi"), "[redacted]");
  }
  return masked;
}
