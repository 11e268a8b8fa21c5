import type DataLoader from "dataloader";
import { childConnectionLoader, type ChildConnectionKey } from "./childConnectionLoader.js";
import type { Connection } from "./Connection.js";
import type { EntityRow, EntitySource } from "./EntitySource.js";
import { entityByIdLoader } from "./entityByIdLoader.js";
import type { QueryDeps } from "./QueryDeps.js";

/** The loaders of one GraphQL request. Resolvers follow links only through these. */
export interface Loaders {
  /** Entities of `source` by canonical URN, batched into OR-of-ids queries. */
  byId(source: EntitySource): DataLoader<string, EntityRow | null, string>;
  /**
   * Child connections of `source` rows whose query field `parentField` holds the parent's UID (a session's
   * task sessions by `policySessionUid`), batched across parents.
   */
  children(
    source: EntitySource,
    parentField: string,
  ): DataLoader<ChildConnectionKey, Connection<EntityRow>, string>;
}

/**
 * Builds a fresh set of loaders, each made on first use. Call once per GraphQL request and never share the
 * result: the loaders cache what they load, and the cache must not outlive the request (or cross credentials
 * in passthrough mode).
 */
export function createLoaders(deps: QueryDeps): Loaders {
  const byId = new Map<string, DataLoader<string, EntityRow | null, string>>();
  const children = new Map<string, DataLoader<ChildConnectionKey, Connection<EntityRow>, string>>();
  return {
    byId(source) {
      let loader = byId.get(source.typeName);
      if (!loader) byId.set(source.typeName, (loader = entityByIdLoader(deps, source)));
      return loader;
    },
    children(source, parentField) {
      const key = `${source.typeName}.${parentField}`;
      let loader = children.get(key);
      if (!loader) {
        // A row without the parent's UID (a job with no backup-server link) is no parent's child, hence "".
        const parentOf = (child: EntityRow) => (child[parentField] as string | null | undefined) ?? "";
        children.set(key, (loader = childConnectionLoader(deps, source, parentField, parentOf)));
      }
      return loader;
    },
  };
}
