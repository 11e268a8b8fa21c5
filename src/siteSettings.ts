import { DEFAULT_SITE, SITE_NAME } from "./ids/siteIds.js";
import { ConfigError } from "./ConfigError.js";

/**
 * How the gateway reaches each Enterprise Manager ("site"). The single-EM variables (`VEEAM_EM_URL`,
 * `VEEAM_EM_USERNAME`, …) configure one site named `default`; `VEEAM_EM_SITES` (or `VEEAM_EM_SITES_FILE`)
 * configures several, as a JSON array of objects whose keys are this file's JSON names. Every setting a site
 * leaves out takes the value of its `VEEAM_EM_*` variable, so options common to all sites are set once.
 */

/** How the gateway logs on to EM. */
export type AuthMode = "service" | "passthrough";

/** The settings of the calls to one EM, each also a `VEEAM_EM_*` variable (the default for every site). */
export interface EmSiteSettings {
  /** `service` (default): one service account; `passthrough`: each client's Basic credentials. (`VEEAM_EM_AUTH_MODE`, JSON `authMode`) */
  readonly authMode: AuthMode;
  /**
   * Passthrough mode: failed logons a user name may have in the window before its logons are refused
   * without asking EM, and failed logons overall before every credential that has not logged on before is.
   * (`VEEAM_EM_LOGON_FAILURES_PER_USER` 5, `VEEAM_EM_LOGON_FAILURES_OVERALL` 50,
   * `VEEAM_EM_LOGON_FAILURE_WINDOW_MS` 300 000 = 5 min)
   */
  readonly emLogonFailuresPerUser: number;
  readonly emLogonFailuresOverall: number;
  readonly emLogonFailureWindowMs: number;
  /** PEM file with the CA that signed EM's certificate. (`VEEAM_EM_CA_FILE`, JSON `caFile`) */
  readonly emCaFile: string | undefined;
  /** Skip TLS verification (logs a warning). Default false. (`VEEAM_EM_TLS_INSECURE`, JSON `tlsInsecure`) */
  readonly emTlsInsecure: boolean;
  /** Upstream timeouts in milliseconds. (`VEEAM_EM_CONNECT_TIMEOUT_MS` 10 000, `VEEAM_EM_HEADERS_TIMEOUT_MS` 30 000, `VEEAM_EM_BODY_TIMEOUT_MS` 30 000) */
  readonly emConnectTimeoutMs: number;
  readonly emHeadersTimeoutMs: number;
  readonly emBodyTimeoutMs: number;
  /** Keep-alive connections to EM. (`VEEAM_EM_MAX_CONNECTIONS`, default 16) */
  readonly emMaxConnections: number;
  /** Retries of idempotent requests on 502/503/504 and resets. (`VEEAM_EM_MAX_RETRIES`, default 2) */
  readonly emMaxRetries: number;
  /**
   * Largest EM response body accepted, in bytes, enforced while reading; larger ones are refused as
   * UPSTREAM_BAD_RESPONSE. Default: the largest page the gateway requests (the larger of 2 × MAX_PAGE_SIZE
   * and the 1,000-row batch pages) at 16 KiB per entity, plus 64 KiB: 16 MiB + 64 KiB with the defaults.
   * (`VEEAM_EM_MAX_RESPONSE_BYTES`)
   */
  readonly emMaxResponseBytes: number;
  /** Longest query URL sent to EM; batches split to stay under it. (`VEEAM_EM_MAX_URL_LENGTH`, default 8192 bytes) */
  readonly emMaxUrlLength: number;
  /** Backoff bounds of those retries; a longer `Retry-After` from EM ends retrying. (`VEEAM_EM_RETRY_MIN_DELAY_MS` 200, `VEEAM_EM_RETRY_MAX_DELAY_MS` 5000) */
  readonly emRetryMinDelayMs: number;
  readonly emRetryMaxDelayMs: number;
  /** Retries one GraphQL operation may spend across all its upstream calls to this EM; 0 = none. (`VEEAM_EM_RETRY_BUDGET`, default 6) */
  readonly emRetryBudget: number;
  /** Consecutive upstream failures (502–599, connection failures, timeouts) that open the circuit breaker; 0 disables it. (`VEEAM_EM_BREAKER_THRESHOLD`, default 5) */
  readonly emBreakerThreshold: number;
  /** How long an open breaker fails calls fast before one probe. (`VEEAM_EM_BREAKER_COOLDOWN_MS`, default 30 000 = 30 s) */
  readonly emBreakerCoolDownMs: number;
  /** Upstream HTTP exchanges on the wire at once; EM's SQL-backed queries do not get faster in parallel. (`VEEAM_EM_MAX_CONCURRENCY`, default 8) */
  readonly emMaxConcurrency: number;
  /** Calls allowed to wait for a free slot; beyond it they fail at once with UPSTREAM_UNAVAILABLE. (`VEEAM_EM_QUEUE_LENGTH`, default 256) */
  readonly emQueueLength: number;
  /** Longest wait for a free slot. (`VEEAM_EM_QUEUE_TIMEOUT_MS`, default 10 000 = 10 s) */
  readonly emQueueTimeoutMs: number;
}

/** One EM of the graph: its name (in ids, errors, metrics), its API URL and account, and its settings. */
export interface SiteConfig extends EmSiteSettings {
  /** `default` for the single-EM variables; ids of that site are EM's plain URNs (see ids/siteIds.ts). */
  readonly name: string;
  /** EM API base URL ending in `/api`. */
  readonly emUrl: string;
  /** Service account (`service` auth); unused in passthrough mode. */
  readonly emUsername: string | undefined;
  readonly emPassword: string | undefined;
}

/** The integer settings: variable, JSON name, default and bounds, the one table for both forms. */
export const INTEGER_SETTINGS = {
  emLogonFailuresPerUser: ["VEEAM_EM_LOGON_FAILURES_PER_USER", "logonFailuresPerUser", 5, 1, 1000],
  emLogonFailuresOverall: ["VEEAM_EM_LOGON_FAILURES_OVERALL", "logonFailuresOverall", 50, 1, 1_000_000],
  emLogonFailureWindowMs: [
    "VEEAM_EM_LOGON_FAILURE_WINDOW_MS",
    "logonFailureWindowMs",
    300_000,
    1000,
    86_400_000,
  ],
  emConnectTimeoutMs: ["VEEAM_EM_CONNECT_TIMEOUT_MS", "connectTimeoutMs", 10_000, 1, 600_000],
  emHeadersTimeoutMs: ["VEEAM_EM_HEADERS_TIMEOUT_MS", "headersTimeoutMs", 30_000, 1, 600_000],
  emBodyTimeoutMs: ["VEEAM_EM_BODY_TIMEOUT_MS", "bodyTimeoutMs", 30_000, 1, 600_000],
  emMaxConnections: ["VEEAM_EM_MAX_CONNECTIONS", "maxConnections", 16, 1, 1024],
  emMaxRetries: ["VEEAM_EM_MAX_RETRIES", "maxRetries", 2, 0, 10],
  // Its default depends on MAX_PAGE_SIZE; config.ts passes it in.
  emMaxResponseBytes: ["VEEAM_EM_MAX_RESPONSE_BYTES", "maxResponseBytes", 0, 64 * 1024, 1024 * 1024 * 1024],
  emMaxUrlLength: ["VEEAM_EM_MAX_URL_LENGTH", "maxUrlLength", 8192, 512, 65_536],
  emRetryMinDelayMs: ["VEEAM_EM_RETRY_MIN_DELAY_MS", "retryMinDelayMs", 200, 0, 60_000],
  emRetryMaxDelayMs: ["VEEAM_EM_RETRY_MAX_DELAY_MS", "retryMaxDelayMs", 5_000, 0, 600_000],
  emRetryBudget: ["VEEAM_EM_RETRY_BUDGET", "retryBudget", 6, 0, 1000],
  emBreakerThreshold: ["VEEAM_EM_BREAKER_THRESHOLD", "breakerThreshold", 5, 0, 10_000],
  emBreakerCoolDownMs: ["VEEAM_EM_BREAKER_COOLDOWN_MS", "breakerCoolDownMs", 30_000, 1, 3_600_000],
  emMaxConcurrency: ["VEEAM_EM_MAX_CONCURRENCY", "maxConcurrency", 8, 1, 1024],
  emQueueLength: ["VEEAM_EM_QUEUE_LENGTH", "queueLength", 256, 0, 100_000],
  emQueueTimeoutMs: ["VEEAM_EM_QUEUE_TIMEOUT_MS", "queueTimeoutMs", 10_000, 1, 600_000],
} as const satisfies Record<
  string,
  readonly [variable: string, json: string, fallback: number, min: number, max: number]
>;

/** Sites one gateway serves at most: each is a pool, a session and a breaker, and every list asks each. */
export const MAX_SITES = 32;

const JSON_KEYS: ReadonlySet<string> = new Set([
  "name",
  "url",
  "username",
  "password",
  "authMode",
  "caFile",
  "tlsInsecure",
  ...Object.values(INTEGER_SETTINGS).map(([, json]) => json),
]);

/**
 * An EM API URL as configured (`https://em01:9398` or `…/api`), normalized to end in `/api`. `key` names the
 * setting in messages. Throws ConfigError for anything but an http(s) URL without credentials.
 */
export function emApiUrl(raw: string, key: string, credentialsHint: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${key} must be an absolute URL such as https://em01:9398/api; got "${raw}"`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigError(`${key} must use https (or http for a local simulator); got "${url.protocol}"`);
  }
  if (url.username || url.password) {
    // Credentials in the URL would end up in logs and error messages; they have their own settings.
    throw new ConfigError(`${key} must not contain credentials; use ${credentialsHint}`);
  }
  const path = url.pathname.replace(/\/+$/, "");
  return `${url.origin}${path.endsWith("/api") ? path : `${path}/api`}`;
}

/**
 * The sites of `VEEAM_EM_SITES` (or of the file `VEEAM_EM_SITES_FILE` names), read from `json` and checked:
 * a non-empty array of at most MAX_SITES objects, each with a unique `name` (letters, digits, `-`, `_`;
 * compared case-insensitively), a `url`, and a `username` and `password` unless its `authMode` is
 * `passthrough`; every other key one of the settings above. `source` names where the JSON came from in
 * messages, which name the site and the field too; a password, or JSON text that may hold one, is never
 * echoed.
 */
export function sitesFromJson(json: string, source: string, defaults: EmSiteSettings): SiteConfig[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    // The parser's message may quote the text around the mistake, and with it a password.
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : "")?.[1];
    throw new ConfigError(
      `${source} must be a JSON array of sites such as [{"name":"paris","url":"https://em-paris:9398/api",` +
        `"username":"…","password":"…"}]; it is not valid JSON${position ? ` (at character ${position})` : ""}`,
    );
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || parsed.length > MAX_SITES) {
    throw new ConfigError(
      `${source} must be a JSON array of 1 to ${MAX_SITES} sites, each {"name", "url", "username", "password", …}`,
    );
  }
  const seen = new Set<string>();
  return parsed.map((item: unknown, index) => {
    const site = siteFromJson(item, `${source}[${index}]`, defaults);
    if (seen.has(site.name.toLowerCase()))
      throw new ConfigError(`${source}[${index}].name "${site.name}" is used by another site already`);
    seen.add(site.name.toLowerCase());
    return site;
  });
}

function siteFromJson(item: unknown, at: string, defaults: EmSiteSettings): SiteConfig {
  if (typeof item !== "object" || item === null || Array.isArray(item))
    throw new ConfigError(`${at} must be an object {"name", "url", "username", "password", …}`);
  const fields = item as Record<string, unknown>;
  const rawName = fields["name"];
  if (typeof rawName !== "string" || !SITE_NAME.test(rawName))
    throw new ConfigError(
      `${at}.name must be 1 to 63 letters, digits, "-" or "_", starting with a letter or digit; got ` +
        `${JSON.stringify(rawName ?? null)?.slice(0, 70)}`,
    );
  const name = rawName;
  const where = `${at} ("${name}")`;
  for (const key of Object.keys(fields))
    if (!JSON_KEYS.has(key))
      throw new ConfigError(
        `${where} has an unknown key "${key.slice(0, 40)}"; the keys are ${[...JSON_KEYS].join(", ")}`,
      );
  const string = (key: string): string | undefined => {
    const value = fields[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string" || value.trim() === "")
      throw new ConfigError(
        key === "password"
          ? `${where}.password must be a non-empty string`
          : `${where}.${key} must be a non-empty string`,
      );
    return key === "password" ? value : value.trim();
  };
  const url = string("url");
  if (url === undefined) throw new ConfigError(`${where}.url must be set (e.g. "https://em01:9398/api")`);
  const authMode = fields["authMode"] ?? defaults.authMode;
  if (authMode !== "service" && authMode !== "passthrough")
    throw new ConfigError(
      `${where}.authMode must be "service" or "passthrough"; got ${JSON.stringify(authMode)?.slice(0, 40)}`,
    );
  const username = string("username");
  const password = string("password");
  if (authMode === "service" && (username === undefined || password === undefined))
    throw new ConfigError(`${where}: username and password must be set when its authMode is service`);
  const tlsInsecure = fields["tlsInsecure"] ?? defaults.emTlsInsecure;
  if (typeof tlsInsecure !== "boolean")
    throw new ConfigError(
      `${where}.tlsInsecure must be true or false; got ${JSON.stringify(tlsInsecure)?.slice(0, 40)}`,
    );
  const integers = Object.fromEntries(
    Object.entries(INTEGER_SETTINGS).map(([field, [, json, , min, max]]) => {
      const value = fields[json];
      if (value === undefined || value === null)
        return [field, defaults[field as keyof typeof INTEGER_SETTINGS]];
      if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)
        throw new ConfigError(
          `${where}.${json} must be an integer from ${min} to ${max}; got ${JSON.stringify(value)?.slice(0, 40)}`,
        );
      return [field, value];
    }),
  ) as Pick<EmSiteSettings, keyof typeof INTEGER_SETTINGS>;
  return {
    ...pickSettings(defaults),
    ...integers,
    name,
    emUrl: emApiUrl(url, `${where}.url`, "its username and password"),
    emUsername: authMode === "service" ? username : undefined,
    emPassword: authMode === "service" ? password : undefined,
    authMode,
    emCaFile: string("caFile") ?? defaults.emCaFile,
    emTlsInsecure: tlsInsecure,
  };
}

/** The one site of the single-EM variables (or, named otherwise, one of the embedded simulators). */
export function defaultSite(
  settings: EmSiteSettings,
  emUrl: string,
  username: string | undefined,
  password: string | undefined,
  options: { readonly name?: string } = {},
): SiteConfig {
  const only: EmSiteSettings = pickSettings(settings);
  return { ...only, name: options.name ?? DEFAULT_SITE, emUrl, emUsername: username, emPassword: password };
}

/** The EmSiteSettings of a larger object (the whole configuration): what a site copies of it. */
function pickSettings(settings: EmSiteSettings): EmSiteSettings {
  const picked: Record<string, unknown> = {
    authMode: settings.authMode,
    emCaFile: settings.emCaFile,
    emTlsInsecure: settings.emTlsInsecure,
  };
  for (const field of Object.keys(INTEGER_SETTINGS)) picked[field] = settings[field as keyof EmSiteSettings];
  return picked as unknown as EmSiteSettings;
}
