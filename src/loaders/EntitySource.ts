import type { QueryEntity } from "../filters/QueryField.js";
import type { SortDirection } from "../modules/shared/connection/SortDirection.js";
import type { XmlElement } from "../upstream/xmlNodes.js";

/**
 * Everything the generic list and batch code needs to know about one EM entity type: how it is queried,
 * how its XML maps to the GraphQL object, and the order used when a client asks for none (a fixed order
 * keeps cursors stable across pages).
 */
export interface EntitySource<T> {
  /** GraphQL type name, which is also the `<Type>` in the entity's URNs. */
  readonly typeName: string;
  readonly query: QueryEntity;
  readonly map: (element: XmlElement) => T;
  readonly defaultOrder: { readonly field: string; readonly direction: SortDirection };
}
