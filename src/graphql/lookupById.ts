import { normalizeUid } from "../filters/index.js";
import type { EntityRow, EntitySource } from "../loaders/EntitySource.js";
import type { GatewayContext } from "./GatewayContext.js";
import type { RequestSite } from "./sites/RequestSites.js";

/**
 * Looks up one entity by a client-supplied id (its `id`, a URN of the source's type or a bare GUID, with or
 * without `@<site>`) through the by-id loader of the id's site, so several lookups in one operation share
 * one query per site. Unknown ids resolve to null, as EM's 404 would; an id of another type, a malformed one
 * or one naming an unknown site is a `BAD_USER_INPUT` naming `argumentPath`.
 */
export function lookupById(
  ctx: GatewayContext,
  source: EntitySource,
  id: string,
  argumentPath: readonly (string | number)[],
): Promise<EntityRow | null> {
  const { emId, sites } = ctx.sites.forId(id, argumentPath);
  return loadOnSites(sites, source, normalizeUid(emId, source.typeName, argumentPath));
}

/**
 * Loads `urn` on `sites`: on one site, through its loader; an id without a site on a gateway with no
 * `default` site is asked of every site (one batched query each), and the first site in configuration
 * order that knows it answers. When none knows it and one failed, that failure is the answer.
 */
export async function loadOnSites(
  sites: readonly RequestSite[],
  source: EntitySource,
  urn: string,
): Promise<EntityRow | null> {
  if (sites.length === 1) return sites[0]!.loaders.byId(source).load(urn);
  const results = await Promise.allSettled(sites.map((site) => site.loaders.byId(source).load(urn)));
  for (const result of results) if (result.status === "fulfilled" && result.value) return result.value;
  const failure = results.find((result) => result.status === "rejected");
  if (failure) throw failure.reason;
  return null;
}
