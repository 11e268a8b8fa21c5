// The public surface of the upstream layer. Everything else in this folder is internal; add exports here
// deliberately.
export {
  EmClient,
  type CallOptions,
  type EmAuth,
  type EmClientOptions,
  type EmClientStats,
  type EmCredentials,
  type EmQuery,
  type EmQueryPage,
  type CircuitBreakerListener,
  type CircuitBreakerSnapshot,
  type CircuitState,
} from "./EmClient.js";
export { RetryBudget } from "./RetryBudget.js";
export {
  UpstreamError,
  EmUnauthorizedError,
  EmForbiddenError,
  EmNotFoundError,
  EmBadRequestError,
  EmUnavailableError,
  EmCircuitOpenError,
  EmSaturatedError,
  EmTimeoutError,
  EmBadResponseError,
  type UpstreamErrorCode,
  type UpstreamErrorDetails,
} from "./UpstreamError.js";
export { parseXml, DEFAULT_MAX_XML_BYTES, DEFAULT_MAX_XML_DEPTH, type ParseXmlOptions } from "./parseXml.js";
export { attribute, childElement, childElements, childText, type XmlElement } from "./xmlNodes.js";
export { readEmError, type EmErrorBody } from "./readEmError.js";
export { DEFAULT_RETRY_OPTIONS, type RetryOptions } from "./retryPolicy.js";
export type { UpstreamCallEvent, UpstreamCallListener, UpstreamEndpoint } from "./UpstreamCallEvent.js";
export { silentLogger, type UpstreamLogger } from "./UpstreamLogger.js";
