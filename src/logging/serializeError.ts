/**
 * pino serializer for errors (`err`, `error`, `cause`): the error's name, message, stack and its primitive
 * own fields (`code`, `status`, `method`, `url`, `emMessage`…), then the same for its `cause` chain and an
 * AggregateError's `errors`, to a bounded depth.
 *
 * Hazard: errors from libraries carry whatever they like (request options, headers, bodies). Only
 * primitive fields are kept, fields whose name looks like a credential are blanked, and credential-looking
 * text (`Basic …`, `Bearer …`, `X-RestSvcSessionId: …`, `password=…`) is masked in every kept string, so a
 * cause three levels down cannot carry a token into a log line.
 */
export function serializeError(error: unknown): unknown {
  return serialize(error, 0, new WeakSet());
}

/** Deepest cause chain written; deeper causes are summarised. */
const MAX_DEPTH = 5;
/** Longest string kept from an error field; error messages are short, bodies are not. */
const MAX_STRING = 2000;
const CENSOR = "[redacted]";

/** Field names whose values are credentials whatever their type. */
const SECRET_KEY = /pass(word|wd)?|secret|token|authori[sz]ation|cookie|session-?id|credential|api-?key/i;

/** Credential-looking fragments of free text, with the part to keep in group 1. */
const SECRET_TEXT: readonly RegExp[] = [
  /\b(Basic\s+)[A-Za-z0-9+/=._-]{4,}/gi,
  /\b(Bearer\s+)[A-Za-z0-9+/=._~-]{4,}/gi,
  /\b(x-restsvcsessionid["']?\s*[:=]\s*["']?)[^\s"',;}]+/gi,
  /\b((?:authorization|cookie|set-cookie)["']?\s*[:=]\s*["']?)[^"'\n]+/gi,
  /\b((?:password|passwd|pwd|token|secret|sessionid)["']?\s*[:=]\s*["']?)[^\s"',;&}]+/gi,
];

/** Masks credential-looking fragments of `text` and bounds its length. */
export function scrubText(text: string): string {
  let out = text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}…` : text;
  for (const pattern of SECRET_TEXT) out = out.replace(pattern, `$1${CENSOR}`);
  return out;
}

function serialize(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === "string") return scrubText(value);
  if (typeof value !== "object" || value === null) return value;
  if (seen.has(value)) return "[circular]";
  seen.add(value);
  if (depth >= MAX_DEPTH) return "[cause chain truncated]";

  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if (value instanceof Error) {
    out["type"] = value.name;
    out["message"] = scrubText(value.message);
    if (typeof value.stack === "string") out["stack"] = scrubText(value.stack);
  }
  for (const key of Object.keys(source)) {
    if (key === "cause" || key === "errors" || key === "message" || key === "stack") continue;
    const field = source[key];
    if (SECRET_KEY.test(key)) {
      out[key] = CENSOR;
    } else if (typeof field === "string") {
      out[key] = scrubText(field);
    } else if (typeof field === "number" || typeof field === "boolean") {
      out[key] = field;
    }
    // Objects other than causes (request options, headers, sockets, bodies) are dropped on purpose.
  }
  if (!(value instanceof Error) && typeof source["message"] === "string") {
    out["message"] = scrubText(source["message"]);
  }
  // `cause` is often non-enumerable (set by the Error constructor), so it is read directly.
  if (source["cause"] !== undefined) out["cause"] = serialize(source["cause"], depth + 1, seen);
  if (Array.isArray(source["errors"])) {
    out["errors"] = (source["errors"] as unknown[])
      .slice(0, 10)
      .map((inner) => serialize(inner, depth + 1, seen));
  }
  return out;
}
