/**
 * How one GraphQL-visible field of an entity is queried in EM's query service.
 *
 * Each entity's declaration (`modules/<entity>/<entity>.entity.ts`, its `query`) holds a table of these,
 * keyed by the camelCased GraphQL field name. The filter translator, the `orderBy` mapping and the filter
 * input types all read that one table, so a field cannot be filterable under one spelling and sortable
 * under another.
 */
export type QueryField =
  | { readonly kind: "string"; readonly emField: string }
  | {
      readonly kind: "uid";
      readonly emField: string;
      /** The `<Type>` of `urn:veeam:<Type>:<guid>`: bare GUIDs are widened to this URN before reaching EM. */
      readonly uidType: string;
    }
  | { readonly kind: "long"; readonly emField: string }
  | { readonly kind: "dateTime"; readonly emField: string }
  | { readonly kind: "boolean"; readonly emField: string }
  | {
      readonly kind: "enum";
      readonly emField: string;
      /** The GraphQL enum's runtime object; its values are EM's spellings, declared in EM's ordinal order. */
      readonly values: Readonly<Record<string, string>>;
    };

/** The closed set of field kinds; the filter translator switches over it exhaustively. */
export type QueryFieldKind = QueryField["kind"];

/** An entity's query-service description: its EM query `type` and its fields by GraphQL name. */
export interface QueryEntity {
  /** The `type=` value of `GET /api/query`, e.g. `CdpReplicaSession`. */
  readonly queryType: string;
  readonly fields: Readonly<Record<string, QueryField>>;
}
