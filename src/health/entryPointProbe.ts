import { readFileSync } from "node:fs";
import { Agent, request } from "undici";

/** A readiness check failed; `code` is stable (`EM_UNAVAILABLE`, `EM_BAD_RESPONSE`). */
export class ReadinessCheckError extends Error {
  constructor(
    readonly code: "EM_UNAVAILABLE" | "EM_BAD_RESPONSE",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ReadinessCheckError";
  }
}

/** Options of entryPointProbe: the EM address and TLS settings, as the configuration gives them. */
export interface EntryPointProbeOptions {
  /** EM API base ending in `/api`, without credentials. */
  readonly baseUrl: string;
  readonly caFile?: string;
  readonly tlsInsecure?: boolean;
  readonly connectTimeoutMs: number;
}

/** How long `close()` lets a probe in flight finish before its socket is destroyed. */
const CLOSE_GRACE_MS = 250;

/** Largest entry-point answer read; EM's is under 2 KiB. */
const MAX_BODY_BYTES = 64 * 1024; // 64 KiB

/**
 * Readiness for passthrough mode, where the gateway holds no credentials of its own: EM's unauthenticated
 * entry point `GET /api/` answers 200 with an `EnterpriseManager` document. It proves EM is up and reachable
 * with the configured TLS settings, not that any particular user can log on.
 *
 * Uses its own small undici Agent (one connection, same CA and verification settings as EmClient) so that
 * probes never queue behind GraphQL traffic in EmClient's pool; `close()` releases it.
 */
export function entryPointProbe(options: EntryPointProbeOptions): {
  probe: (signal: AbortSignal) => Promise<void>;
  /** Releases the agent within a quarter of a second; never rejects. */
  close: () => Promise<void>;
} {
  const ca = options.caFile === undefined ? undefined : readFileSync(options.caFile, "utf8");
  const agent = new Agent({
    connections: 1,
    connect: {
      timeout: options.connectTimeoutMs,
      rejectUnauthorized: !options.tlsInsecure,
      ...(ca === undefined ? {} : { ca }),
    },
  });
  const url = `${options.baseUrl.replace(/\/+$/, "")}/`;
  return {
    async probe(signal) {
      let status: number;
      let body = "";
      try {
        const response = await request(url, {
          method: "GET",
          headers: { accept: "application/xml" },
          dispatcher: agent,
          signal,
        });
        status = response.statusCode;
        for await (const chunk of response.body) {
          if (body.length < MAX_BODY_BYTES) body += (chunk as Buffer).toString("utf8");
        }
      } catch (error) {
        if (signal.aborted) throw error;
        throw new ReadinessCheckError("EM_UNAVAILABLE", `GET ${url} failed: ${describe(error)}`, {
          cause: error,
        });
      }
      if (status !== 200) {
        throw new ReadinessCheckError("EM_UNAVAILABLE", `GET ${url} answered HTTP ${status}`);
      }
      if (!/<EnterpriseManager[\s>]/.test(body)) {
        throw new ReadinessCheckError(
          "EM_BAD_RESPONSE",
          `GET ${url} did not answer an EnterpriseManager document`,
        );
      }
    },
    // A probe stalled on a hung EM must not hold up shutdown: its socket is destroyed after a short grace.
    close: async () => {
      const grace = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref());
      await Promise.race([agent.close(), grace]).catch(() => undefined);
      await agent.destroy().catch(() => undefined);
    },
  };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? `${code} ${error.message}` : error.message;
}
