import { setTimeout as sleep } from "node:timers/promises";
import { context, propagation, trace } from "@opentelemetry/api";
import { Pool } from "undici";
import {
  CircuitBreaker,
  type CircuitBreakerOptions,
  type CircuitBreakerSnapshot,
  type CircuitTicket,
} from "./CircuitBreaker.js";
import {
  ConcurrencyLimiter,
  type ConcurrencyLimiterOptions,
  type SlotRefusal,
} from "./ConcurrencyLimiter.js";
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
import type { RetryBudget } from "./RetryBudget.js";
import type { UpstreamCallEvent, UpstreamCallListener, UpstreamEndpoint } from "./UpstreamCallEvent.js";
import {
  EmBadResponseError,
  EmCircuitOpenError,
  EmSaturatedError,
  EmTimeoutError,
  EmUnavailableError,
  UpstreamError,
} from "./UpstreamError.js";
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
  /** The circuit breaker of this base URL. */
  readonly breaker: CircuitBreakerOptions;
  /** The cap on exchanges on the wire at once, and its wait queue. */
  readonly concurrency: ConcurrencyLimiterOptions;
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
  /** The operation's shared retry budget; each retry takes one unit, none left → no more retries. */
  readonly retryBudget?: RetryBudget;
  /** A call that reads one resource or a few rows: it may use the concurrency cap's lane for cheap calls. */
  readonly cheap?: boolean;
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
  /** The concurrency cap: exchanges holding a slot, callers waiting for one, and the number of slots. */
  readonly concurrency: { readonly active: number; readonly queued: number; readonly limit: number };
}

// Error bodies are tiny; reading more than this of one only delays the error.
const MAX_ERROR_BODY_BYTES = 64 * 1024; // 64 KiB
const CLOSE_GRACE_MS = 2_000; // 2 s for in-flight requests before the pool is destroyed

/**
 * The single place that talks HTTP to EM: one undici Pool (keep-alive) for the base URL, and around each
 * request the cross-cutting behaviour: the circuit breaker of the base URL, the cap on concurrent
 * exchanges, retries with backoff for GETs (bounded per call and by the operation's budget), body size
 * cap, full body consumption so sockets go back to the pool, network errors as typed UpstreamErrors, and
 * one UpstreamCallEvent per exchange.
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
  readonly #breaker: CircuitBreaker;
  readonly #limiter: ConcurrencyLimiter;

  constructor(options: EmTransportOptions) {
    this.#options = options;
    this.#breaker = new CircuitBreaker(options.breaker);
    this.#limiter = new ConcurrencyLimiter(options.concurrency);
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
   * Around it, in this order: the circuit breaker (refused at once with EmCircuitOpenError while open),
   * then per attempt a concurrency slot (EmSaturatedError when the queue is full or the wait too long;
   * the slot is held for the exchange only, not during backoff), then the exchange. GETs are retried on
   * 502/503/504 and on resets, refused connections and connect timeouts, while all of these hold: the
   * per-call `maxRetries`, the operation's `retryBudget`, a Retry-After no longer than `maxDelayMs`, and
   * a breaker that is still closed (the half-open probe gets one attempt). Other methods get exactly one.
   * When a retry is not allowed the last response is returned (or its error thrown) as final.
   *
   * Throws EmTimeoutError (connect, headers or body timeout), EmUnavailableError (connection failures,
   * TLS), EmBadResponseError (a 2xx body over the size cap), EmCircuitOpenError, EmSaturatedError, or
   * the signal's reason when the caller aborts.
   */
  async exchange(request: EmExchange): Promise<EmResponse> {
    const url = this.displayUrl(request.displayPath ?? request.path);
    const ticket = this.#breaker.admit();
    if (!ticket) throw this.#circuitOpen(request.method, url);
    let response: EmResponse;
    try {
      response = await this.#attempts(request, url, ticket);
    } catch (error) {
      if (isOutageError(error)) this.#breaker.failed(ticket);
      // EM answered, just not acceptably (an oversized body): it is up.
      else if (error instanceof EmBadResponseError) this.#breaker.succeeded(ticket);
      else this.#breaker.abandoned(ticket);
      throw error;
    }
    if (isOutageStatus(response.status)) this.#breaker.failed(ticket);
    else this.#breaker.succeeded(ticket);
    return response;
  }

  async #attempts(request: EmExchange, url: string, ticket: CircuitTicket): Promise<EmResponse> {
    const { retry } = this.#options;
    const retryable = isRetryableMethod(request.method);
    const refuse = (refusal: SlotRefusal): EmSaturatedError =>
      saturatedError(refusal, request.method, url, this.#limiter);

    for (let attempt = 1; ; attempt++) {
      request.signal?.throwIfAborted();
      const release = await this.#limiter.acquire(refuse, request.signal, request.cheap ?? false);
      let result: AttemptResult;
      try {
        // Re-checked here: the breaker may have opened while this call queued or backed off.
        if (!this.#breaker.allows(ticket)) throw this.#circuitOpen(request.method, url);
        result = await this.#attempt(request, url, attempt);
      } finally {
        release();
      }

      const mayRetry = retryable && attempt <= retry.maxRetries;
      let delayMs: number | undefined;
      let reason: string;
      if ("response" in result) {
        const { status, headers } = result.response;
        if (!mayRetry || !isRetryableStatus(status)) return result.response;
        delayMs = retryDelayMs(attempt, retry, headerValue(headers, "retry-after"));
        reason = `HTTP ${status}`;
        if (delayMs === undefined || !this.#takeRetry(request, ticket)) return result.response;
      } else {
        const { error } = result;
        if (request.signal?.aborted) throw request.signal.reason;
        const final = networkError(error, request.method, url);
        if (!mayRetry || !isRetryableError(error)) throw final;
        delayMs = retryDelayMs(attempt, retry);
        reason = errorCode(error);
        if (delayMs === undefined || !this.#takeRetry(request, ticket)) throw final;
      }

      this.#options.logger.debug(
        { method: request.method, url, attempt, reason, delayMs },
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

  /**
   * Whether one more retry may go: this call is not the breaker's probe (a probe is one attempt, so a
   * struggling EM sees a single request per cool-down), the breaker still lets it through, and the
   * operation's budget pays for it.
   */
  #takeRetry(request: EmExchange, ticket: CircuitTicket): boolean {
    if (ticket.probe || !this.#breaker.allows(ticket)) return false;
    return request.retryBudget?.tryTake() ?? true;
  }

  /**
   * One HTTP exchange: the whole body is read (capped) so the socket goes back to the pool. Transport
   * failures are returned for the retry loop to judge; an oversized 2xx body is thrown as final.
   */
  async #attempt(request: EmExchange, url: string, attempt: number): Promise<AttemptResult> {
    const started = performance.now();
    let status = 0;
    try {
      const res = await this.#pool.request({
        method: request.method,
        path: this.#basePath + request.path,
        headers: withTraceContext(request.headers),
        signal: request.signal,
        ...(request.timeoutMs === undefined
          ? {}
          : { headersTimeout: request.timeoutMs, bodyTimeout: request.timeoutMs }),
      });
      status = res.statusCode;
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
      return { response: { status, headers: res.headers, body: body ?? Buffer.alloc(0), url } };
    } catch (error) {
      if (error instanceof UpstreamError) throw error;
      return { error };
    } finally {
      this.#emit(request, { status, started, attempt });
    }
  }

  #circuitOpen(method: string, url: string): EmCircuitOpenError {
    const state = this.#breaker.snapshot();
    if (state.retryAt === undefined) {
      return new EmCircuitOpenError(
        { method, url },
        "Enterprise Manager's circuit breaker is half-open: one probe call is testing whether EM has " +
          "recovered, and other calls fail fast without reaching EM until it answers",
        undefined,
      );
    }
    const inMs = Date.parse(state.retryAt) - Date.now();
    const when = inMs > 0 ? `at ${state.retryAt} (in ${Math.ceil(inMs / 1000)} s)` : "now";
    return new EmCircuitOpenError(
      { method, url },
      `Enterprise Manager's circuit breaker is open after ${state.consecutiveFailures} consecutive ` +
        `failures; calls fail fast without reaching EM until the next probe, due ${when}`,
      state.retryAt,
    );
  }

  /** The circuit breaker's current state. */
  breakerState(): CircuitBreakerSnapshot {
    return this.#breaker.snapshot();
  }

  /** Pool counters (sockets open, requests waiting, requests running). */
  stats(): EmTransportStats {
    const stats = this.#pool.stats;
    const limiter = this.#limiter;
    return {
      connected: stats.connected,
      pending: stats.pending,
      running: stats.running,
      concurrency: { active: limiter.active, queued: limiter.queued, limit: limiter.limit },
    };
  }

  /**
   * Closes the pool: waits up to `graceMs` (default 2 s) for in-flight requests, then destroys the remaining
   * sockets. Later exchanges fail with EmUnavailableError.
   */
  async close(graceMs = CLOSE_GRACE_MS): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const closed = this.#pool.close().then(() => true);
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), graceMs);
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

type AttemptResult = { readonly response: EmResponse } | { readonly error: unknown };

/**
 * Statuses that say EM (or the proxy in front of it) is down or drowning: 502 and above. 500 and 501 are
 * left out on purpose: EM answers 500 for its own bugs on a particular query (a NullReference), which
 * repeat deterministically, so counting them would let one client's unlucky query shut EM off for all.
 */
function isOutageStatus(status: number): boolean {
  return status >= 502 && status <= 599;
}

/** Transport failures that count against the breaker: EM could not be reached or did not answer in time. */
function isOutageError(error: unknown): boolean {
  if (error instanceof EmTimeoutError) return true;
  // Refusals made here (breaker, slots) are not news about EM; neither is a closed client.
  if (error instanceof EmCircuitOpenError || error instanceof EmSaturatedError) return false;
  return error instanceof EmUnavailableError && error.status === undefined && error.cause !== undefined;
}

function saturatedError(
  refusal: SlotRefusal,
  method: string,
  url: string,
  limiter: ConcurrencyLimiter,
): EmSaturatedError {
  const summary =
    refusal.reason === "queue-full"
      ? `Too many Enterprise Manager calls are waiting (${refusal.active} of ${limiter.limit} slots busy, ` +
        `${refusal.queued} queued, the queue's limit); the call was refused without reaching EM`
      : `No Enterprise Manager call slot became free within ${refusal.waitedMs} ms (${refusal.active} of ` +
        `${limiter.limit} busy); the call was refused without reaching EM`;
  return new EmSaturatedError({ method, url }, summary);
}

function networkError(error: unknown, method: string, url: string): UpstreamError {
  const code = errorCode(error);
  const timeout = TIMEOUT_CODES[code];
  if (timeout) return new EmTimeoutError({ method, url, cause: error }, timeout);
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    // EM installs with a self-signed certificate: say what to configure rather than only "unreachable".
    return new EmUnavailableError(
      { method, url, cause: error },
      `Enterprise Manager's TLS certificate was not accepted (${code}); set VEEAM_EM_CA_FILE to the CA ` +
        "that signed it (or, knowingly, VEEAM_EM_TLS_INSECURE=true)",
    );
  }
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

/**
 * `headers` and the W3C trace context of the active span (`traceparent`, `tracestate`), so EM's side (a
 * proxy, EM's own logs) can join the gateway's trace. Without a registered propagator or an active span
 * (tracing off) nothing is added and `headers` is returned as it is.
 */
function withTraceContext(headers: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  const active = context.active();
  if (trace.getSpan(active) === undefined) return headers;
  const carrier: Record<string, string> = {};
  propagation.inject(active, carrier);
  return Object.keys(carrier).length === 0 ? headers : { ...headers, ...carrier };
}
