import { DEFAULT_SITE, splitSiteId } from "../ids/siteIds.js";
import { FilterInputError } from "./FilterInputError.js";
import { normalizeUid } from "./normalizeUid.js";

/**
 * The site a filter is translated for, when the gateway serves several EM servers: a list over several
 * sites translates its filter once per site, and an id naming another site matches nothing on this one.
 */
export interface FilterSite {
  /** This site's name, as configured. */
  readonly name: string;
  /** Every configured site's name, in configuration order. */
  readonly names: readonly string[];
}

/** A client's UID value as one site reads it: EM's URN when it can name a row there, else `elsewhere`. */
export type SiteUid = { readonly urn: string } | { readonly elsewhere: true };

/**
 * Reads a UID value (`urn:veeam:Job:<guid>@paris`, a URN or a bare GUID) for `site`. The value is checked
 * in full whatever site it names, so every site refuses the same inputs with the same message.
 *
 * An id without a site is the `default` site's when one is configured (ids of that site carry no suffix),
 * and any site's otherwise. Without `site` (the gateway's own filters) only ids without a site are taken.
 *
 * Throws `FilterInputError` at `path` for a site nobody configured, and for what `normalizeUid` refuses.
 */
export function uidOnSite(
  value: unknown,
  uidType: string,
  path: readonly (string | number)[],
  site: FilterSite | undefined,
): SiteUid {
  if (typeof value !== "string") return { urn: normalizeUid(value, uidType, path) };
  const { emId, site: named } = splitSiteId(value);
  const urn = normalizeUid(emId, uidType, path);
  if (named === undefined) {
    const here = !site || site.name === DEFAULT_SITE || !site.names.includes(DEFAULT_SITE);
    return here ? { urn } : { elsewhere: true };
  }
  const configured = site?.names.find((name) => name.toLowerCase() === named.toLowerCase());
  if (!site || configured === undefined) {
    throw new FilterInputError(
      path,
      `the id names the site "${named}", which this gateway does not serve` +
        (site ? ` (its sites: ${site.names.join(", ")})` : ""),
    );
  }
  return configured === site.name ? { urn } : { elsewhere: true };
}
