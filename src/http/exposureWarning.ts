import { isLoopback } from "../config.js";
import type { GatewayConfig } from "../config.js";

/**
 * The start-up warning for a gateway that anyone on the network can use as a service account: a site in
 * service mode, no client authentication, and a listening address beyond loopback. Undefined when nothing
 * is exposed (loopback only, client authentication on, or only passthrough sites, where every caller brings
 * its own EM credentials).
 */
export function exposureWarning(
  config: Pick<GatewayConfig, "sites" | "clientAuth">,
  host: string,
  port: number,
): string | undefined {
  const exposed = config.sites.filter((site) => site.authMode === "service");
  if (exposed.length === 0 || config.clientAuth.mode !== "none" || isLoopback(host)) return undefined;
  const accounts = exposed.map((site) =>
    site.emUsername ? `"${site.emUsername}"${config.sites.length > 1 ? ` on ${site.name}` : ""}` : site.name,
  );
  return (
    `CLIENT_AUTH=none while listening on ${host}:${port}: anyone who can reach this port reads Enterprise ` +
    `Manager as the service account ${accounts.join(", ")}, with all its ` +
    "EM roles. Set CLIENT_AUTH=api-key or jwt (README: Securing the gateway), or listen on 127.0.0.1 behind " +
    "an authenticating proxy"
  );
}
