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
 * with the configured TLS settings, not that any particular user can log on. The document lists the API
 * versions EM supports, which is how a site tells its version (`Site.apiVersion`) without a logon.
 *
 * Uses its own small undici Agent (one connection, same CA and verification settings as EmClient) so that
 * probes never queue behind GraphQL traffic in EmClient's pool; `close()` releases it.
 */
export function entryPointProbe(options: EntryPointProbeOptions): {
  /** Resolves with the newest API version the entry point lists (`v1_7`; null when it lists none). */
  probe: (signal: AbortSignal) => Promise<{ apiVersion: string | null }>;
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
      return { apiVersion: newestApiVersion(body) };
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

/**
 * The newest `SupportedVersion Name` of an entry-point document (`v1_5`, `v1_6`, `v1_7` → `v1_7`), compared
 * by number. Read with a pattern like the document's root above: a flat attribute of a small, fixed
 * document, with nothing to build a tree for.
 */
export function newestApiVersion(body: string): string | null {
  let newest: { name: string; parts: number[] } | null = null;
  for (const match of body.matchAll(/<SupportedVersion\s[^>]*?Name="(v\d{1,4}(?:_\d{1,4}){0,3})"/g)) {
    const parts = match[1]!.slice(1).split("_").map(Number);
    if (!newest || compareVersions(parts, newest.parts) > 0) newest = { name: match[1]!, parts };
  }
  return newest?.name ?? null;
}

function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
