/**
 * Which Enterprise Manager an id belongs to. The gateway can serve several EM servers ("sites") in one
 * graph; each hands out EM UIDs (`urn:veeam:<Type>:<guid>`) of its own. The graph's ids carry the site after
 * an `@`: `urn:veeam:Job:<guid>@paris`. The site named `default` (the one the single-EM variables configure)
 * keeps EM's plain URNs, so a gateway that grows from one EM to several keeps its first site's ids.
 *
 * Every layer reads ids through these two functions, so an id one layer hands out is one another accepts.
 */

/** The name of the site the single-EM variables (`VEEAM_EM_URL`, …) configure; its ids carry no suffix. */
export const DEFAULT_SITE = "default";

/** A site name: what the configuration accepts, and what ids, metric labels and log lines carry. */
export const SITE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

/** An id as a client wrote it: EM's part (a URN or a bare GUID, unchecked) and the site it names, if any. */
export interface SiteQualifiedId {
  readonly emId: string;
  /** The site after the last `@`, as written (site names compare case-insensitively); absent when none. */
  readonly site?: string;
}

/**
 * Splits `value` at its last `@` when what follows is a site name; anything else is EM's part whole (and is
 * then checked as a URN or GUID by the caller, which reports what is wrong with it).
 */
export function splitSiteId(value: string): SiteQualifiedId {
  const at = value.lastIndexOf("@");
  if (at < 0) return { emId: value };
  const site = value.slice(at + 1);
  return SITE_NAME.test(site) ? { emId: value.slice(0, at), site } : { emId: value };
}

/** The graph's id of EM's `emId` on `site`: EM's URN itself on the default site, else `<urn>@<site>`. */
export function siteQualifiedId(emId: string, site: string): string {
  return site === DEFAULT_SITE ? emId : `${emId}@${site}`;
}
