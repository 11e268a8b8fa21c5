import { EmClient, type EmClientOptions } from "../../../src/upstream/EmClient.js";
import type { UpstreamCallEvent } from "../../../src/upstream/UpstreamCallEvent.js";
import type { UpstreamLogger } from "../../../src/upstream/UpstreamLogger.js";

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

/** An EmClient for tests: small timeouts and delays, records its call events; closed by the caller. */
export function testClient(
  baseUrl: string,
  overrides: Partial<EmClientOptions> = {},
): { client: EmClient; events: UpstreamCallEvent[] } {
  const events: UpstreamCallEvent[] = [];
  const client = new EmClient({
    baseUrl,
    auth: { mode: "service", username: "admin", password: "s3cret-Pa55" },
    connectTimeoutMs: 2_000,
    headersTimeoutMs: 5_000,
    bodyTimeoutMs: 5_000,
    retry: { maxRetries: 2, minDelayMs: 1, maxDelayMs: 20 },
    logoutTimeoutMs: 500,
    onCall: (event) => events.push(event),
    ...overrides,
  });
  return { client, events };
}
