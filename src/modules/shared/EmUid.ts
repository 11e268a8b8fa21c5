import { GUID, LOWER_GUID, URN } from "../../ids/guid.js";

/**
 * EM UIDs: `urn:veeam:<Type>:<guid>`. URL paths carry the bare GUID; clients may hand us either form.
 */

/** A parsed UID: the EM type name as EM spells it in URNs, and the GUID in lower case. */
export interface EmUid {
  readonly type: string;
  readonly guid: string;
}

/** Parses a full URN; returns undefined for anything else (including a bare GUID). */
export function parseUrn(value: string): EmUid | undefined {
  const match = URN.exec(value.trim());
  return match ? { type: match[1]!, guid: match[2]!.toLowerCase() } : undefined;
}

/** True for a bare GUID such as `6b872a71-51e8-437a-8d45-5c6494b92f3f`. */
export function isGuid(value: string): boolean {
  return GUID.test(value.trim());
}

/** Builds the canonical URN (GUID lower-cased so that the same entity always has the same id). */
export function toUrn(type: string, guid: string): string {
  return `urn:veeam:${type}:${guid.toLowerCase()}`;
}

/**
 * Normalizes a UID read from EM's XML for an entity of `type`: a bare GUID is widened to the URN, a URN of
 * that type is canonicalized. Returns undefined for a URN of another type or for anything malformed, so
 * the mapper can report the element. (Ids from clients go through `normalizeUid` in `filters/`, which
 * explains what is wrong with them.)
 */
export function normalizeId(type: string, value: string): string | undefined {
  // Fast path for what EM itself writes: the canonical URN of the expected type, lower-case GUID.
  const prefix = `urn:veeam:${type}:`;
  if (
    value.length === prefix.length + 36 &&
    value.startsWith(prefix) &&
    LOWER_GUID.test(value.slice(prefix.length))
  ) {
    return value;
  }
  const urn = parseUrn(value);
  if (urn) return urn.type.toLowerCase() === type.toLowerCase() ? toUrn(type, urn.guid) : undefined;
  return isGuid(value) ? toUrn(type, value.trim()) : undefined;
}

/**
 * The GUID at the end of an EM `Href` path (`…/backupServers/<guid>` or `…/<guid>?format=Entity`), lower
 * case. Runs for every link of every entity, so the common shape (a bare GUID segment) is read without
 * splitting or decoding; anything else (a URN in the path, percent-encoding) takes the general route.
 */
export function guidFromHref(href: string): string | undefined {
  const query = href.indexOf("?");
  const end = query < 0 ? href.length : query;
  const start = href.lastIndexOf("/", end - 1) + 1;
  if (end - start === 36) {
    const segment = href.slice(start, end);
    if (GUID.test(segment)) return segment.toLowerCase();
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(href.slice(start, end));
  } catch {
    // A malformed %-escape: not a path EM writes, so no GUID can be read from it.
    return undefined;
  }
  const urn = parseUrn(decoded);
  if (urn) return urn.guid;
  return isGuid(decoded) ? decoded.toLowerCase() : undefined;
}
