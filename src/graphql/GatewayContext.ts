import type { Logger } from "pino";
import type { Loaders } from "../loaders/createLoaders.js";
import type { QueryDeps } from "../loaders/QueryDeps.js";

/**
 * The per-request context every resolver receives. Built once per GraphQL request by `createContext` and
 * never shared: it holds this request's loaders (and their caches), its credentials in passthrough mode
 * and its upstream-call counter.
 */
export interface GatewayContext extends QueryDeps {
  readonly requestId: string;
  readonly logger: Logger;
  readonly loaders: Loaders;
  /** Upstream HTTP exchanges made for this request so far (logons and retries included). */
  readonly upstream: { calls: number };
}
