import { SITE_NAME } from "../ids/siteIds.js";

/**
 * Cursors of lists merged from several sites. Where a one-site list's cursor is an offset (cursor.ts), a
 * merged list's is where it stands in each site's list: how many rows of each site come before the item
 * after it. The next page reads each site from its own position and merges again, so paging stays exact
 * however the sites' rows interleave. Encoded `s:<site>=<n>,<site>=<n>` in base64url, opaque to clients.
 */

/** Rows of each site at or before a merged list's cursor, by site name; a site not named is at 0. */
export type SitePositions = Readonly<Record<string, number>>;

const PREFIX = "s:";
/** Longest cursor accepted: 32 sites with long names and 12-digit positions fit. */
const MAX_CURSOR_LENGTH = 4096;
const ENTRY = /^([A-Za-z0-9][A-Za-z0-9_-]{0,62})=(\d{1,12})$/;

/** A site's position (0 when not named); own keys only, so a site called `constructor` is a site too. */
export function positionOf(positions: SitePositions, site: string): number {
  return Object.hasOwn(positions, site) ? positions[site]! : 0;
}

/** The cursor of `positions`; sites at 0 are left out. */
export function encodeSiteCursor(positions: SitePositions): string {
  const entries = Object.entries(positions)
    .filter(([, position]) => position > 0)
    .map(([site, position]) => `${site}=${position}`);
  return Buffer.from(`${PREFIX}${entries.join(",")}`, "utf8").toString("base64url");
}

/** The positions in a merged list's cursor, or undefined when the text is not one this gateway issued. */
export function decodeSiteCursor(cursor: string): SitePositions | undefined {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  if (!text.startsWith(PREFIX)) return undefined;
  const body = text.slice(PREFIX.length);
  const positions: Record<string, number> = {};
  if (body === "") return positions;
  for (const entry of body.split(",")) {
    const match = ENTRY.exec(entry);
    if (!match || !SITE_NAME.test(match[1]!) || Object.hasOwn(positions, match[1]!)) return undefined;
    positions[match[1]!] = Number(match[2]);
  }
  return positions;
}
