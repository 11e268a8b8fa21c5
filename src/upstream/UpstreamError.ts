/**
 * The closed set of upstream error codes. They are stable strings: the GraphQL error formatter switches
 * over them, and logs and alerts match on them, so renaming one is a breaking change.
 */
export type UpstreamErrorCode =
  | "EM_UNAUTHORIZED"
  | "EM_FORBIDDEN"
  | "EM_NOT_FOUND"
  | "EM_BAD_REQUEST"
  | "EM_UNAVAILABLE"
  | "EM_TIMEOUT"
  | "EM_BAD_RESPONSE";

/** What every upstream error knows about the exchange that failed. */
export interface UpstreamErrorDetails {
  /** HTTP method of the failed exchange. */
  readonly method: string;
  /**
   * Absolute URL of the failed exchange with userinfo stripped and secret path parts masked
   * (see redactUrl). Never holds a token.
   */
  readonly url: string;
  /** HTTP status when EM answered; absent for network failures and local checks. */
  readonly status?: number;
  /** EM's `Error/@Message` (or `FirstChanceExceptionMessage`) when the response carried one. */
  readonly emMessage?: string;
  /** The underlying error (undici, xml2js, fs…), when there is one. */
  readonly cause?: unknown;
}

/**
 * Base of every error thrown by `src/upstream`: one `code` per subclass, the method and URL in the message
 * and as fields, EM's own message when it sent one, and the original error as `cause`.
 *
 * Hazard: messages and fields are built only from the method, a redacted URL, the status and EM's message;
 * nothing in this layer passes a password, Authorization header, cookie or session token to these
 * constructors, and the secrets test holds it to that. Callers adding details must keep it so.
 */
export abstract class UpstreamError extends Error {
  abstract readonly code: UpstreamErrorCode;
  readonly method: string;
  readonly url: string;
  readonly status: number | undefined;
  readonly emMessage: string | undefined;
  /**
   * The site (EM server) whose exchange failed, when the gateway serves several: set by the EmClient that
   * made it (`EmClientOptions.site`), once. Clients see it as `extensions.site`.
   */
  site: string | undefined;
  readonly #summary: string;

  constructor(summary: string, details: UpstreamErrorDetails) {
    super(
      formatMessage(summary, details),
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.#summary = summary;
    this.method = details.method;
    this.url = details.url;
    this.status = details.status;
    this.emMessage = details.emMessage;
  }

  /** The summary the error was made with, without the exchange (rebuilds an error sent across threads). */
  get summary(): string {
    return this.#summary;
  }

  /**
   * The message for API clients: `message` without EM's own text, except for a rejected query
   * (EmBadRequestError), where EM's words usually name the part of the filter it could not read. EM's
   * texts for its failures (5xx) are stack-trace fragments and internal names that help no client; they
   * stay in `message`, which the logs get.
   */
  get clientMessage(): string {
    return this.code === "EM_BAD_REQUEST"
      ? this.message
      : formatMessage(this.#summary, { method: this.method, url: this.url, status: this.status });
  }
}

function formatMessage(summary: string, details: UpstreamErrorDetails): string {
  const status = details.status === undefined ? "" : ` (HTTP ${details.status})`;
  const em = details.emMessage ? ` EM said: ${JSON.stringify(details.emMessage)}` : "";
  return `${summary}${status}: ${details.method} ${details.url}.${em}`;
}

/**
 * EM refused the credentials at logon, no credentials were supplied in passthrough mode, or a request got
 * 401 again right after a fresh logon. Not retried further.
 */
export class EmUnauthorizedError extends UpstreamError {
  readonly code = "EM_UNAUTHORIZED" as const;
  // Widened to string so that EmLogonThrottledError can name itself.
  override readonly name: string = "EmUnauthorizedError";
  constructor(details: UpstreamErrorDetails, summary = "Enterprise Manager rejected the credentials") {
    super(summary, details);
  }
}

/**
 * Passthrough mode refused a logon without asking EM: this user name (or, during a spray, every unproven
 * credential) failed too often in the throttle's window. `retryAt` says when a logon may be tried again.
 * Same code as its parent, so clients see UNAUTHENTICATED.
 */
export class EmLogonThrottledError extends EmUnauthorizedError {
  override readonly name: string = "EmLogonThrottledError";
  /** ISO 8601 time from which a logon is tried again. */
  readonly retryAt: string;
  constructor(details: UpstreamErrorDetails, summary: string, retryAt: string) {
    super(details, summary);
    this.retryAt = retryAt;
  }
}

/** EM answered 403: the account lacks the EM role or permission for this resource. */
export class EmForbiddenError extends UpstreamError {
  readonly code = "EM_FORBIDDEN" as const;
  override readonly name = "EmForbiddenError";
  constructor(details: UpstreamErrorDetails, summary = "Enterprise Manager denied access") {
    super(summary, details);
  }
}

/** EM answered 404 (the by-id loaders never see one: an unknown id is simply absent from a query page). */
export class EmNotFoundError extends UpstreamError {
  readonly code = "EM_NOT_FOUND" as const;
  override readonly name = "EmNotFoundError";
  constructor(details: UpstreamErrorDetails, summary = "Enterprise Manager has no such resource") {
    super(summary, details);
  }
}

/**
 * EM answered 400, typically for a filter or query it cannot parse; `emMessage` carries EM's text, which
 * usually names the offending part. Never retried: the same request would fail the same way.
 */
export class EmBadRequestError extends UpstreamError {
  readonly code = "EM_BAD_REQUEST" as const;
  override readonly name = "EmBadRequestError";
  constructor(details: UpstreamErrorDetails, summary = "Enterprise Manager rejected the request") {
    super(summary, details);
  }
}

/**
 * EM could not be reached or did not serve the request: 5xx after the retry budget, a connection failure
 * after retries, a TLS failure, or any status this client does not expect.
 */
export class EmUnavailableError extends UpstreamError {
  readonly code = "EM_UNAVAILABLE" as const;
  // Widened to string so that the refinements below can name themselves.
  override readonly name: string = "EmUnavailableError";
  constructor(details: UpstreamErrorDetails, summary = "Enterprise Manager is unavailable") {
    super(summary, details);
  }
}

/**
 * The circuit breaker for EM's base URL is open (or half-open with its one probe still out): the call
 * failed fast without reaching EM. `retryAt` says when the next probe may go (absent while a probe is
 * out). Same code as its parent, so clients see UPSTREAM_UNAVAILABLE; the name tells it apart in logs.
 */
export class EmCircuitOpenError extends EmUnavailableError {
  override readonly name: string = "EmCircuitOpenError";
  /** ISO 8601 time of the next probe, when known. */
  readonly retryAt: string | undefined;
  constructor(details: UpstreamErrorDetails, summary: string, retryAt: string | undefined) {
    super(details, summary);
    this.retryAt = retryAt;
  }
}

/**
 * The gateway's own cap on concurrent EM calls is saturated: the call found the wait queue full, or waited
 * longer than the queue timeout, and was refused without reaching EM. Same code as its parent (clients
 * see UPSTREAM_UNAVAILABLE and should back off the same way); it never counts against the breaker.
 */
export class EmSaturatedError extends EmUnavailableError {
  override readonly name: string = "EmSaturatedError";
}

/** Connecting, waiting for response headers, or reading the body took longer than configured. */
export class EmTimeoutError extends UpstreamError {
  readonly code = "EM_TIMEOUT" as const;
  override readonly name = "EmTimeoutError";
  constructor(details: UpstreamErrorDetails, summary = "Enterprise Manager did not answer in time") {
    super(summary, details);
  }
}

/**
 * EM answered, but not with something this client accepts: XML that does not parse, a DOCTYPE or ENTITY
 * declaration, nesting or size beyond the caps, a non-XML content type, or XML of an unexpected shape.
 */
export class EmBadResponseError extends UpstreamError {
  readonly code = "EM_BAD_RESPONSE" as const;
  override readonly name = "EmBadResponseError";
  constructor(details: UpstreamErrorDetails, summary = "Enterprise Manager sent an unusable response") {
    super(summary, details);
  }
}
