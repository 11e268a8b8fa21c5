import type DataLoader from "dataloader";
import type { GraphQLResolveInfo } from "graphql";
import { SITE } from "../loaders/EntitySource.js";
import type { EntityLink } from "../modules/shared/EntityLink.js";
import { selectsOnly } from "./selectsOnly.js";

// `site` too: the link is on the linking row's site, which the link object carries.
const LINK_FIELDS: ReadonlySet<string> = new Set(["id", "name", "__typename", "site"]);

/**
 * Resolves a link field (an `Up` link such as a session's backup server) on the linking row's site: links
 * never cross sites.
 *
 * A link element already carries the target's UID and name, so a selection of nothing but `id`, `name`
 * and `__typename` (and `site`) is answered from it with no upstream call. Anything else goes through the site's loader
 * for the target type, which batches all such links of the response into one query.
 */
export async function followLink<T>(
  link: EntityLink | undefined,
  typeName: string,
  site: string,
  loader: DataLoader<string, T | null, string>,
  info: GraphQLResolveInfo,
): Promise<T | { __typename: string; id: string; name: string; [SITE]: string } | null> {
  if (!link) return null;
  if (link.name !== undefined && selectsOnly(info, LINK_FIELDS)) {
    return { __typename: typeName, id: link.id, name: link.name, [SITE]: site };
  }
  return loader.load(link.id);
}
