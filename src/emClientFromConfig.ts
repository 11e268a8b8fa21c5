import type { Tracer } from "@opentelemetry/api";
import type { SiteConfig } from "./config.js";
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
  /** Traces its calls (see EmClientOptions.tracer). */
  readonly tracer?: Tracer;
}

/**
 * The EM client's settings for one site from the validated configuration (config.ts and siteSettings.ts
 * are the one table of defaults and bounds; EmClient takes them as they are).
 */
export function emClientOptions(config: SiteConfig, listeners: EmClientListeners): EmClientOptions {
  return {
    baseUrl: config.emUrl,
    site: config.name,
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
 * The EM client of one site, configured from `config`: connection pool, timeouts, TLS, credentials
 * (service account or passthrough), retries, retry budget, circuit breaker and concurrency cap.
 */
export function emClientFromConfig(config: SiteConfig, listeners: EmClientListeners): EmClient {
  return new EmClient(emClientOptions(config, listeners));
}
