/**
 * When and how long to wait before repeating an upstream request. Pure functions; EmTransport runs the
 * loop. Modelled on undici's RetryHandler, narrowed to what is safe against EM.
 */

/** Retry budget and backoff bounds for idempotent requests. */
export interface RetryOptions {
  /** Retries after the first attempt; 0 disables retrying. */
  readonly maxRetries: number;
  /** Backoff ceiling of the first retry, in milliseconds; doubled per retry. */
  readonly minDelayMs: number;
  /** Longest wait before any retry, in milliseconds; a longer Retry-After from EM means "do not retry". */
  readonly maxDelayMs: number;
}

/** Defaults: three attempts in all, waits drawn from 0–200 ms then 0–400 ms, never over 5 s. */
export const DEFAULT_RETRY_OPTIONS: RetryOptions = Object.freeze({
  maxRetries: 2,
  minDelayMs: 200, // 0.2 s
  maxDelayMs: 5_000, // 5 s
});

/**
 * Statuses worth repeating: a gateway or proxy in front of EM hiccuped, or EM said it is overloaded or
 * restarting. 500 is not here: EM answers 500 for its own bugs (a NullReference in a query), which
 * repeat deterministically.
 */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/**
 * Transport failures where the request most likely never reached EM's handler or the connection died
 * under it. Header and body timeouts are deliberately absent: EM was still working on the request, and
 * repeating a slow query only doubles its load.
 */
const RETRYABLE_ERROR_CODES: ReadonlySet<string> = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** Only GET is repeated: EM logon (POST) creates a session and must never be repeated blindly. */
export function isRetryableMethod(method: string): boolean {
  return method === "GET";
}

/** Whether a response status is worth another attempt (502, 503, 504). */
export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/** Whether a transport error (by its `code`) is worth another attempt. */
export function isRetryableError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && RETRYABLE_ERROR_CODES.has(code);
}

/**
 * Milliseconds to wait before retry number `retry` (1 for the first retry), or undefined when EM's
 * Retry-After asks for a longer pause than `maxDelayMs`: retrying sooner would ignore what EM said, and
 * holding the caller longer would outlast any sensible client timeout, so the call should fail now.
 *
 * A usable Retry-After (delta seconds or an HTTP-date) wins; otherwise "full jitter": a uniform draw
 * from [0, min(maxDelayMs, minDelayMs · 2^(retry-1))], which spreads the retries of many concurrent
 * callers instead of synchronising them.
 */
export function retryDelayMs(
  retry: number,
  options: RetryOptions,
  retryAfter?: string | null,
  now: number = Date.now(),
  random: () => number = Math.random,
): number | undefined {
  const fromServer = parseRetryAfterMs(retryAfter, now);
  if (fromServer !== undefined) return fromServer <= options.maxDelayMs ? fromServer : undefined;
  const ceiling = Math.min(options.maxDelayMs, options.minDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Parses a Retry-After header value into milliseconds from `now`: delta seconds (`"120"`) or an HTTP-date
 * (`"Wed, 21 Oct 2015 07:28:00 GMT"`; a past date gives 0). Undefined when absent or unparseable.
 */
export function parseRetryAfterMs(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === undefined || value === null) return undefined;
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
