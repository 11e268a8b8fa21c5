/**
 * The `extensions.code` values clients can see. Upstream and filter errors carry their own codes; they are
 * translated into these exactly once, in `formatError`.
 */
export enum GatewayErrorCode {
  /** An argument is invalid; `extensions.argumentPath` names it. */
  BAD_USER_INPUT = "BAD_USER_INPUT",
  /** EM refused the credentials (service account or, in passthrough mode, the caller's). */
  UNAUTHENTICATED = "UNAUTHENTICATED",
  /** EM answered 403: the account lacks the EM role for this data. */
  FORBIDDEN = "FORBIDDEN",
  /**
   * EM answered 5xx or could not be reached, after the bounded retries; or the call failed fast without
   * reaching EM because its circuit breaker is open (`extensions.retryAt` says when EM is next tried) or
   * the gateway's cap on concurrent EM calls stayed saturated past the queue timeout. Back off and retry.
   */
  UPSTREAM_UNAVAILABLE = "UPSTREAM_UNAVAILABLE",
  /** EM did not connect, answer or finish its answer within the configured timeouts. */
  UPSTREAM_TIMEOUT = "UPSTREAM_TIMEOUT",
  /** EM's answer could not be parsed or did not have the documented shape. */
  UPSTREAM_BAD_RESPONSE = "UPSTREAM_BAD_RESPONSE",
  /**
   * A subscription refused because the connection or the gateway serves its limit of subscriptions
   * (`extensions.limit` names it: LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION, LIVE_MAX_SUBSCRIPTIONS,
   * LIVE_MAX_FEEDS), or ended
   * because its client fell too far behind (LIVE_QUEUE). Subscribe again later or elsewhere.
   */
  TOO_MANY_SUBSCRIPTIONS = "TOO_MANY_SUBSCRIPTIONS",
  /** Anything else; the message is masked unless NODE_ENV=development, the details are logged. */
  INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR",
}
