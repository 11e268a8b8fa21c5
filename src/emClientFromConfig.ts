import type { GatewayConfig } from "./config.js";
import { EmClient, type EmClientOptions } from "./upstream/EmClient.js";
import type { UpstreamCallListener } from "./upstream/UpstreamCallEvent.js";
import type { UpstreamLogger } from "./upstream/UpstreamLogger.js";
import type { QueryPageDecoder } from "./upstream/QueryPageDecoder.js";

/** What EmClient reports besides its return values (logs, exchanges, throttled logons), and its decoder. */
export interface EmClientListeners {
  readonly logger: UpstreamLogger;
  /** Parses and maps query pages (the XML worker pool); default inline. */
  readonly decoder?: QueryPageDecoder;
  readonly onCall?: UpstreamCallListener;
  readonly onLogonThrottled?: (scope: "user" | "overall") => void;
}

/**
 * The EM client's settings from the validated configuration (config.ts is the one table of defaults and
 * bounds; EmClient takes them as they are). `config.emUrl` must be set: main.ts fills it with the
 * simulator's URL when the user did not.
 */
export function emClientOptions(
  config: GatewayConfig & { readonly emUrl: string },
  listeners: EmClientListeners,
): EmClientOptions {
  return {
    baseUrl: config.emUrl,
    auth:
      config.authMode === "passthrough"
        ? {
            mode: "passthrough",
            logonThrottle: {
              failuresPerUser: config.emLogonFailuresPerUser,
              failuresOverall: config.emLogonFailuresOverall,
              windowMs: config.emLogonFailureWindowMs,
            },
          }
        : { mode: "service", username: config.emUsername ?? "", password: config.emPassword ?? "" },
    caFile: config.emCaFile,
    tlsInsecure: config.emTlsInsecure,
    connectTimeoutMs: config.emConnectTimeoutMs,
    headersTimeoutMs: config.emHeadersTimeoutMs,
    bodyTimeoutMs: config.emBodyTimeoutMs,
    maxConnections: config.emMaxConnections,
    maxResponseBytes: config.emMaxResponseBytes,
    retry: {
      maxRetries: config.emMaxRetries,
      minDelayMs: config.emRetryMinDelayMs,
      maxDelayMs: config.emRetryMaxDelayMs,
    },
    operationRetryBudget: config.emRetryBudget,
    breaker: { failureThreshold: config.emBreakerThreshold, coolDownMs: config.emBreakerCoolDownMs },
    maxConcurrentCalls: config.emMaxConcurrency,
    maxQueuedCalls: config.emQueueLength,
    queueTimeoutMs: config.emQueueTimeoutMs,
    ...listeners,
  };
}

/**
 * The process's one EM client, configured from `config`: connection pool, timeouts, TLS, credentials
 * (service account or passthrough), retries, retry budget, circuit breaker and concurrency cap.
 */
export function emClientFromConfig(
  config: GatewayConfig & { readonly emUrl: string },
  listeners: EmClientListeners,
): EmClient {
  return new EmClient(emClientOptions(config, listeners));
}
