import type DataLoader from "dataloader";
import { normalizeUid } from "../filters/index.js";

/**
 * Looks up one entity by a client-supplied id (a URN of `typeName` or a bare GUID) through the request's
 * loader, so several lookups in one operation share one query. Unknown ids resolve to null, as EM's 404
 * would; an id of another type or a malformed one is a `BAD_USER_INPUT` naming `argumentPath` (the same
 * normalization and messages as ids in filters).
 */
export function lookupById<T>(
  loader: DataLoader<string, T | null, string>,
  typeName: string,
  id: string,
  argumentPath: readonly (string | number)[],
): Promise<T | null> {
  return loader.load(normalizeUid(id, typeName, argumentPath));
}
