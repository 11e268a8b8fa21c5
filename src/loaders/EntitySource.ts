import type { QueryEntity } from "../filters/QueryField.js";
import { DEFAULT_SITE } from "../ids/siteIds.js";
import type { XmlElement } from "../upstream/xmlNodes.js";
import type { Freshness } from "./Freshness.js";

/** One mapped EM entity: its GraphQL type name, its canonical URN and its fields. */
export interface EntityRow {
  readonly __typename: string;
  readonly id: string;
  readonly [field: string]: unknown;
}

/**
 * The row's hidden property naming the site (the EM server) it was read from, stamped as its page is
 * decoded (`siteStampingDecoder`). Rows keep EM's own ids; the GraphQL layer adds the site to the ids it
 * hands out (ids/siteIds.ts) and follows a row's links on its site alone.
 */
export const SITE = "__site";

/** The site a row was read from. */
export function siteOf(row: EntityRow): string {
  const site = row[SITE];
  return typeof site === "string" ? site : DEFAULT_SITE;
}

/**
 * Everything the generic list and batch code needs to know about one EM entity type: how it is queried,
 * how its XML maps to a row, and the order used when a client asks for none (a fixed order keeps cursors
 * stable across pages). Derived from the entity's declaration (`modules/<entity>/<entity>.entity.ts`).
 */
export interface EntitySource<T extends EntityRow = EntityRow> {
  /** GraphQL type name, which is also the `<Type>` in the entity's URNs. */
  readonly typeName: string;
  readonly query: QueryEntity;
  readonly map: (element: XmlElement) => T;
  readonly defaultOrder: { readonly field: string; readonly direction: "ASC" | "DESC" };
  readonly freshness: Freshness;
}
