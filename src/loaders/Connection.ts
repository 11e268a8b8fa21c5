/** Where a page sits in the whole list (the runtime value of Relay's `PageInfo`). */
export interface PageInfo {
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  readonly startCursor: string | null;
  readonly endCursor: string | null;
}

/** One edge of a connection: the node and the cursor that points just after it. */
export interface Edge<T> {
  readonly cursor: string;
  readonly node: T;
}

/**
 * The runtime value behind every `<X>Connection` GraphQL type. `totalCount` is a getter so that the
 * upstream request that may be needed to count is only made when a client selects the field.
 */
export interface Connection<T> {
  readonly edges: readonly Edge<T>[];
  readonly nodes: readonly T[];
  readonly pageInfo: PageInfo;
  readonly totalCount: Promise<number> | number;
}
