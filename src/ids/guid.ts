/**
 * The one spelling of an EM GUID (`6b872a71-51e8-437a-8d45-5c6494b92f3f`) and of its URN
 * (`urn:veeam:<Type>:<guid>`), for every layer: sessions, filters, batch filters and mappers all check ids
 * against these, so an id one layer accepts is never refused by another.
 */

/** The GUID's own pattern, to compose into larger ones. */
export const GUID_SOURCE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** A whole string that is a GUID, any case. */
export const GUID = new RegExp(`^${GUID_SOURCE}$`, "i");

/** A whole string that is a GUID in lower case, as EM writes them. */
export const LOWER_GUID = new RegExp(`^${GUID_SOURCE}$`);

/** A whole string that is an EM URN: group 1 the type, group 2 the GUID. */
export const URN = new RegExp(`^urn:veeam:([A-Za-z]+):(${GUID_SOURCE})$`, "i");
