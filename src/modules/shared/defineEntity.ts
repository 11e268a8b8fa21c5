import type { QueryEntity } from "../../filters/QueryField.js";
import type { EntityRow, EntitySource } from "../../loaders/EntitySource.js";
import type { Freshness } from "../../loaders/Freshness.js";
import type { XmlElement } from "../../upstream/xmlNodes.js";
import type { EntityLink } from "./EntityLink.js";
import { EntityReader } from "./EntityReader.js";

/** The scalar of a field; an enum field names its enum object (runtime values are EM's spellings). */
export type FieldType =
  "ID" | "String" | "Int" | "SafeInt" | "Float" | "Boolean" | "DateTime" | Readonly<Record<string, string>>;

/** The `Up` links of one entity element, read once per element and handed to every field's `read`. */
export type EntityLinks = Readonly<Record<string, EntityLink | undefined>>;

/** One field of the GraphQL object: its type, description and how it is read from the entity's XML. */
export interface FieldDeclaration {
  readonly type: FieldType;
  readonly nullable?: boolean;
  readonly description: string;
  readonly read: (read: EntityReader, links: EntityLinks) => unknown;
}

/** An `Up` link to one entity (a session's backup server), answered from the link alone for `{ id name }`. */
export interface UpLinkDeclaration {
  readonly kind: "up";
  readonly target: () => Entity;
  /** The `Type` of the `<Link Rel="Up">`, e.g. `BackupServerReference`. */
  readonly xmlType: string;
  readonly description: string;
  /** When EM omits the link: a link rebuilt from the entity's own elements (its parent's UID). */
  readonly fallback?: (read: EntityReader) => EntityLink;
}

/** A child connection (a session's task sessions): the target's rows whose `parentField` is this id. */
export interface ChildrenDeclaration {
  readonly kind: "children";
  readonly target: () => Entity;
  /** A query field of the target holding the parent's UID (`PolicySessionUid` as `policySessionUid`). */
  readonly parentField: string;
  readonly description: string;
}

/**
 * Everything particular to one EM entity, in one place: its GraphQL type, its EM query type and fields,
 * how its XML is read, and its links. The filter input, the list arguments and order enum, the mapper, the
 * EntitySource, the loaders, `node(id)` dispatch and the schema registration are all derived from this.
 */
export interface EntityDeclaration {
  /** The GraphQL type name, also the `<Type>` of the entity's URNs. */
  readonly typeName: string;
  readonly description: string;
  /** The root lookup field (`job`) and root list field (`jobs`). */
  readonly rootFields: { readonly lookup: string; readonly list: string; readonly plural: string };
  /** The query-service type and its filterable and sortable fields, in the order filters are written. */
  readonly query: QueryEntity;
  readonly defaultOrder: { readonly field: string; readonly direction: "ASC" | "DESC" };
  /** How long its rows stay true, for the cache (see Freshness; `modules/shared/freshness.ts`). */
  readonly freshness: Freshness;
  /** Object fields besides `id`, in schema order. */
  readonly fields: Readonly<Record<string, FieldDeclaration>>;
  readonly links: Readonly<Record<string, UpLinkDeclaration | ChildrenDeclaration>>;
}

/** A declared entity with what the runtime derives from it. */
export type Entity = EntityDeclaration & { readonly source: EntitySource };

/** The mapped row's hidden property holding its `Up` links, for the link resolvers. */
export const LINKS = "__links";

/** Declares an entity; the mapper is derived here, everything GraphQL in `src/graphql/`. */
export function defineEntity(declaration: EntityDeclaration): Entity {
  const { typeName } = declaration;
  const ups = Object.entries(declaration.links).flatMap(([name, link]) =>
    link.kind === "up" ? [{ name, link }] : [],
  );
  const fields = Object.entries(declaration.fields);
  const map = (element: XmlElement): EntityRow => {
    const read = new EntityReader(element, typeName);
    const links: Record<string, EntityLink | undefined> = {};
    for (const { name, link } of ups) {
      links[name] = read.link("Up", link.xmlType, link.target().typeName) ?? link.fallback?.(read);
    }
    const row: Record<string, unknown> = { __typename: typeName, id: read.uid(typeName) };
    for (const [name, field] of fields) row[name] = field.read(read, links);
    row[LINKS] = links;
    return row as EntityRow;
  };
  return {
    ...declaration,
    source: {
      typeName,
      query: declaration.query,
      map,
      defaultOrder: declaration.defaultOrder,
      freshness: declaration.freshness,
    },
  };
}
