import type { ReadinessReportLike } from "./ReadinessReportLike.js";

/** The circuit breaker of a site's EM client, as the `Site` type shows it. */
export type BreakerState = "closed" | "open" | "half-open";

/** What is known of a site without asking it: its breaker and its last exchange. */
export interface SiteCallStats {
  readonly breaker: BreakerState;
  /** The last HTTP exchange with this EM (logons included); undefined before the first. */
  readonly lastCall?: { readonly at: Date; readonly durationMs: number; readonly ok: boolean };
}

/**
 * One site as the `Site` type reports it, for the whole process (not per request): its name, EM's API
 * version, whether it answers now and its last exchange. Implemented by the gateway's site runtime.
 */
export interface SiteStatusSource {
  readonly name: string;
  /**
   * The newest REST API version EM's entry point lists (`v1_7`): what EM says of its version without a
   * logon. Read once and kept; null while EM has not answered.
   */
  apiVersion(): Promise<string | null>;
  /** Whether EM answers now: the site's readiness check, reused for READINESS_CACHE_MS. Never rejects. */
  health(): Promise<ReadinessReportLike>;
  stats(): SiteCallStats;
}
