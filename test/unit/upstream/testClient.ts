import { loadConfig } from "../../../src/config.js";
import { emClientOptions } from "../../../src/emClientFromConfig.js";
import { EmClient, type EmClientOptions } from "../../../src/upstream/EmClient.js";
import type { UpstreamCallEvent } from "../../../src/upstream/UpstreamCallEvent.js";
import { silentLogger, type UpstreamLogger } from "../../../src/upstream/UpstreamLogger.js";

/** A logger that records every call as [level, JSON of the arguments]. */
export function recordingLogger(): UpstreamLogger & { lines: string[] } {
  const lines: string[] = [];
  const record =
    (level: string) =>
    (obj: object, msg?: string): void => {
      lines.push(`${level} ${JSON.stringify(obj)} ${msg ?? ""}`);
    };
  return {
    lines,
    error: record("error"),
    warn: record("warn"),
    info: record("info"),
    debug: record("debug"),
  };
}

/** What a test may override: any setting, with `auth`, `retry` and `breaker` merged into the defaults. */
export type TestClientOverrides = Omit<Partial<EmClientOptions>, "auth" | "retry" | "breaker"> & {
  readonly auth?:
    | { readonly mode: "service"; readonly username: string; readonly password: string }
    | {
        readonly mode: "passthrough";
        readonly maxSessions?: number;
      };
  readonly retry?: Partial<EmClientOptions["retry"]>;
  readonly breaker?: Partial<EmClientOptions["breaker"]>;
};

/**
 * An EmClient for tests: the gateway's defaults (config.ts), with small timeouts and delays, recording its
 * call events; closed by the caller.
 */
export function testClient(
  baseUrl: string,
  overrides: TestClientOverrides = {},
): { client: EmClient; events: UpstreamCallEvent[] } {
  const events: UpstreamCallEvent[] = [];
  const defaults = emClientOptions(
    loadConfig({ VEEAM_EM_URL: baseUrl, VEEAM_EM_USERNAME: "admin", VEEAM_EM_PASSWORD: "s3cret-Pa55" })
      .sites[0]!,
    { logger: overrides.logger ?? silentLogger, onCall: (event) => events.push(event) },
  );
  const auth: EmClientOptions["auth"] =
    overrides.auth?.mode === "passthrough"
      ? { ...overrides.auth, logonThrottle: { failuresPerUser: 5, failuresOverall: 50, windowMs: 300_000 } }
      : (overrides.auth ?? defaults.auth);
  const client = new EmClient({
    ...defaults,
    connectTimeoutMs: 2_000,
    headersTimeoutMs: 5_000,
    bodyTimeoutMs: 5_000,
    logoutTimeoutMs: 500,
    ...overrides,
    auth,
    retry: { ...defaults.retry, minDelayMs: 1, maxDelayMs: 20, ...overrides.retry },
    breaker: { ...defaults.breaker, ...overrides.breaker },
  });
  return { client, events };
}
