import { setTimeout as sleep } from "node:timers/promises";
import { Pool } from "undici";
import { headerValue, type ResponseHeaders } from "./headerValue.js";
import { readCappedBody } from "./readCappedBody.js";
import { redactUrl } from "./redactUrl.js";
import {
  isRetryableError,
  isRetryableMethod,
  isRetryableStatus,
  retryDelayMs,
  type RetryOptions,
} from "./retryPolicy.js";
import type { UpstreamCallEvent, UpstreamCallListener, UpstreamEndpoint } from "./UpstreamCallEvent.js";
import { EmBadResponseError, EmTimeoutError, EmUnavailableError, UpstreamError } from "./UpstreamError.js";
import type { UpstreamLogger } from "./UpstreamLogger.js";

/** Settings of the transport; EmClient validates them and documents their defaults. */
export interface EmTransportOptions {
  /** The API base, e.g. `https://em01:9398/api`; userinfo already rejected by the caller. */
  readonly baseUrl: URL;
  readonly connectTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
  readonly maxConnections: number;
  readonly maxResponseBytes: number;
  readonly retry: RetryOptions;
  /** PEM text of the CA that signed EM's certificate; undefined → the system store. */
  readonly ca?: string;
  readonly rejectUnauthorized: boolean;
  readonly logger: UpstreamLogger;
  readonly onCall?: UpstreamCallListener;
}

/** One logical request; the transport may turn it into several HTTP exchanges (retries). */
export interface EmExchange {
  readonly method: "GET" | "POST" | "DELETE";
  /** Path relative to the API base, starting with `/`, query string included. */
  readonly path: string;
  /** `path` with secret parts masked, for errors and logs (the logout path holds the SessionId). */
  readonly displayPath?: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly endpoint: UpstreamEndpoint;
  readonly signal?: AbortSignal;
  /** Per-call listener, in addition to the transport-wide one. */
  readonly onCall?: UpstreamCallListener;
  /** Overrides the headers and body timeouts for this request, in milliseconds (logout keeps it short). */
  readonly timeoutMs?: number;
}

/** A complete EM response: status, headers and the whole (size-capped) body. */
export interface EmResponse {
  readonly status: number;
  readonly headers: ResponseHeaders;
  readonly body: Buffer;
  /** Redacted absolute URL of the request, for error messages. */
  readonly url: string;
}

/** Connection-pool counters, for readiness and metrics. */
export interface EmTransportStats {
  /** Open sockets. */
  readonly connected: number;
  /** Requests waiting for a socket. */
  readonly pending: number;
  /** Requests on the wire. */
  readonly running: number;
}

// Error bodies are tiny; reading more than this of one only delays the error.
const MAX_ERROR_BODY_BYTES = 64 * 1024; // 64 KiB
const CLOSE_GRACE_MS = 2_000; // 2 s for in-flight requests before the pool is destroyed

/**
 * The single place that talks HTTP to EM: one undici Pool (keep-alive) for the base URL, and around each
 * request the cross-cutting behaviour: retries with backoff for GETs, body size cap, full body
 * consumption so sockets go back to the pool, network errors as typed UpstreamErrors, and one
 * UpstreamCallEvent per exchange.
 *
 * It does not know about sessions or statuses' meaning: non-2xx responses are returned, not thrown, so
 * that EmSession and EmClient decide what a 401 means.
 *
 * Hazard: request headers (Authorization, X-RestSvcSessionId) are handed to undici and never logged or
 * copied into errors; keep it that way when adding diagnostics.
 */
export class EmTransport {
  readonly #pool: Pool;
  readonly #basePath: string;
  readonly #displayBase: string;
  readonly #options: EmTransportOptions;

  constructor(options: EmTransportOptions) {
    this.#options = options;
    this.#basePath = options.baseUrl.pathname.replace(/\/+$/, "");
    this.#displayBase = redactUrl(options.baseUrl)
      .replace(/[?#].*$/, "")
      .replace(/\/+$/, "");
    this.#pool = new Pool(options.baseUrl.origin, {
      connections: options.maxConnections,
      headersTimeout: options.headersTimeoutMs,
      bodyTimeout: options.bodyTimeoutMs,
      connect: {
        timeout: options.connectTimeoutMs,
        rejectUnauthorized: options.rejectUnauthorized,
        ...(options.ca === undefined ? {} : { ca: options.ca }),
      },
    });
  }

  /** The redacted absolute URL for a path relative to the API base. */
  displayUrl(relativePath: string): string {
    return this.#displayBase + relativePath;
  }

  /**
   * Sends one logical request and returns EM's complete response, whatever its status.
   *
   * GETs are retried on 502/503/504 and on resets, refused connections and connect timeouts, per the
   * retry options; other methods get exactly one attempt. Throws EmTimeoutError (connect, headers or body
   * timeout), EmUnavailableError (connection failures, TLS), EmBadResponseError (a 2xx body over the size
   * cap), or the signal's reason when the caller aborts.
   */
  async exchange(request: EmExchange): Promise<EmResponse> {
    const url = this.displayUrl(request.displayPath ?? request.path);
    const { retry } = this.#options;
    const retryable = isRetryableMethod(request.method);

    for (let attempt = 1; ; attempt++) {
      request.signal?.throwIfAborted();
      const mayRetry = retryable && attempt <= retry.maxRetries;
      const started = performance.now();
      let status = 0;
      let reported = false;
      const report = (): void => {
        if (reported) return;
        reported = true;
        this.#emit(request, { status, started, attempt });
      };
      let outcome: { response: EmResponse } | { retryAfter: string | undefined; reason: string };
      try {
        const res = await this.#pool.request({
          method: request.method,
          path: this.#basePath + request.path,
          headers: request.headers,
          signal: request.signal,
          ...(request.timeoutMs === undefined
            ? {}
            : { headersTimeout: request.timeoutMs, bodyTimeout: request.timeoutMs }),
        });
        status = res.statusCode;
        if (mayRetry && isRetryableStatus(status)) {
          await res.body.dump();
          report();
          outcome = { retryAfter: headerValue(res.headers, "retry-after"), reason: `HTTP ${status}` };
        } else {
          const ok = status >= 200 && status < 300;
          const body = await readCappedBody(
            res.body,
            ok ? this.#options.maxResponseBytes : MAX_ERROR_BODY_BYTES,
            res.headers["content-length"],
          );
          if (body === null && ok) {
            throw new EmBadResponseError(
              { method: request.method, url, status },
              `Enterprise Manager sent a body larger than ${this.#options.maxResponseBytes} bytes`,
            );
          }
          outcome = { response: { status, headers: res.headers, body: body ?? Buffer.alloc(0), url } };
        }
      } catch (error) {
        report();
        if (request.signal?.aborted) throw request.signal.reason;
        if (error instanceof UpstreamError) throw error;
        if (!(mayRetry && isRetryableError(error))) throw networkError(error, request.method, url);
        outcome = { retryAfter: undefined, reason: errorCode(error) };
      }
      if ("response" in outcome) {
        report();
        return outcome.response;
      }

      const delayMs = retryDelayMs(attempt, retry, outcome.retryAfter);
      this.#options.logger.debug(
        { method: request.method, url, attempt, reason: outcome.reason, delayMs },
        "retrying Enterprise Manager request",
      );
      try {
        await sleep(delayMs, undefined, { signal: request.signal });
      } catch (error) {
        // timers/promises rejects with its own AbortError; callers expect the signal's reason.
        request.signal?.throwIfAborted();
        throw error;
      }
    }
  }

  /** Pool counters (sockets open, requests waiting, requests running). */
  stats(): EmTransportStats {
    const stats = this.#pool.stats;
    return { connected: stats.connected, pending: stats.pending, running: stats.running };
  }

  /**
   * Closes the pool: waits up to 2 s for in-flight requests, then destroys the remaining sockets. Later
   * exchanges fail with EmUnavailableError.
   */
  async close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const closed = this.#pool.close().then(() => true);
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), CLOSE_GRACE_MS);
      timer.unref();
    });
    try {
      if (!(await Promise.race([closed, timedOut]))) await this.#pool.destroy();
    } finally {
      clearTimeout(timer);
    }
  }

  #emit(request: EmExchange, at: { status: number; started: number; attempt: number }): void {
    const event: UpstreamCallEvent = {
      method: request.method,
      endpoint: request.endpoint,
      status: at.status,
      durationMs: performance.now() - at.started,
      attempt: at.attempt,
    };
    for (const listener of [this.#options.onCall, request.onCall]) {
      if (!listener) continue;
      try {
        listener(event);
      } catch (error) {
        // A metrics hook must not fail an upstream call.
        this.#options.logger.warn({ err: errorCode(error) }, "upstream call listener threw");
      }
    }
  }
}

const TIMEOUT_CODES: Readonly<Record<string, string>> = {
  UND_ERR_CONNECT_TIMEOUT: "Connecting to Enterprise Manager timed out",
  UND_ERR_HEADERS_TIMEOUT: "Enterprise Manager did not send response headers in time",
  UND_ERR_BODY_TIMEOUT: "Enterprise Manager stalled while sending the response body",
};

function networkError(error: unknown, method: string, url: string): UpstreamError {
  const code = errorCode(error);
  const timeout = TIMEOUT_CODES[code];
  if (timeout) return new EmTimeoutError({ method, url, cause: error }, timeout);
  return new EmUnavailableError(
    { method, url, cause: error },
    `Could not reach Enterprise Manager (${code})`,
  );
}

function errorCode(error: unknown): string {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  if (typeof code === "string") return code;
  return typeof name === "string" ? name : "unknown error";
}
