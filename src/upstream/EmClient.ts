import { readFileSync } from "node:fs";
import type { Span, SpanOptions, Tracer } from "@opentelemetry/api";
import { emCallSpan } from "../telemetry/emCallSpan.js";
import { inSpan } from "../telemetry/inSpan.js";
import { ATTR } from "../telemetry/spanAttributes.js";
import type { CircuitBreakerListener, CircuitBreakerSnapshot } from "./CircuitBreaker.js";
import { credentialKeyer } from "./credentialKey.js";
import { queryPath, readQueryPage, type EmQuery, type EmQueryPage } from "./EmQuery.js";
import { errorForStatus } from "./errorForStatus.js";
import { EmSession, tokenSecrets, type EmCredentials } from "./EmSession.js";
import { EmTransport, type EmResponse } from "./EmTransport.js";
import { headerValue } from "./headerValue.js";
import { InFlight } from "./InFlight.js";
import { LogonThrottle, type LogonRefusal, type LogonThrottleOptions } from "./LogonThrottle.js";
import { DEFAULT_MAX_XML_DEPTH, parseXmlYielding } from "./parseXml.js";
import { RetryBudget } from "./RetryBudget.js";
import type { RetryOptions } from "./retryPolicy.js";
import { SessionCache } from "./SessionCache.js";
import { endpointForPath, type UpstreamCallListener, type UpstreamEndpoint } from "./UpstreamCallEvent.js";
import {
  EmBadResponseError,
  EmLogonThrottledError,
  EmUnauthorizedError,
  EmUnavailableError,
  UpstreamError,
} from "./UpstreamError.js";
import { silentLogger, type UpstreamLogger } from "./UpstreamLogger.js";
import type { XmlElement } from "./xmlNodes.js";
import {
  INLINE_DECODER,
  type DecodedPage,
  type QueryPageDecoder,
  type RowMapping,
} from "./QueryPageDecoder.js";

export type { EmQuery, EmQueryPage } from "./EmQuery.js";
export type { EmCredentials } from "./EmSession.js";
export type { CircuitBreakerListener, CircuitBreakerSnapshot, CircuitState } from "./CircuitBreaker.js";

/**
 * How EmClient authenticates to EM.
 * - `service`: one service account for every caller; one logon session for the process.
 * - `passthrough`: each call carries its caller's credentials (`CallOptions.credentials`); one session per
 *   credential pair, never shared between pairs, at most MAX_PASSTHROUGH_SESSIONS (1 000) kept, least
 *   recently used logged out first; failed logons throttled (see LogonThrottle).
 */
export type EmAuth =
  | { readonly mode: "service"; readonly username: string; readonly password: string }
  | {
      readonly mode: "passthrough";
      readonly logonThrottle: Omit<LogonThrottleOptions, "now">;
      /** Sessions kept at most. Default MAX_PASSTHROUGH_SESSIONS. */
      readonly maxSessions?: number;
    };

/**
 * EmClient settings, complete and already validated: the gateway's come from config.ts (`emClientOptions`),
 * the one table of defaults and bounds, where each is documented with its unit.
 */
export interface EmClientOptions {
  /** The API base URL, e.g. `https://em01:9398/api`. Must not carry credentials. */
  readonly baseUrl: string;
  readonly auth: EmAuth;
  /** TCP + TLS connect timeout, wait for response headers, longest silence while reading a body (ms). */
  readonly connectTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
  /** Keep-alive connections to EM. */
  readonly maxConnections: number;
  /** Largest accepted 2xx body, bytes, enforced while reading. */
  readonly maxResponseBytes: number;
  /** Retries of GETs on 502/503/504, resets and connect timeouts, with their backoff bounds. */
  readonly retry: RetryOptions;
  /**
   * Size of the budget `createRetryBudget()` hands out: retries one GraphQL operation may spend across all
   * its upstream calls (0 disables retries for budgeted calls).
   */
  readonly operationRetryBudget: number;
  /**
   * Circuit breaker for this base URL: after `failureThreshold` consecutive failed calls (502–599 after
   * retries, connection failures, timeouts; never 4xx, 500/501 or local refusals) calls fail fast with
   * EmCircuitOpenError for `coolDownMs`, then one probe decides. A threshold of 0 disables the breaker.
   */
  readonly breaker: { readonly failureThreshold: number; readonly coolDownMs: number };
  /**
   * HTTP exchanges with EM on the wire at once (EM serves each query from its SQL database on the host that
   * also runs its backup jobs: more parallelism only lengthens every answer), calls allowed to wait for a
   * slot (more are refused with EmSaturatedError), and the longest wait for one (ms).
   */
  readonly maxConcurrentCalls: number;
  readonly maxQueuedCalls: number;
  readonly queueTimeoutMs: number;
  /** Longest wait for one logout, ms (close, LRU eviction). Default 5 000 (5 s). */
  readonly logoutTimeoutMs?: number;
  /** PEM file with the CA that signed EM's certificate; read once, at construction. */
  readonly caFile?: string;
  /** Skip TLS certificate verification of an https EM; logs a warning once. */
  readonly tlsInsecure?: boolean;
  /** Called after every breaker state change (for metrics, readiness). Exceptions are swallowed. */
  readonly onBreakerChange?: CircuitBreakerListener;
  /** A pino-compatible logger. Default: silent. */
  readonly logger?: UpstreamLogger;
  /** Called once per HTTP exchange (logons, logouts and retries included), for metrics. */
  readonly onCall?: UpstreamCallListener;
  /** Called for every logon the passthrough throttle refused without asking EM, for metrics. */
  readonly onLogonThrottled?: (scope: LogonRefusal["scope"]) => void;
  /**
   * Decodes the bodies of `queryRows` pages into rows. Default: INLINE_DECODER (on the event loop); the
   * gateway passes its XML worker pool.
   */
  readonly decoder?: QueryPageDecoder;
  /**
   * The name of the EM this client calls, when the gateway serves several ("sites"): set as `site` on every
   * UpstreamError it throws, so an error says which EM failed wherever it surfaces.
   */
  readonly site?: string;
  /**
   * Traces (OpenTelemetry): a span per EM call (method, redacted URL with the filter, status, query type,
   * rows, retries, bytes), per logon and per parse, children of the active span, and a `traceparent` on
   * every request to EM. Without one nothing is traced.
   */
  readonly tracer?: Tracer;
}

/** Per-call options. */
export interface CallOptions {
  /** The caller's EM credentials; required in passthrough mode, ignored in service mode. */
  readonly credentials?: EmCredentials;
  /** Abandons this call; an identical request shared with other callers continues for them. */
  readonly signal?: AbortSignal;
  /**
   * Per-call exchange listener, in addition to the client-wide one. It sees the exchanges made on this
   * call's behalf (including a logon it started); a call that joined an identical in-flight GET or a logon
   * started by another call sees none, because it caused none.
   */
  readonly onCall?: UpstreamCallListener;
  /**
   * The operation's retry budget (from `createRetryBudget()`), spent by every retry of every call that
   * carries it; once empty, failures are final. Without one only the per-call `maxRetries` applies.
   */
  readonly retryBudget?: RetryBudget;
}

/** Pool and session counters, for readiness and metrics. */
export interface EmClientStats {
  /** Open sockets to EM. */
  readonly connected: number;
  /** Requests waiting for a socket. */
  readonly pending: number;
  /** Requests on the wire. */
  readonly running: number;
  /** Sessions currently holding a token. */
  readonly sessions: number;
  /** The concurrency cap: exchanges holding a slot, calls waiting for one, number of slots. */
  readonly concurrency: { readonly active: number; readonly queued: number; readonly limit: number };
  /** The circuit breaker of the base URL. */
  readonly breaker: CircuitBreakerSnapshot;
}

/**
 * Nodes (elements plus attributes) a query answer may hold per requested row, and for its envelope. An
 * EM session entity has about 35 (its four links alone are 20); a job with its schedule and included VMs a
 * few hundred. The allowance is an average over the page, and it bounds what a hostile answer of millions
 * of tiny elements can cost before it is refused: about 256 × 300 bytes of tree per requested row.
 */
const XML_NODES_PER_ROW = 256;
const XML_NODES_ENVELOPE = 1_000;
/** Single resources (entity GETs) get the allowance of a page of this many rows. */
const SINGLE_RESOURCE_ROWS = 16;

const SERVICE_KEY = "service";
/** Passthrough sessions kept at most; the least recently used is logged out first. */
const MAX_PASSTHROUGH_SESSIONS = 1_000;

/**
 * The gateway's client for EM's XML REST API: logon sessions, one keep-alive pool, retries, status →
 * typed error, XML parsing. Nothing GraphQL-specific.
 *
 * Every request carries `X-RestSvcSessionId` and `Accept: application/xml`. A GET answered 401 (EM's
 * 15-minute idle expiry) invalidates that token, logs on again (shared by all callers that hit the same
 * expiry) and is repeated once; a second 401 is EmUnauthorizedError.
 *
 * Identical GETs in flight at the same time (same credential key, same URL) share one HTTP request and
 * one parsed result. This is safe because results are frozen trees that no caller mutates, and because
 * the credential key is part of the sharing key, so no user ever receives a response fetched with
 * another user's credentials. Nothing is cached after the request completes.
 *
 * Reliability (in EmTransport, for every exchange, logons included): a circuit breaker for the base URL,
 * a cap on concurrent exchanges with a bounded wait queue, and retries bounded per call and by the
 * operation's RetryBudget (`createRetryBudget`, passed in CallOptions). `stats()` reports all of it.
 *
 * Errors: everything thrown is an UpstreamError (see UpstreamError.ts), except the AbortSignal's reason
 * when a caller aborts and RangeError for malformed queries. EmCircuitOpenError and EmSaturatedError are
 * EmUnavailableErrors raised without contacting EM.
 */
export class EmClient {
  readonly #transport: EmTransport;
  readonly #logger: UpstreamLogger;
  readonly #maxResponseBytes: number;
  readonly #logoutTimeoutMs: number | undefined;
  readonly #operationRetryBudget: number;
  readonly #keyFor = credentialKeyer();
  readonly #service: EmSession | undefined;
  readonly #passthrough: SessionCache | undefined;
  readonly #throttle: LogonThrottle | undefined;
  readonly #onLogonThrottled: ((scope: LogonRefusal["scope"]) => void) | undefined;
  readonly #inFlight = new InFlight<unknown>();
  readonly #decoder: QueryPageDecoder;
  readonly #site: string | undefined;
  readonly #tracer: Tracer | undefined;
  #closed = false;

  constructor(options: EmClientOptions) {
    const baseUrl = parseBaseUrl(options.baseUrl);
    this.#logger = options.logger ?? silentLogger;
    this.#maxResponseBytes = options.maxResponseBytes;
    this.#decoder = options.decoder ?? INLINE_DECODER;
    this.#site = options.site;
    this.#tracer = options.tracer;
    this.#logoutTimeoutMs = options.logoutTimeoutMs;
    this.#operationRetryBudget = options.operationRetryBudget;

    let ca: string | undefined;
    if (options.caFile !== undefined) {
      try {
        ca = readFileSync(options.caFile, "utf8");
      } catch (error) {
        throw new Error(`EmClient caFile "${options.caFile}" cannot be read`, { cause: error });
      }
    }
    // Over plain http (a local simulator) there is no certificate to skip, so nothing to warn about.
    if (options.tlsInsecure && baseUrl.protocol === "https:") {
      this.#logger.warn(
        { baseUrl: baseUrl.origin },
        "TLS certificate verification for Enterprise Manager is disabled (tlsInsecure)",
      );
    }

    this.#transport = new EmTransport({
      baseUrl,
      connectTimeoutMs: options.connectTimeoutMs,
      headersTimeoutMs: options.headersTimeoutMs,
      bodyTimeoutMs: options.bodyTimeoutMs,
      maxConnections: options.maxConnections,
      maxResponseBytes: options.maxResponseBytes,
      retry: options.retry,
      breaker: {
        ...options.breaker,
        onChange: (state) => this.#breakerChanged(state, options.onBreakerChange),
      },
      concurrency: {
        maxActive: options.maxConcurrentCalls,
        maxQueued: options.maxQueuedCalls,
        maxWaitMs: options.queueTimeoutMs,
        // One slot kept for lookups and other small reads, so they never queue behind large pages.
        reservedForCheap: options.maxConcurrentCalls > 1 ? 1 : 0,
      },
      ca,
      rejectUnauthorized: !options.tlsInsecure,
      logger: this.#logger,
      onCall: options.onCall,
    });

    if (options.auth.mode === "service") {
      if (!options.auth.username) throw new TypeError("EmClient auth.username is required in service mode");
      this.#service = this.#newSession(options.auth);
    } else {
      this.#passthrough = new SessionCache(options.auth.maxSessions ?? MAX_PASSTHROUGH_SESSIONS);
      this.#throttle = new LogonThrottle(options.auth.logonThrottle);
      this.#onLogonThrottled = options.onLogonThrottled;
    }
  }

  /**
   * GETs `pathAndQuery` and returns the parsed root element. The path is relative to the base URL
   * (`/query?type=Job&format=Entities&pageSize=50&page=1`, `/replicaSessions/{id}?format=Entity`); an
   * absolute EM Href is accepted too when its path lies under the base path (EM writes its own host name
   * into Hrefs, so only the path is used and the request still goes to the configured host).
   *
   * Throws EmBadRequestError (400), EmUnauthorizedError (401 after one re-logon, or refused credentials),
   * EmForbiddenError (403), EmNotFoundError (404), EmUnavailableError (5xx after retries, connection
   * failures, other statuses; EmCircuitOpenError and EmSaturatedError without reaching EM),
   * EmTimeoutError, EmBadResponseError (non-XML, oversized, malformed).
   */
  async get(pathAndQuery: string, call: CallOptions = {}): Promise<XmlElement> {
    const path = this.#relativePath(pathAndQuery);
    return this.#get(path, endpointForPath(path), call, "xml", true, (response) =>
      this.#parse(response, SINGLE_RESOURCE_ROWS),
    ).catch((error: unknown) => this.#rethrow(error, call));
  }

  /**
   * Runs one query-service page request (see EmQuery; the filter is URL-encoded here) and returns its
   * items and paging numbers. Errors as `get`, plus RangeError for a malformed EmQuery and
   * EmBadResponseError when the answer is not a QueryResult with PagingInfo.
   */
  async query(query: EmQuery, call: CallOptions = {}): Promise<EmQueryPage> {
    const path = queryPath(query);
    const root = await this.#get(path, "query", call, "xml", isCheap(query), (response) =>
      this.#parse(response, query.pageSize),
    ).catch((error: unknown) => this.#rethrow(error, call));
    return readQueryPage(root, query.format ?? "Entities", {
      method: "GET",
      url: this.#transport.displayUrl(path),
    });
  }

  /**
   * Runs one query-service page request like `query`, and has the client's decoder (inline, or the XML
   * worker pool) parse the body and map its items with `mapping`: what the loaders read. Identical calls
   * in flight with the same mapping share one request and one decoding. Errors as `query`, plus the
   * mapping's own.
   */
  async queryRows<T>(query: EmQuery, call: CallOptions, mapping: RowMapping<T>): Promise<DecodedPage<T>> {
    const path = queryPath(query);
    return this.#get(path, "query", call, `rows ${mapping.typeName}`, isCheap(query), (response, span) => {
      const source = this.#checkXml(response);
      return this.#parsing(response, async (parse) => {
        const page = await this.#decoder.decode(
          response.body,
          {
            format: query.format ?? "Entities",
            maxDepth: DEFAULT_MAX_XML_DEPTH,
            maxBytes: this.#maxResponseBytes,
            maxNodes: this.#maxNodes(query.pageSize),
            source,
          },
          mapping,
        );
        parse?.setAttributes({
          [ATTR.XML_WHERE]: page.decodedIn ?? "inline",
          [ATTR.EM_ROWS]: page.rows.length,
        });
        span?.setAttribute(ATTR.EM_ROWS, page.rows.length);
        return page;
      });
    }).catch((error: unknown) => this.#rethrow(error, call));
  }

  /**
   * Rethrows `error`, an UpstreamError of this client's exchanges marked with its site. The caller's own
   * abort reason is left alone: it is the caller's, shared with its calls to other sites.
   */
  #rethrow(error: unknown, call: CallOptions): never {
    if (error instanceof UpstreamError && this.#site !== undefined && call.signal?.reason !== error)
      error.site ??= this.#site;
    throw error;
  }

  /** Pool, session, concurrency and circuit-breaker counters; cheap, for readiness probes and metrics. */
  stats(): EmClientStats {
    const sessions = this.#service ? [this.#service] : (this.#passthrough?.values() ?? []);
    return {
      ...this.#transport.stats(),
      sessions: sessions.filter((s) => s.isLoggedOn).length,
      breaker: this.#transport.breakerState(),
    };
  }

  /**
   * A fresh retry budget of `operationRetryBudget` retries, for one GraphQL operation: pass it in the
   * CallOptions of every call made for that operation. Never share one between operations.
   */
  createRetryBudget(): RetryBudget {
    return new RetryBudget(this.#operationRetryBudget);
  }

  /**
   * Logs out every session (in parallel, failures ignored) and closes the pool, all within `timeoutMs`
   * (default: the logout timeout plus 2 s for the pool): logouts get at most two thirds of it, and sockets
   * still busy when it runs out are destroyed. Idempotent; calls made afterwards fail with
   * EmUnavailableError.
   */
  async close(options: { readonly timeoutMs?: number } = {}): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const sessions = this.#service ? [this.#service] : (this.#passthrough?.values() ?? []);
    this.#passthrough?.clear();
    const timeoutMs = options.timeoutMs;
    const started = performance.now();
    const logoutMs = timeoutMs === undefined ? undefined : Math.max(1, Math.floor((timeoutMs * 2) / 3));
    await Promise.all(sessions.map((session) => session.logout(logoutMs)));
    const left = timeoutMs === undefined ? undefined : Math.max(0, timeoutMs - (performance.now() - started));
    await this.#transport.close(left);
  }

  #breakerChanged(state: CircuitBreakerSnapshot, listener: CircuitBreakerListener | undefined): void {
    if (state.state === "open") {
      this.#logger.warn(
        { breaker: state },
        "Enterprise Manager circuit breaker opened: calls fail fast until the next probe",
      );
    } else if (state.state === "closed") {
      this.#logger.info(
        { breaker: state },
        "Enterprise Manager circuit breaker closed: EM answered the probe",
      );
    } else {
      this.#logger.debug({ breaker: state }, "Enterprise Manager circuit breaker half-open: probing");
    }
    listener?.(state);
  }

  #newSession(credentials: EmCredentials, keys?: { user: string; credential: string }): EmSession {
    const throttle = this.#throttle;
    return new EmSession({
      transport: this.#transport,
      credentials: { username: credentials.username, password: credentials.password },
      logger: this.#logger,
      tracer: this.#tracer,
      site: this.#site,
      logoutTimeoutMs: this.#logoutTimeoutMs,
      onLogon:
        throttle && keys
          ? (outcome) =>
              outcome === "accepted"
                ? throttle.succeeded(keys.user, keys.credential)
                : throttle.failed(keys.user)
          : undefined,
    });
  }

  /**
   * GETs `path` and hands the 2xx response to `read` (parsing it). Identical GETs in flight for the same
   * credentials and the same `readAs` share one exchange and one reading. `cheap` calls (one resource, a
   * few rows) take the concurrency cap's lane for cheap calls.
   */
  async #get<T>(
    path: string,
    endpoint: UpstreamEndpoint,
    call: CallOptions,
    readAs: string,
    cheap: boolean,
    read: (response: EmResponse, span: Span | undefined) => Promise<T>,
  ): Promise<T> {
    const url = this.#transport.displayUrl(path);
    if (this.#closed) {
      throw new EmUnavailableError({ method: "GET", url }, "EmClient is closed");
    }
    const { key, session, forget } = this.#sessionFor(call, url);
    // The span is the first caller's: callers that join an identical request in flight caused no call.
    return this.#inFlight.run(`${key} ${readAs} ${path}`, call.signal, (signal) => {
      const fetch = (span: Span | undefined) =>
        this.#fetch(path, endpoint, session, read, span, {
          cheap,
          signal,
          onCall: call.onCall,
          retryBudget: call.retryBudget,
        });
      // Tracing off: not even the span's attributes are built.
      const traced = this.#tracer
        ? inSpan(this.#tracer, `GET ${path.split("?")[0]}`, this.#callSpan(path, url, endpoint), fetch)
        : fetch(undefined);
      return traced.catch((error: unknown) => {
        // A refused logon is not worth remembering: do not let bad credentials occupy the LRU.
        if (error instanceof EmUnauthorizedError && !session.isLoggedOn) forget();
        throw error;
      });
    }) as Promise<T>;
  }

  /** The span of an EM call: see emCallSpan, and the query service's `type` for a query. */
  #callSpan(path: string, url: string, endpoint: UpstreamEndpoint): SpanOptions {
    const type = endpoint === "query" ? /[?&]type=([A-Za-z]{1,64})(?:&|$)/.exec(path)?.[1] : undefined;
    return emCallSpan("GET", url, endpoint, this.#site, type ? { [ATTR.EM_QUERY_TYPE]: type } : {});
  }

  /** Runs `parse` in a span of its own under the call's (`where`, bytes), when tracing. */
  #parsing<T>(response: EmResponse, parse: (span: Span | undefined) => Promise<T>): Promise<T> {
    if (!this.#tracer) return parse(undefined);
    return inSpan(
      this.#tracer,
      "parse EM XML",
      { attributes: { [ATTR.XML_BYTES]: response.body.length } },
      parse,
    );
  }

  #sessionFor(call: CallOptions, url: string): { key: string; session: EmSession; forget: () => void } {
    if (this.#service) return { key: SERVICE_KEY, session: this.#service, forget: () => undefined };
    const credentials = call.credentials;
    // Checked at run time too: credentials come from a client's Authorization header via the context.
    if (!credentials || !credentials.username || typeof credentials.password !== "string") {
      throw new EmUnauthorizedError(
        { method: "GET", url },
        "No Enterprise Manager credentials were supplied (passthrough mode)",
      );
    }
    const cache = this.#passthrough!;
    const key = this.#keyFor(credentials.username, credentials.password);
    // EM user names are case-insensitive (DOMAIN\user): one throttle count per name however it is spelled.
    const user = this.#keyFor(credentials.username.toLowerCase(), "");
    const session = cache.getOrCreate(key, () => this.#newSession(credentials, { user, credential: key }));
    if (!session.isLoggedOn) {
      const refusal = this.#throttle!.check(user, key);
      if (refusal) {
        this.#onLogonThrottled?.(refusal.scope);
        const retryAt = new Date(refusal.retryAt).toISOString();
        throw new EmLogonThrottledError(
          { method: "POST", url: this.#transport.displayUrl("/sessionMngr/") },
          refusal.scope === "user"
            ? `Too many failed logons for this user name; the logon was refused without asking Enterprise ` +
                `Manager. Check the credentials, then try again after ${retryAt}`
            : `Too many failed logons to Enterprise Manager through this gateway; logons with credentials ` +
                `that have not logged on before are refused without asking EM until ${retryAt}`,
          retryAt,
        );
      }
    }
    return { key, session, forget: () => cache.delete(key, session) };
  }

  async #fetch<T>(
    path: string,
    endpoint: UpstreamEndpoint,
    session: EmSession,
    read: (response: EmResponse, span: Span | undefined) => Promise<T>,
    span: Span | undefined,
    call: {
      cheap: boolean;
      signal: AbortSignal;
      onCall: UpstreamCallListener | undefined;
      retryBudget: RetryBudget | undefined;
    },
  ): Promise<T> {
    // The call's exchanges (retries and a repeat after a re-logon included; logons have spans of their own).
    let exchanges = 0;
    const onCall: UpstreamCallListener | undefined = span
      ? (event) => {
          if (event.endpoint !== "logon") exchanges += 1;
          call.onCall?.(event);
        }
      : call.onCall;
    for (let relogged = false; ; relogged = true) {
      const token = await session.token({ signal: call.signal, onCall });
      const response = await this.#transport.exchange({
        method: "GET",
        path,
        headers: { "x-restsvcsessionid": token, accept: "application/xml" },
        endpoint,
        cheap: call.cheap,
        signal: call.signal,
        onCall,
        retryBudget: call.retryBudget,
      });
      span?.setAttributes({
        "http.response.status_code": response.status,
        "http.response.body.size": response.body.length,
        ...(exchanges > 1 ? { "http.request.resend_count": exchanges - 1 } : {}),
      });
      if (response.status === 401) {
        session.invalidate(token);
        if (!relogged) continue;
        throw new EmUnauthorizedError(
          { method: "GET", url: response.url, status: 401 },
          "Enterprise Manager rejected a freshly issued session token",
        );
      }
      if (response.status < 200 || response.status >= 300)
        throw errorForStatus(response, "GET", tokenSecrets(token));
      return read(response, span);
    }
  }

  /** Refuses a body that is not XML; returns the exchange, for errors raised while parsing it. */
  #checkXml(response: EmResponse): { method: string; url: string } {
    const source = { method: "GET", url: response.url };
    const contentType = headerValue(response.headers, "content-type");
    if (contentType !== undefined && !/\bxml\b/i.test(contentType)) {
      throw new EmBadResponseError(
        { ...source, status: response.status },
        `Enterprise Manager sent ${JSON.stringify(contentType.split(";")[0])} where XML was expected`,
      );
    }
    return source;
  }

  /** The XML node budget of a response holding `rows` entities. */
  #maxNodes(rows: number): number {
    return rows * XML_NODES_PER_ROW + XML_NODES_ENVELOPE;
  }

  async #parse(response: EmResponse, rows: number): Promise<XmlElement> {
    const source = this.#checkXml(response);
    return this.#parsing(response, (span) => {
      span?.setAttribute(ATTR.XML_WHERE, "inline");
      return parseXmlYielding(response.body.toString("utf8"), {
        maxDepth: DEFAULT_MAX_XML_DEPTH,
        maxBytes: this.#maxResponseBytes,
        maxNodes: this.#maxNodes(rows),
        source,
      });
    });
  }

  #relativePath(pathOrHref: string): string {
    let candidate = pathOrHref;
    if (/^[a-z][a-z0-9+.-]*:/i.test(candidate)) {
      const base = this.#transport.displayUrl("");
      const basePath = new URL(base).pathname.replace(/\/+$/, "");
      let href: URL;
      try {
        href = new URL(candidate);
      } catch {
        throw new RangeError("EmClient paths must be relative to the base URL or an EM Href");
      }
      if (!href.pathname.startsWith(`${basePath}/`)) {
        throw new RangeError(`EmClient cannot follow an Href outside ${basePath}/`);
      }
      candidate = href.pathname.slice(basePath.length) + href.search;
    }
    if (!candidate.startsWith("/") || candidate.startsWith("//")) {
      throw new RangeError(`EmClient paths must start with a single "/"; got ${JSON.stringify(candidate)}`);
    }
    return candidate;
  }
}

function parseBaseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TypeError("EmClient baseUrl must be an absolute URL such as https://em01:9398/api");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError(`EmClient baseUrl must use https or http; got ${url.protocol}`);
  }
  // The value is not echoed: it holds a password.
  if (url.username || url.password) throw new TypeError("EmClient baseUrl must not contain credentials");
  if (url.search || url.hash) throw new TypeError("EmClient baseUrl must not have a query or fragment");
  return url;
}

/** Pages of at most this many rows are cheap calls (lookups by id, small batches); larger ones are not. */
const CHEAP_PAGE_ROWS = 25;

function isCheap(query: EmQuery): boolean {
  return query.pageSize <= CHEAP_PAGE_ROWS;
}
