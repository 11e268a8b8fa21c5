import { URN } from "../ids/guid.js";

const EM_FIELD = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * `Field=="urn:…",Field=="urn:…"`: the OR group a batch loader sends to fetch the children of many parents
 * in one query (EM's only batch path), e.g. `orOfUids("PolicySessionUid", sessionUids)`. Duplicates are
 * dropped, order is kept. AND it with a connection filter through `combineFilters({ kind: "expression",
 * text }, filter)`, never by concatenation.
 *
 * The UIDs must be full URNs as EM emits them (or as `normalizeUid` returns them); anything else is a
 * programming error and throws `TypeError`, as does an empty list (DataLoader never dispatches an empty
 * batch, and EM has no literal for false). No size cap is applied here: each UID costs about 80 encoded
 * characters of the URL, and the loaders split batches with `chunkToFit` so that every query stays under
 * `VEEAM_EM_MAX_URL_LENGTH`.
 */
export function orOfUids(emField: string, urns: readonly string[]): string {
  if (!EM_FIELD.test(emField)) throw new TypeError(`orOfUids: "${emField}" is not an EM query field name`);
  if (urns.length === 0) throw new TypeError("orOfUids: at least one UID is required");
  const comparisons = new Set<string>();
  for (const urn of urns) {
    // The shape check is also the injection check: a URN of this shape holds no quote or separator.
    if (!URN.test(urn))
      throw new TypeError(`orOfUids: ${JSON.stringify(urn)} is not a urn:veeam:<Type>:<guid> UID`);
    comparisons.add(`${emField}=="${urn}"`);
  }
  return [...comparisons].join(",");
}
