import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { createRemoteJWKSet, jwtVerify, errors as joseErrors } from "jose";

/** How clients authenticate to the gateway (`CLIENT_AUTH`). */
export type ClientAuthMode = "none" | "api-key" | "jwt";

/** The client-authentication settings, validated by config.ts. */
export interface ClientAuthSettings {
  readonly mode: ClientAuthMode;
  /** SHA-256 digests (lower-case hex) of the accepted API keys; never the keys. */
  readonly apiKeyDigests: readonly string[];
  readonly jwt?: { readonly jwksUrl: string; readonly issuer: string; readonly audience: string };
  /**
   * In passthrough mode `Authorization` carries the client's EM credentials (Basic), so API keys are read
   * from `X-API-Key` only.
   */
  readonly authorizationHeaderIsTaken: boolean;
}

/** Who a request comes from, for logs: never the key or the token itself. */
export interface ClientIdentity {
  /** `api-key:<first 12 hex of its digest>`, `jwt:<sub>`, or `anonymous` without client authentication. */
  readonly subject: string;
}

/** Why a request was refused; `message` is safe to send to the client. */
export interface ClientAuthFailure {
  readonly message: string;
}

/** How long a fetched key set is trusted before it is fetched again, and the wait for the JWKS URL. */
const JWKS_CACHE_MS = 10 * 60 * 1000; // 10 min
const JWKS_TIMEOUT_MS = 5_000; // 5 s

/**
 * Authenticates the client of one HTTP request, before any GraphQL work:
 * - `none`: everyone is `anonymous`;
 * - `api-key`: `Authorization: Bearer <key>` or `X-API-Key: <key>`, whose SHA-256 must be one of the
 *   configured digests (compared in constant time, so response timing says nothing about the digests);
 * - `jwt`: `Authorization: Bearer <jwt>`, verified with jose against the issuer's JWKS (fetched once and
 *   cached, refetched when a token names an unknown key), its `iss` and `aud`, and its `exp`/`nbf`.
 *
 * Hazard: keys and tokens are never logged, echoed or kept; failures say what was wrong with the header,
 * not what it held.
 */
export class ClientAuthenticator {
  readonly #settings: ClientAuthSettings;
  readonly #digests: readonly Buffer[];
  readonly #jwks: ReturnType<typeof createRemoteJWKSet> | undefined;

  constructor(settings: ClientAuthSettings) {
    this.#settings = settings;
    this.#digests = settings.apiKeyDigests.map((digest) => Buffer.from(digest, "hex"));
    this.#jwks = settings.jwt
      ? createRemoteJWKSet(new URL(settings.jwt.jwksUrl), {
          cacheMaxAge: JWKS_CACHE_MS,
          timeoutDuration: JWKS_TIMEOUT_MS,
        })
      : undefined;
  }

  /** The client's identity, or why it has none. Never rejects. */
  async authenticate(headers: IncomingHttpHeaders): Promise<ClientIdentity | ClientAuthFailure> {
    switch (this.#settings.mode) {
      case "none":
        return { subject: "anonymous" };
      case "api-key":
        return this.#apiKey(headers);
      case "jwt":
        return this.#jwt(headers);
    }
  }

  #apiKey(headers: IncomingHttpHeaders): ClientIdentity | ClientAuthFailure {
    const fromHeader = single(headers["x-api-key"]);
    const bearer = this.#settings.authorizationHeaderIsTaken ? undefined : bearerToken(headers.authorization);
    const key = fromHeader ?? bearer;
    if (key === undefined) {
      return {
        message: this.#settings.authorizationHeaderIsTaken
          ? "This gateway requires an API key: send it in the X-API-Key header"
          : "This gateway requires an API key: send `Authorization: Bearer <key>` or `X-API-Key: <key>`",
      };
    }
    const digest = createHash("sha256").update(key, "utf8").digest();
    // Every configured digest is compared, so the time taken does not depend on which one matched.
    let matched: Buffer | undefined;
    for (const candidate of this.#digests) {
      if (timingSafeEqual(candidate, digest)) matched = candidate;
    }
    if (!matched) return { message: "The API key is not valid for this gateway" };
    return { subject: `api-key:${matched.toString("hex").slice(0, 12)}` };
  }

  async #jwt(headers: IncomingHttpHeaders): Promise<ClientIdentity | ClientAuthFailure> {
    const token = bearerToken(headers.authorization);
    if (token === undefined) {
      return { message: "This gateway requires a bearer token: send `Authorization: Bearer <jwt>`" };
    }
    const jwt = this.#settings.jwt!;
    try {
      const { payload } = await jwtVerify(token, this.#jwks!, {
        issuer: jwt.issuer,
        audience: jwt.audience,
      });
      return { subject: `jwt:${typeof payload.sub === "string" ? payload.sub.slice(0, 128) : "(no sub)"}` };
    } catch (error) {
      return { message: jwtFailure(error) };
    }
  }
}

/** What to tell a client whose token failed, by jose's error class; never the token's contents. */
function jwtFailure(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return "The bearer token has expired";
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return `The bearer token's "${error.claim}" claim is not accepted by this gateway`;
  }
  if (error instanceof joseErrors.JWKSTimeout) return "The token issuer's keys could not be fetched in time";
  // Not a verdict on the token: the JWKS URL could not be reached or did not answer a key set.
  if (!(error instanceof joseErrors.JOSEError)) return "The token issuer's keys could not be fetched";
  return "The bearer token is not valid for this gateway";
}

function single(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === "" ? undefined : text.trim();
}

function bearerToken(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : undefined;
}

/**
 * True when `value` equals `secret` (METRICS_TOKEN), compared in constant time: both are hashed first, so
 * neither their contents nor their lengths show in the timing.
 */
export function matchesSecret(value: string | undefined, secret: string): boolean {
  if (value === undefined) return false;
  const a = createHash("sha256").update(value, "utf8").digest();
  const b = createHash("sha256").update(secret, "utf8").digest();
  return timingSafeEqual(a, b);
}

/** The bearer token of an `Authorization` header, for callers outside this module (`/metrics`). */
export { bearerToken };
