import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { ClientAuthSettings } from "./http/ClientAuthenticator.js";
import { ConfigError } from "./ConfigError.js";
import { BATCH_PAGE_ROWS } from "./loaders/QueryDeps.js";
import {
  defaultSite,
  emApiUrl,
  INTEGER_SETTINGS,
  sitesFromJson,
  type EmSiteSettings,
  type SiteConfig,
} from "./siteSettings.js";

/**
 * The gateway's configuration: the only module that reads `process.env`. Every key is validated at start-up;
 * a bad value stops the process with a message naming the variable, the expected form and what was given
 * (secrets are never echoed).
 */

export type { AuthMode, EmSiteSettings, SiteConfig } from "./siteSettings.js";
export { ConfigError } from "./ConfigError.js";

/**
 * Every setting of the gateway. The `em*` settings (EmSiteSettings) are the `VEEAM_EM_*` variables: the
 * settings of the one site the single-EM variables configure, and the defaults of each `VEEAM_EM_SITES` site.
 */
export interface GatewayConfig extends EmSiteSettings {
  /**
   * The EM servers of the graph, in configuration order: one named `default` from `VEEAM_EM_URL`,
   * `VEEAM_EM_USERNAME` and `VEEAM_EM_PASSWORD`, or those of `VEEAM_EM_SITES` / `VEEAM_EM_SITES_FILE`. Empty
   * when no EM is configured: main.ts then starts `simulatorSites` embedded simulators.
   */
  readonly sites: readonly SiteConfig[];
  /** Embedded simulators `npm start` serves when no EM is configured, each a site with data of its own. (`SIMULATOR_SITES`, default 1) */
  readonly simulatorSites: number;
  /**
   * Worker threads that parse and map EM's XML off the event loop; 0 parses inline. (`XML_WORKERS`,
   * default: available parallelism − 1, at least 1)
   */
  readonly xmlWorkers: number;
  /** Old-generation heap limit of each XML worker, MB; a body needing more fails alone. (`XML_WORKER_HEAP_MB`, default 192) */
  readonly xmlWorkerHeapMb: number;
  /** Bodies below this many bytes are parsed inline, where the thread hop costs more than it saves. (`XML_INLINE_BELOW_BYTES`, default 65536, measured: BENCHMARKS.md) */
  readonly xmlInlineBelowBytes: number;
  /** Longest parse of one body in a worker before it is ended and the call fails. (`XML_PARSE_DEADLINE_MS`, default 30 000) */
  readonly xmlParseDeadlineMs: number;
  /** Listen port and host. (`PORT` default 4000, `HOST` default 127.0.0.1 or 0.0.0.0 in a container) */
  readonly port: number;
  readonly host: string;
  /** pino level. (`LOG_LEVEL`, default info) */
  readonly logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** `first` when a client gives none. (`DEFAULT_PAGE_SIZE`, default 50) */
  readonly defaultPageSize: number;
  /** Largest `first` a client may ask for. (`MAX_PAGE_SIZE`, default 500) */
  readonly maxPageSize: number;
  /** Most child rows read for one nested-connection batch before answering from what was read. (`MAX_CHILD_ROWS`, default 5000) */
  readonly maxChildRows: number;
  /** Production mode: no stack traces, explorer conveniences off unless set. (`NODE_ENV=production`) */
  readonly production: boolean;
  /** Development mode: unexpected errors keep their message for the client. (`NODE_ENV=development`) */
  readonly development: boolean;
  /**
   * Stack traces (`extensions.stacktrace`) and unmasked internal messages in error responses, for debugging
   * only. (`DEBUG_ERRORS`, default true with NODE_ENV=development, false otherwise)
   */
  readonly debugErrors: boolean;
  /**
   * Apollo Sandbox's telemetry to Apollo (usage and errors of the embedded explorer page; the gateway itself
   * sends nothing). (`SANDBOX_TELEMETRY`, default false)
   */
  readonly sandboxTelemetry: boolean;
  /** Largest accepted HTTP request body; larger ones get 413. (`MAX_BODY_BYTES`, default 1 048 576 = 1 MiB) */
  readonly maxBodyBytes: number;
  /** Deepest field nesting of an operation, introspection excluded. (`MAX_QUERY_DEPTH`, default 12) */
  readonly maxQueryDepth: number;
  /** Most aliases in an operation. (`MAX_ALIASES`, default 15) */
  readonly maxAliases: number;
  /** Most lexical tokens in a document, checked while parsing. (`MAX_TOKENS`, default 2000) */
  readonly maxTokens: number;
  /** Most directives in an operation. (`MAX_DIRECTIVES`, default 50) */
  readonly maxDirectives: number;
  /**
   * Largest estimated cost of an operation (graphql-armor: scalar 1, object 2, children ×1.5 per level, a
   * selection with a literal `first: n` ×n; `first` given as a variable counts as 1, `MAX_PAGE_SIZE` still
   * caps it). The default lets a full page of rows with a page of children each through and refuses fan-outs
   * of hundreds of thousands of rows. (`MAX_COST`, default 1 000 000)
   */
  readonly maxCost: number;
  /**
   * Browser origins allowed to call the gateway cross-origin (CORS), e.g. `https://grafana.example.com`.
   * Default none: only same-origin pages (the explorers served here) and non-browser clients. (`CORS_ORIGINS`,
   * comma-separated)
   */
  readonly corsOrigins: readonly string[];
  /**
   * Schema introspection. (`INTROSPECTION`, default true; false when NODE_ENV=production and an EM is
   * configured). The same defaults hold for FIELD_SUGGESTIONS and EXPLORER.
   */
  readonly introspection: boolean;
  /** "Did you mean …" hints in validation errors. (`FIELD_SUGGESTIONS`, default true, false when NODE_ENV=production) */
  readonly fieldSuggestions: boolean;
  /**
   * Apollo Sandbox at `/graphql` for browsers and the self-hosted GraphiQL at `/graphiql`.
   * (`EXPLORER`, default true, false when NODE_ENV=production)
   */
  readonly explorer: boolean;
  /** How long a `/readyz` verdict is reused before EM is asked again. (`READINESS_CACHE_MS`, default 5000 = 5 s) */
  readonly readinessCacheMs: number;
  /** Longest wait for EM during one readiness check. (`READINESS_TIMEOUT_MS`, default 5000 = 5 s) */
  readonly readinessTimeoutMs: number;
  /** Bound on draining in-flight operations at shutdown; then they are cut. (`SHUTDOWN_TIMEOUT_MS`, default 10 000 = 10 s) */
  readonly shutdownTimeoutMs: number;
  /**
   * Client authentication (`CLIENT_AUTH`, default none): `api-key` checks `Authorization: Bearer <key>` or
   * `X-API-Key` against `CLIENT_API_KEYS` (comma-separated SHA-256 hex digests of the keys, never the keys);
   * `jwt` verifies `Authorization: Bearer <jwt>` against `CLIENT_JWT_JWKS_URL`, `CLIENT_JWT_ISSUER` and
   * `CLIENT_JWT_AUDIENCE`. `/healthz` and `/readyz` stay open.
   */
  readonly clientAuth: ClientAuthSettings;
  /** When set, `/metrics` requires `Authorization: Bearer <this token>`. (`METRICS_TOKEN`) */
  readonly metricsToken: string | undefined;
  /** The cross-request cache of EM data (see README "Caching"); undefined when `CACHE=off`. */
  readonly cache: CacheSettings | undefined;
  /**
   * The Redis that replicas share (`REDIS_URL`, redis:// or rediss://): the cache's backend and the live
   * feeds' leases and fan-out. Unset: an in-process cache and feeds of this replica alone.
   */
  readonly redisUrl: string | undefined;
  /** Start of every Redis key and channel (`CACHE_KEY_PREFIX`, default `veeam-em-gql`). */
  readonly redisKeyPrefix: string;
  /**
   * Key of the passthrough scopes' HMAC, for the cache and the live feeds (`CACHE_SCOPE_SECRET`); unset =
   * random per process, so replicas share passthrough users' rows and feeds only when it is set.
   */
  readonly scopeSecret: string | undefined;
  /** Subscriptions and their EM feeds (see README "Live progress"). */
  readonly live: LiveConfig;
  /** Distinct operation names kept as metric labels; later ones are counted as "other". (`METRICS_MAX_OPERATION_NAMES`, default 100) */
  readonly metricsMaxOperationNames: number;
  /**
   * OpenTelemetry traces (README "Tracing"): on when an OTLP endpoint is set (`OTEL_EXPORTER_OTLP_ENDPOINT`
   * or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`), unless `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none`;
   * undefined when off. Everything else is the SDK's standard `OTEL_*` variables, which it reads itself.
   */
  readonly tracing: TracingSettings | undefined;
}

/** What the gateway decides about tracing; the OpenTelemetry SDK reads the rest of `OTEL_*` itself. */
export interface TracingSettings {
  /** The service name when `OTEL_SERVICE_NAME` does not give one (and undefined when it does). */
  readonly defaultServiceName: string | undefined;
}

/** Names of the embedded simulators' sites when `SIMULATOR_SITES` asks for several (one is `default`). */
export const SIMULATOR_SITE_NAMES = ["london", "sydney", "toronto", "frankfurt"] as const;

/**
 * The configured sites: the single-EM variables as one site named `default`, or `VEEAM_EM_SITES` /
 * `VEEAM_EM_SITES_FILE` (never both forms); none when nothing is configured.
 */
function siteConfigs(env: Env, settings: EmSiteSettings): SiteConfig[] {
  const url = text(env, "VEEAM_EM_URL");
  const json = text(env, "VEEAM_EM_SITES");
  const file = text(env, "VEEAM_EM_SITES_FILE");
  const given = [url && "VEEAM_EM_URL", json && "VEEAM_EM_SITES", file && "VEEAM_EM_SITES_FILE"].filter(
    Boolean,
  );
  if (given.length > 1)
    throw new ConfigError(
      `set one of VEEAM_EM_URL, VEEAM_EM_SITES and VEEAM_EM_SITES_FILE; got ${given.join(" and ")}`,
    );
  if (json !== undefined) return sitesFromJson(json, "VEEAM_EM_SITES", settings);
  if (file !== undefined) {
    let content: string;
    try {
      content = readFileSync(file, "utf8");
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? "unreadable";
      throw new ConfigError(`VEEAM_EM_SITES_FILE names a file that cannot be read (${reason}): "${file}"`);
    }
    return sitesFromJson(content, `VEEAM_EM_SITES_FILE (${file})`, settings);
  }
  if (url === undefined) return [];
  const username = text(env, "VEEAM_EM_USERNAME");
  const password = env["VEEAM_EM_PASSWORD"] || undefined;
  if (settings.authMode === "service" && (username === undefined || password === undefined)) {
    throw new ConfigError(
      "VEEAM_EM_USERNAME and VEEAM_EM_PASSWORD must be set when VEEAM_EM_URL is set and VEEAM_EM_AUTH_MODE is service",
    );
  }
  return [
    defaultSite(
      settings,
      emApiUrl(url, "VEEAM_EM_URL", "VEEAM_EM_USERNAME and VEEAM_EM_PASSWORD"),
      username,
      password,
    ),
  ];
}

/** Response-size allowance per entity of a page, and for the envelope around the entities. */
const RESPONSE_BYTES_PER_ENTITY = 16 * 1024; // 16 KiB
const RESPONSE_ENVELOPE_BYTES = 64 * 1024; // 64 KiB

type Env = Readonly<Record<string, string | undefined>>;

function text(env: Env, key: string): string | undefined {
  const value = env[key];
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function integer(env: Env, key: string, fallback: number, min: number, max: number): number {
  const raw = text(env, key);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${key} must be an integer from ${min} to ${max}; got "${raw}"`);
  }
  return value;
}

function boolean(env: Env, key: string, fallback: boolean): boolean {
  const raw = text(env, key);
  if (raw === undefined) return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${key} must be true or false; got "${raw}"`);
}

function oneOf<T extends string>(env: Env, key: string, allowed: readonly T[], fallback: T): T {
  const raw = text(env, key);
  if (raw === undefined) return fallback;
  const match = allowed.find((candidate) => candidate === raw.toLowerCase());
  if (!match) throw new ConfigError(`${key} must be one of ${allowed.join(", ")}; got "${raw}"`);
  return match;
}

function origins(env: Env, key: string): string[] {
  const raw = text(env, key);
  if (raw === undefined) return [];
  return raw
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "")
    .map((item) => {
      let url: URL | undefined;
      try {
        url = new URL(item);
      } catch {
        url = undefined;
      }
      // An origin is scheme://host[:port] exactly; a path, a wildcard or "null" would widen the allow-list.
      if (
        !url ||
        (url.protocol !== "https:" && url.protocol !== "http:") ||
        url.origin !== item.replace(/\/$/, "")
      ) {
        throw new ConfigError(
          `${key} must be a comma-separated list of origins such as https://grafana.example.com; got "${item}"`,
        );
      }
      return url.origin;
    });
}

/** Reads and validates the configuration from an environment (default `process.env`). */
export function loadConfig(env: Env = process.env): GatewayConfig {
  const authMode = oneOf(env, "VEEAM_EM_AUTH_MODE", ["service", "passthrough"] as const, "service");
  const production = text(env, "NODE_ENV") === "production";
  const development = text(env, "NODE_ENV") === "development";
  // Serving the embedded simulator is a demo (also in the production-mode Docker image): keep the explorer.
  const defaultPageSize = integer(env, "DEFAULT_PAGE_SIZE", 50, 1, 10_000);
  const maxPageSize = integer(env, "MAX_PAGE_SIZE", 500, 1, 10_000);
  if (defaultPageSize > maxPageSize) {
    throw new ConfigError(
      `DEFAULT_PAGE_SIZE (${defaultPageSize}) must not exceed MAX_PAGE_SIZE (${maxPageSize})`,
    );
  }
  // The largest page a request reads: a root list window (planEmPages reads up to 2 × MAX_PAGE_SIZE rows)
  // or a batch page. 16 KiB per entity leaves room for jobs whose JobInfo lists many VMs; sessions take ~1.5.
  const largestPageRows = Math.max(2 * maxPageSize, BATCH_PAGE_ROWS);
  const defaultMaxResponseBytes = largestPageRows * RESPONSE_BYTES_PER_ENTITY + RESPONSE_ENVELOPE_BYTES;
  const settings: EmSiteSettings = {
    authMode,
    emCaFile: text(env, "VEEAM_EM_CA_FILE"),
    emTlsInsecure: boolean(env, "VEEAM_EM_TLS_INSECURE", false),
    ...(Object.fromEntries(
      Object.entries(INTEGER_SETTINGS).map(([field, [variable, , fallback, min, max]]) => [
        field,
        integer(env, variable, field === "emMaxResponseBytes" ? defaultMaxResponseBytes : fallback, min, max),
      ]),
    ) as Pick<EmSiteSettings, keyof typeof INTEGER_SETTINGS>),
  };
  const sites = siteConfigs(env, settings);
  // Serving the embedded simulator is a demo (also in the production-mode Docker image): keep the explorer.
  const demo = sites.length === 0;
  const simulatorSites = integer(env, "SIMULATOR_SITES", 1, 1, SIMULATOR_SITE_NAMES.length);
  if (!demo && text(env, "SIMULATOR_SITES") !== undefined)
    throw new ConfigError(
      "SIMULATOR_SITES applies only when no EM is configured (VEEAM_EM_URL or VEEAM_EM_SITES)",
    );
  const passthrough =
    sites.length === 0 ? authMode === "passthrough" : sites.some((s) => s.authMode === "passthrough");
  return {
    ...settings,
    sites,
    simulatorSites,
    xmlWorkers: integer(env, "XML_WORKERS", Math.max(1, availableParallelism() - 1), 0, 64),
    xmlWorkerHeapMb: integer(env, "XML_WORKER_HEAP_MB", 192, 32, 8192),
    xmlInlineBelowBytes: integer(env, "XML_INLINE_BELOW_BYTES", 64 * 1024, 0, 1024 * 1024 * 1024),
    xmlParseDeadlineMs: integer(env, "XML_PARSE_DEADLINE_MS", 30_000, 10, 600_000),
    port: integer(env, "PORT", 4000, 0, 65_535),
    host: text(env, "HOST") ?? "127.0.0.1",
    logLevel: oneOf(
      env,
      "LOG_LEVEL",
      ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const,
      "info",
    ),
    defaultPageSize,
    maxPageSize,
    maxChildRows: integer(env, "MAX_CHILD_ROWS", 5000, 1, 100_000),
    production,
    development,
    debugErrors: boolean(env, "DEBUG_ERRORS", development),
    sandboxTelemetry: boolean(env, "SANDBOX_TELEMETRY", false),
    maxBodyBytes: integer(env, "MAX_BODY_BYTES", 1024 * 1024, 1024, 64 * 1024 * 1024),
    maxQueryDepth: integer(env, "MAX_QUERY_DEPTH", 12, 1, 1000),
    maxAliases: integer(env, "MAX_ALIASES", 15, 0, 10_000),
    maxTokens: integer(env, "MAX_TOKENS", 2000, 10, 1_000_000),
    maxDirectives: integer(env, "MAX_DIRECTIVES", 50, 0, 10_000),
    maxCost: integer(env, "MAX_COST", 1_000_000, 1, 1_000_000_000),
    corsOrigins: origins(env, "CORS_ORIGINS"),
    // Explorer conveniences are off in production unless asked for, or unless the gateway serves its
    // embedded simulator, which is a demo whatever NODE_ENV says.
    introspection: boolean(env, "INTROSPECTION", !production || demo),
    fieldSuggestions: boolean(env, "FIELD_SUGGESTIONS", !production || demo),
    explorer: boolean(env, "EXPLORER", !production || demo),
    readinessCacheMs: integer(env, "READINESS_CACHE_MS", 5000, 0, 600_000),
    readinessTimeoutMs: integer(env, "READINESS_TIMEOUT_MS", 5000, 1, 600_000),
    shutdownTimeoutMs: integer(env, "SHUTDOWN_TIMEOUT_MS", 10_000, 0, 600_000),
    metricsMaxOperationNames: integer(env, "METRICS_MAX_OPERATION_NAMES", 100, 0, 10_000),
    tracing: tracingSettings(env),
    clientAuth: clientAuth(env, passthrough),
    metricsToken: secretText(env, "METRICS_TOKEN"),
    cache: cacheSettings(env),
    redisUrl: redisUrl(env),
    redisKeyPrefix: redisKeyPrefix(env),
    scopeSecret: secretText(env, "CACHE_SCOPE_SECRET"),
    live: {
      pollIntervalMs: integer(env, "LIVE_POLL_INTERVAL_MS", 5000, 1000, 3_600_000),
      maxSubscriptionsPerConnection: integer(env, "LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION", 25, 1, 10_000),
      maxSubscriptions: integer(env, "LIVE_MAX_SUBSCRIPTIONS", 1000, 0, 1_000_000),
      maxFeeds: integer(env, "LIVE_MAX_FEEDS", 100, 0, 100_000),
      keepAliveMs: integer(env, "LIVE_KEEPALIVE_MS", 12_000, 1000, 600_000),
    },
  };
}

/** The gateway's name in traces unless `OTEL_SERVICE_NAME` says otherwise. */
export const TRACING_SERVICE_NAME = "veeam-em-graphql-gateway";

function tracingSettings(env: Env): TracingSettings | undefined {
  if (boolean(env, "OTEL_SDK_DISABLED", false)) return undefined;
  const exporter = text(env, "OTEL_TRACES_EXPORTER")?.toLowerCase();
  if (exporter !== undefined && !/^(otlp|console|none)$/.test(exporter))
    throw new ConfigError(`OTEL_TRACES_EXPORTER must be otlp, console or none; got "${exporter}"`);
  const protocol =
    text(env, "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL") ?? text(env, "OTEL_EXPORTER_OTLP_PROTOCOL");
  if (protocol !== undefined && !/^(http\/protobuf|http\/json|grpc)$/.test(protocol))
    throw new ConfigError(
      `OTEL_EXPORTER_OTLP_PROTOCOL must be http/protobuf, http/json or grpc; got "${protocol}"`,
    );
  let endpointSet = false;
  for (const [key, raw] of [
    ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", text(env, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")],
    ["OTEL_EXPORTER_OTLP_ENDPOINT", text(env, "OTEL_EXPORTER_OTLP_ENDPOINT")],
  ] as const) {
    if (raw === undefined) continue;
    let url: URL | undefined;
    try {
      url = new URL(raw);
    } catch {
      url = undefined;
    }
    // Not echoed: an endpoint may carry a collector's credentials.
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:"))
      throw new ConfigError(`${key} must be an http(s) URL such as http://otel-collector:4318`);
    endpointSet = true;
  }
  const on = exporter === "console" || (endpointSet && exporter !== "none");
  return on
    ? { defaultServiceName: text(env, "OTEL_SERVICE_NAME") ? undefined : TRACING_SERVICE_NAME }
    : undefined;
}

function redisUrl(env: Env): string | undefined {
  const url = text(env, "REDIS_URL");
  if (url !== undefined && !/^rediss?:\/\/[^\s]+$/.test(url)) {
    // Not echoed: a Redis URL may carry a password.
    throw new ConfigError("REDIS_URL must be a redis:// or rediss:// URL such as redis://redis:6379/0");
  }
  return url;
}

function redisKeyPrefix(env: Env): string {
  const keyPrefix = text(env, "CACHE_KEY_PREFIX") ?? "veeam-em-gql";
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(keyPrefix)) {
    throw new ConfigError(
      `CACHE_KEY_PREFIX must be 1 to 64 letters, digits, "_", "." or "-"; got "${keyPrefix}"`,
    );
  }
  return keyPrefix;
}

/** Subscriptions: how often feeds poll EM, and the limits of the subscription transports. */
export interface LiveConfig {
  /** Pause between two polls of one feed (`LIVE_POLL_INTERVAL_MS`, default 5000, at least 1000). */
  readonly pollIntervalMs: number;
  /** Subscriptions on one WebSocket connection or SSE reservation (`LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION`, default 25). */
  readonly maxSubscriptionsPerConnection: number;
  /** Subscriptions on this replica, all connections together (`LIVE_MAX_SUBSCRIPTIONS`, default 1000). */
  readonly maxSubscriptions: number;
  /** Distinct feeds (filters × identities) on this replica, each one EM poll per interval (`LIVE_MAX_FEEDS`, default 100). */
  readonly maxFeeds: number;
  /**
   * Keep-alive: WebSocket pings (a connection that misses a pong is closed) and SSE comments, every this
   * many ms (`LIVE_KEEPALIVE_MS`, default 12 000); also how long a new WebSocket may wait before its
   * `connection_init`.
   */
  readonly keepAliveMs: number;
}

/** The cache's settings: backend, bound, freshness (TTLs in seconds as configured, kept in ms here). */
export interface CacheSettings {
  /** `REDIS_URL`: the shared backend (see GatewayConfig.redisUrl); unset = in-process LRU. */
  readonly redisUrl: string | undefined;
  /** In-process LRU bound, bytes (`CACHE_MAX_MB`, default 64). */
  readonly maxBytes: number;
  /** Longest wait for the backend before a read counts as a miss (`CACHE_TIMEOUT_MS`, default 50). */
  readonly timeoutMs: number;
  /** Stopped sessions and completed task sessions, and a stopped session's task sessions (`CACHE_FINISHED_TTL_S`, default 86 400 = 24 h). */
  readonly finishedTtlMs: number;
  /** Servers, policies, jobs, repositories (`CACHE_RESOURCE_TTL_S`, default 60). */
  readonly resourceTtlMs: number;
  /** Running sessions, growing child lists, root lists and searches (`CACHE_LIVE_TTL_S`, default 0 = never cached). */
  readonly liveTtlMs: number;
  /** Start of every key (`CACHE_KEY_PREFIX`, default `veeam-em-gql`). */
  readonly keyPrefix: string;
}

function cacheSettings(env: Env): CacheSettings | undefined {
  const enabled = oneOf(env, "CACHE", ["on", "off"] as const, "on");
  const settings: CacheSettings = {
    redisUrl: redisUrl(env),
    maxBytes: integer(env, "CACHE_MAX_MB", 64, 1, 65_536) * 1024 * 1024,
    timeoutMs: integer(env, "CACHE_TIMEOUT_MS", 50, 1, 10_000),
    finishedTtlMs: integer(env, "CACHE_FINISHED_TTL_S", 86_400, 0, 30 * 86_400) * 1000,
    resourceTtlMs: integer(env, "CACHE_RESOURCE_TTL_S", 60, 0, 86_400) * 1000,
    liveTtlMs: integer(env, "CACHE_LIVE_TTL_S", 0, 0, 3600) * 1000,
    keyPrefix: redisKeyPrefix(env),
  };
  return enabled === "off" ? undefined : settings;
}

/** A secret setting: kept verbatim (not trimmed: it is compared byte for byte), never echoed. */
function secretText(env: Env, key: string): string | undefined {
  const value = env[key];
  if (value === undefined || value === "") return undefined;
  if (value.length < 16) throw new ConfigError(`${key} must be at least 16 characters long`);
  return value;
}

function clientAuth(env: Env, passthrough: boolean): ClientAuthSettings {
  const mode = oneOf(env, "CLIENT_AUTH", ["none", "api-key", "jwt"] as const, "none");
  const settings = {
    mode,
    apiKeyDigests: [] as string[],
    authorizationHeaderIsTaken: passthrough,
  };
  if (mode === "api-key") {
    const raw = text(env, "CLIENT_API_KEYS");
    const digests = (raw ?? "")
      .split(",")
      .map((item) => item.trim().toLowerCase())
      .filter(Boolean);
    if (digests.length === 0) {
      throw new ConfigError(
        "CLIENT_API_KEYS must list the SHA-256 hex digests of the accepted keys when CLIENT_AUTH=api-key " +
          '(e.g. the output of `printf %s "$KEY" | sha256sum`)',
      );
    }
    for (const digest of digests) {
      if (!/^[0-9a-f]{64}$/.test(digest)) {
        // A key pasted in clear would be rejected here, and is not echoed.
        throw new ConfigError(
          `CLIENT_API_KEYS must hold SHA-256 digests (64 hex characters each), not keys; got an entry of ${digest.length} characters`,
        );
      }
    }
    return { ...settings, apiKeyDigests: digests };
  }
  if (mode === "jwt") {
    if (passthrough) {
      throw new ConfigError(
        "CLIENT_AUTH=jwt cannot be combined with passthrough authentication (VEEAM_EM_AUTH_MODE or a site's authMode): both need the Authorization " +
          "header (use CLIENT_AUTH=api-key, whose keys travel in X-API-Key)",
      );
    }
    const jwksUrl = text(env, "CLIENT_JWT_JWKS_URL");
    const issuer = text(env, "CLIENT_JWT_ISSUER");
    const audience = text(env, "CLIENT_JWT_AUDIENCE");
    if (!jwksUrl || !issuer || !audience) {
      throw new ConfigError(
        "CLIENT_JWT_JWKS_URL, CLIENT_JWT_ISSUER and CLIENT_JWT_AUDIENCE must all be set when CLIENT_AUTH=jwt",
      );
    }
    let url: URL;
    try {
      url = new URL(jwksUrl);
    } catch {
      throw new ConfigError(`CLIENT_JWT_JWKS_URL must be an absolute URL; got "${jwksUrl}"`);
    }
    if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url.hostname))) {
      throw new ConfigError(
        `CLIENT_JWT_JWKS_URL must use https (http only on loopback); got "${url.protocol}//${url.host}"`,
      );
    }
    return { ...settings, jwt: { jwksUrl: url.href, issuer, audience } };
  }
  return settings;
}

/** True for loopback host names and addresses (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  return bare === "localhost" || bare === "::1" || /^127\.\d+\.\d+\.\d+$/.test(bare);
}
