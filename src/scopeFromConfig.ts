import { randomBytes } from "node:crypto";
import { passthroughScope, SERVICE_SCOPE } from "./cache/cacheScope.js";
import type { GatewayConfig, SiteConfig } from "./config.js";
import type { RequestInfo } from "./context.js";

/** A request's identity on one site as a scope; undefined when it has none (no credentials in passthrough). */
export type ScopeOf = (credentials: RequestInfo["credentials"]) => string | undefined;

/**
 * Whose data an operation reads on `site`, as the scope of the cache and of the live feeds: the site's
 * service account, or in passthrough mode one scope per EM identity (undefined without credentials). The
 * site's name leads every scope, so no row or feed of one EM is ever answered for another. Without
 * `CACHE_SCOPE_SECRET` the passthrough scopes are this process's own (replicas then share only the service
 * scopes); the secret never leaves memory.
 */
export function scopeFromConfig(config: GatewayConfig): (site: SiteConfig) => ScopeOf {
  const secret = config.scopeSecret ?? randomBytes(32).toString("hex");
  return (site) => {
    if (site.authMode !== "passthrough") return () => `${site.name}:${SERVICE_SCOPE}`;
    return (credentials) =>
      credentials
        ? `${site.name}:${passthroughScope(secret, credentials.username, credentials.password)}`
        : undefined;
  };
}
