import type { Span, Tracer } from "@opentelemetry/api";
import { emCallSpan } from "../telemetry/emCallSpan.js";
import { inSpan } from "../telemetry/inSpan.js";
import { errorForStatus, readErrorMessage } from "./errorForStatus.js";
import type { EmResponse, EmTransport } from "./EmTransport.js";
import { headerValue } from "./headerValue.js";
import { parseXml } from "./parseXml.js";
import type { UpstreamCallListener } from "./UpstreamCallEvent.js";
import { EmBadResponseError, EmUnauthorizedError, UpstreamError } from "./UpstreamError.js";
import { silentLogger, type UpstreamLogger } from "./UpstreamLogger.js";
import { childText } from "./xmlNodes.js";
import { abortable } from "./abortable.js";
import { GUID } from "../ids/guid.js";

/** A user name and password for EM's Basic-auth logon. */
export interface EmCredentials {
  readonly username: string;
  readonly password: string;
}

/** Options of an EmSession. */
export interface EmSessionOptions {
  readonly transport: EmTransport;
  readonly credentials: EmCredentials;
  readonly logger?: UpstreamLogger;
  /** Longest wait for EM to answer a logout, in milliseconds. Default 5 000 (5 s). */
  readonly logoutTimeoutMs?: number;
  /** Told the outcome of every logon EM answered: accepted, or refused with 401 (the logon throttle). */
  readonly onLogon?: (outcome: "accepted" | "refused") => void;
  /** Traces each logon as a span (never with the user name: it is half of a credential). */
  readonly tracer?: Tracer;
  /** The site's name, for the logon's span. */
  readonly site?: string;
}

/** What a caller waiting for a token can pass along. */
export interface TokenOptions {
  /** Stops this caller's wait; a logon already started carries on for the other waiters. */
  readonly signal?: AbortSignal;
  /** Receives the logon exchange's event if this caller is the one that starts the logon. */
  readonly onCall?: UpstreamCallListener;
}

interface Logon {
  readonly token: string;
  /** The SessionId GUID, for the logout URL; undefined if EM gave neither a body nor a decodable token. */
  readonly sessionId: string | undefined;
}

const LOGON_PATH = "/sessionMngr/?v=latest";
/** A LogonSession document has about 60 links; anything far larger is not one. */
const LOGON_MAX_XML_NODES = 10_000;
const DEFAULT_LOGOUT_TIMEOUT_MS = 5_000; // 5 s

/**
 * The EM logon session of one credential pair: `POST /sessionMngr/?v=latest` with Basic auth, the token
 * from `X-RestSvcSessionId` (or base64 of the body's SessionId), and `DELETE /logonSessions/{id}` on
 * logout.
 *
 * Single flight: however many callers wait in `token()`, at most one logon is in flight; a failed logon
 * rejects every waiter and is not remembered, so the next call tries again. A logon is never retried
 * automatically: a 401 becomes EmUnauthorizedError at once, and a 5xx or timeout surfaces as is, since
 * repeating a logon can lock an account or pile up sessions on EM.
 *
 * Hazard: the password stays in a private field for re-logons after EM's 15-minute idle expiry, and the
 * token and SessionId (equivalent: the token is base64 of it) are never logged or put into errors.
 */
export class EmSession {
  readonly #transport: EmTransport;
  readonly #credentials: EmCredentials;
  readonly #logger: UpstreamLogger;
  readonly #logoutTimeoutMs: number;
  readonly #onLogon: ((outcome: "accepted" | "refused") => void) | undefined;
  readonly #tracer: Tracer | undefined;
  readonly #site: string | undefined;
  #current: Logon | undefined;
  #pending: Promise<Logon> | undefined;

  constructor(options: EmSessionOptions) {
    this.#transport = options.transport;
    this.#credentials = options.credentials;
    this.#logger = options.logger ?? silentLogger;
    this.#logoutTimeoutMs = options.logoutTimeoutMs ?? DEFAULT_LOGOUT_TIMEOUT_MS;
    this.#onLogon = options.onLogon;
    this.#tracer = options.tracer;
    this.#site = options.site;
  }

  /** Whether the session currently holds a token (a logon succeeded and was not invalidated since). */
  get isLoggedOn(): boolean {
    return this.#current !== undefined;
  }

  /**
   * The current token, logging on first when there is none. Concurrent callers share one logon.
   * Rejects with EmUnauthorizedError when EM refuses the credentials, or with the transport's errors.
   */
  async token(options: TokenOptions = {}): Promise<string> {
    options.signal?.throwIfAborted();
    if (this.#current) return this.#current.token;
    if (!this.#pending) {
      const pending = this.#tracer
        ? inSpan(
            this.#tracer,
            `POST ${LOGON_PATH.split("?")[0]}`,
            emCallSpan("POST", this.#transport.displayUrl(LOGON_PATH), "logon", this.#site),
            (span) => this.#logon(options.onCall, span),
          )
        : this.#logon(options.onCall, undefined);
      this.#pending = pending;
      // Cleared on both outcomes, so that a failure is not cached.
      const clear = (): void => {
        if (this.#pending === pending) this.#pending = undefined;
      };
      pending.then(clear, clear);
    }
    const logon = await abortable(this.#pending, options.signal);
    return logon.token;
  }

  /**
   * Drops `token` if it is still the current one; EM answered 401 to it (idle expiry). Stale tokens are
   * ignored, so that fifty requests failing with the same expired token cause exactly one re-logon.
   */
  invalidate(token: string): void {
    if (this.#current?.token === token) this.#current = undefined;
  }

  /**
   * Best-effort logout: waits for a logon in flight, then `DELETE /logonSessions/{SessionId}`, the whole
   * bounded by `timeoutMs` (default: the session's logout timeout). Never throws; failures are logged
   * without the SessionId. The session can log on again afterwards.
   */
  async logout(timeoutMs = this.#logoutTimeoutMs): Promise<void> {
    const started = performance.now();
    if (this.#pending)
      await withDeadline(
        this.#pending.catch(() => undefined),
        timeoutMs,
      );
    const leftMs = Math.max(1, Math.floor(timeoutMs - (performance.now() - started)));
    const logon = this.#current;
    this.#current = undefined;
    if (!logon || logon.sessionId === undefined) return;

    const path = `/logonSessions/${encodeURIComponent(logon.sessionId)}`;
    const displayPath = "/logonSessions/[session]";
    try {
      const response = await withDeadline(
        this.#transport.exchange({
          method: "DELETE",
          path,
          displayPath,
          headers: { "x-restsvcsessionid": logon.token, accept: "application/xml" },
          endpoint: "logout",
          timeoutMs: leftMs,
        }),
        leftMs,
      );
      if (response && response.status >= 300) {
        this.#logger.debug(
          { url: this.#transport.displayUrl(displayPath), status: response.status },
          "Enterprise Manager logout was not accepted",
        );
      }
    } catch (error) {
      this.#logger.debug(
        {
          url: this.#transport.displayUrl(displayPath),
          code: error instanceof UpstreamError ? error.code : "unknown",
        },
        "Enterprise Manager logout failed",
      );
    }
  }

  async #logon(onCall: UpstreamCallListener | undefined, span: Span | undefined): Promise<Logon> {
    const { username, password } = this.#credentials;
    const basic = Buffer.from(`${username}:${password}`, "utf8").toString("base64");
    const response = await this.#transport.exchange({
      method: "POST",
      path: LOGON_PATH,
      headers: { authorization: `Basic ${basic}`, "content-length": "0", accept: "application/xml" },
      endpoint: "logon",
      onCall,
    });
    span?.setAttribute("http.response.status_code", response.status);
    const secrets = [password, basic];
    if (response.status === 401) {
      this.#onLogon?.("refused");
      throw new EmUnauthorizedError(
        {
          method: "POST",
          url: response.url,
          status: 401,
          emMessage: readErrorMessage(response.body, secrets),
        },
        "Enterprise Manager refused the logon credentials",
      );
    }
    if (response.status < 200 || response.status >= 300) throw errorForStatus(response, "POST", secrets);
    const logon = readLogon(response);
    this.#current = logon;
    this.#onLogon?.("accepted");
    return logon;
  }
}

/**
 * Token and SessionId from a successful logon response. The header is authoritative; clients that
 * ignore it base64-encode the body's SessionId themselves, which gives the same token on EM v1_5+.
 */
function readLogon(response: EmResponse): Logon {
  const headerToken = headerValue(response.headers, "x-restsvcsessionid")?.trim() || undefined;
  let bodySessionId: string | undefined;
  try {
    const root = parseXml(response.body.toString("utf8"), {
      maxNodes: LOGON_MAX_XML_NODES,
      source: { method: "POST", url: response.url },
    });
    bodySessionId = (root.name === "LogonSession" && childText(root, "SessionId")) || undefined;
  } catch (error) {
    if (!headerToken) throw error;
  }
  if (headerToken) return { token: headerToken, sessionId: bodySessionId ?? sessionIdFromToken(headerToken) };
  if (!bodySessionId) {
    throw new EmBadResponseError(
      { method: "POST", url: response.url, status: response.status },
      "Enterprise Manager logon answer carried neither an X-RestSvcSessionId header nor a SessionId",
    );
  }
  return { token: Buffer.from(bodySessionId, "utf8").toString("base64"), sessionId: bodySessionId };
}

/**
 * What must be masked out of any EM text that might echo a session: the token and the SessionId it encodes
 * (the token is base64 of the SessionId, so either one is a working `X-RestSvcSessionId`).
 */
export function tokenSecrets(token: string): string[] {
  const sessionId = sessionIdFromToken(token);
  return sessionId === undefined ? [token] : [token, sessionId];
}

function sessionIdFromToken(token: string): string | undefined {
  const decoded = Buffer.from(token, "base64").toString("utf8");
  return GUID.test(decoded) ? decoded : undefined;
}

/** Resolves to the promise's value, or to undefined once `ms` have passed (the promise is left behind). */
async function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
    timer.unref();
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
