import { randomBytes } from "node:crypto";
import { passthroughScope, SERVICE_SCOPE } from "./cache/cacheScope.js";
import type { GatewayConfig } from "./config.js";
import type { ContextFactoryOptions } from "./context.js";

/**
 * Whose data an operation reads, as the scope of the cache and of the live feeds: the service account's
 * one scope, or in passthrough mode one per EM identity (undefined without credentials). Without
 * `CACHE_SCOPE_SECRET` the passthrough scopes are this process's own (replicas then share only the service
 * scope); the secret never leaves memory.
 */
export function scopeFromConfig(config: GatewayConfig): ContextFactoryOptions["scopeOf"] {
  if (config.authMode !== "passthrough") return () => SERVICE_SCOPE;
  const secret = config.scopeSecret ?? randomBytes(32).toString("hex");
  return (credentials) =>
    credentials ? passthroughScope(secret, credentials.username, credentials.password) : undefined;
}
