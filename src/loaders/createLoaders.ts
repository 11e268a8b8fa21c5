import type DataLoader from "dataloader";
import { childConnectionLoader, type ChildConnectionKey } from "./childConnectionLoader.js";
import type { Connection } from "./Connection.js";
import type { EntityRow, EntitySource } from "./EntitySource.js";
import { entityByIdLoader } from "./entityByIdLoader.js";
import { entitiesByFieldLoader } from "./entitiesByFieldLoader.js";
import type { QueryDeps } from "./QueryDeps.js";
import type { XmlElement } from "../upstream/xmlNodes.js";

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
  /**
   * Entities of `source` whose string query field `field` equals a key (EM compares case-insensitively),
   * batched into OR-of-equalities queries: what a report that names rows rather than linking them needs.
   */
  byField(source: EntitySource, field: string): DataLoader<string, EntityRow[], string>;
  /** One GET of a resource path (a summary report), made once per request however often it is asked. */
  resource(path: string): Promise<XmlElement>;
}

/**
 * Builds a fresh set of loaders, each made on first use. Call once per GraphQL request and never share the
 * result: the loaders cache what they load, and the cache must not outlive the request (or cross credentials
 * in passthrough mode).
 */
export function createLoaders(deps: QueryDeps): Loaders {
  const byId = new Map<string, DataLoader<string, EntityRow | null, string>>();
  const children = new Map<string, DataLoader<ChildConnectionKey, Connection<EntityRow>, string>>();
  const byField = new Map<string, DataLoader<string, EntityRow[], string>>();
  const resources = new Map<string, Promise<XmlElement>>();
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
    byField(source, field) {
      const key = `${source.typeName}.${field}`;
      let loader = byField.get(key);
      if (!loader) byField.set(key, (loader = entitiesByFieldLoader(deps, source, field)));
      return loader;
    },
    resource(path) {
      let response = resources.get(path);
      if (!response) resources.set(path, (response = deps.em.get(path, deps.call)));
      return response;
    },
  };
}
