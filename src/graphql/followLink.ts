import type DataLoader from "dataloader";
import type { GraphQLResolveInfo } from "graphql";
import type { EntityLink } from "../modules/shared/EntityLink.js";
import { selectsOnly } from "./selectsOnly.js";

const LINK_FIELDS: ReadonlySet<string> = new Set(["id", "name", "__typename"]);

/**
 * Resolves a link field (an `Up` link such as a session's backup server).
 *
 * A link element already carries the target's UID and name, so a selection of nothing but `id`, `name`
 * and `__typename` is answered from it with no upstream call. Anything else goes through the request's
 * loader for the target type, which batches all such links of the response into one query.
 */
export async function followLink<T>(
  link: EntityLink | undefined,
  typeName: string,
  loader: DataLoader<string, T | null, string>,
  info: GraphQLResolveInfo,
): Promise<T | { __typename: string; id: string; name: string } | null> {
  if (!link) return null;
  if (link.name !== undefined && selectsOnly(info, LINK_FIELDS)) {
    return { __typename: typeName, id: link.id, name: link.name };
  }
  return loader.load(link.id);
}
