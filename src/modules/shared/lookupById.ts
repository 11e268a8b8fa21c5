import type DataLoader from "dataloader";
import { badUserInput } from "../../errors/badUserInput.js";
import { normalizeId } from "./EmUid.js";

/**
 * Looks up one entity by a client-supplied id (a URN of `typeName` or a bare GUID) through the request's
 * loader, so several lookups in one operation share one query. Unknown ids resolve to null, as EM's 404
 * would; an id of another type or a malformed one is a `BAD_USER_INPUT` naming `argumentPath`.
 */
export function lookupById<T>(
  loader: DataLoader<string, T | null, string>,
  typeName: string,
  id: string,
  argumentPath: readonly (string | number)[],
): Promise<T | null> {
  const urn = normalizeId(typeName, id);
  if (urn === undefined) {
    throw badUserInput(
      `${JSON.stringify(id)} is not a ${typeName} id (urn:veeam:${typeName}:<guid> or a GUID)`,
      argumentPath,
    );
  }
  return loader.load(urn);
}
