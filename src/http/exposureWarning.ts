import { isLoopback } from "../config.js";
import type { GatewayConfig } from "../config.js";

/**
 * The start-up warning for a gateway that anyone on the network can use as its service account: service
 * mode, no client authentication, and a listening address beyond loopback. Undefined when nothing is
 * exposed (loopback only, client authentication on, or passthrough mode, where every caller brings its own
 * EM credentials).
 */
export function exposureWarning(
  config: Pick<GatewayConfig, "authMode" | "clientAuth" | "emUsername">,
  host: string,
  port: number,
): string | undefined {
  if (config.authMode !== "service" || config.clientAuth.mode !== "none" || isLoopback(host))
    return undefined;
  return (
    `CLIENT_AUTH=none while listening on ${host}:${port}: anyone who can reach this port reads Enterprise ` +
    `Manager as the service account${config.emUsername ? ` "${config.emUsername}"` : ""}, with all its ` +
    "EM roles. Set CLIENT_AUTH=api-key or jwt (README: Securing the gateway), or listen on 127.0.0.1 behind " +
    "an authenticating proxy"
  );
}
