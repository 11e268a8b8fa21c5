import { EmBadResponseError } from "./UpstreamError.js";
import { attribute, childElement, type XmlElement } from "./xmlNodes.js";

/** One page request to EM's query service, `GET /query?type=…`. */
export interface EmQuery {
  /** The query type, e.g. `CdpReplicaSession`, `ReplicaJobSession`, `Job`. */
  readonly type: string;
  /** `Entities` (default here; EM's own default is `References`) or `References`. */
  readonly format?: "Entities" | "References";
  /**
   * An EM filter expression such as `Result==Success;CreationTime>="2025-01-01"`, NOT URL-encoded: the
   * client encodes it exactly once with encodeURIComponent.
   */
  readonly filter?: string;
  /** Field to sort ascending by; EM supports one sort key. */
  readonly sortAsc?: string;
  /** Field to sort descending by. */
  readonly sortDesc?: string;
  /** Items per page, a positive integer. Always sent: EM otherwise pages by 100 silently. */
  readonly pageSize: number;
  /** 1-based page number. */
  readonly page: number;
}

/** One page of a query result. */
export interface EmQueryPage {
  /**
   * The items, in EM's order: the elements inside `Entities/<Container>/` (whatever their name;
   * CdpReplicaSession results arrive as `CdpPolicySession`) or inside `Refs/` for References.
   */
  readonly items: XmlElement[];
  /** `PagingInfo/@PageNum`. */
  readonly pageNum: number;
  /** `PagingInfo/@PageSize`. */
  readonly pageSize: number;
  /** `PagingInfo/@PagesCount`; with pageSize=1 this is the number of matching items. */
  readonly pagesCount: number;
}

/**
 * The path and query string (relative to the API base) for `query`. Parameter values are encoded with
 * encodeURIComponent once; throws RangeError for a non-positive or fractional page or page size, and for
 * both sort directions at once, which are caller bugs rather than upstream failures.
 */
export function queryPath(query: EmQuery): string {
  for (const [name, value] of [
    ["pageSize", query.pageSize],
    ["page", query.page],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`EmQuery.${name} must be a positive integer; got ${String(value)}`);
    }
  }
  if (query.sortAsc !== undefined && query.sortDesc !== undefined) {
    throw new RangeError("EmQuery accepts sortAsc or sortDesc, not both (EM sorts by one field)");
  }
  const params: [string, string][] = [
    ["type", query.type],
    ["format", query.format ?? "Entities"],
  ];
  if (query.filter !== undefined && query.filter !== "") params.push(["filter", query.filter]);
  if (query.sortAsc !== undefined) params.push(["sortAsc", query.sortAsc]);
  if (query.sortDesc !== undefined) params.push(["sortDesc", query.sortDesc]);
  params.push(["pageSize", String(query.pageSize)], ["page", String(query.page)]);
  return `/query?${params.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join("&")}`;
}

/**
 * Reads a `QueryResult` document into a page. Throws EmBadResponseError when the root is not
 * `QueryResult` or `PagingInfo` is missing or not numeric (EM always sends it), naming `source`.
 */
export function readQueryPage(
  root: XmlElement,
  format: "Entities" | "References",
  source: { readonly method: string; readonly url: string },
): EmQueryPage {
  const fail = (reason: string): EmBadResponseError =>
    new EmBadResponseError({ ...source, status: 200 }, `Enterprise Manager sent ${reason}`);
  if (root.name !== "QueryResult") throw fail(`a <${root.name}> where a <QueryResult> was expected`);

  const paging = childElement(root, "PagingInfo");
  if (!paging) throw fail("a QueryResult without PagingInfo");
  const number = (name: string): number => {
    const raw = attribute(paging, name);
    if (raw === undefined || !/^\d+$/.test(raw))
      throw fail(`a PagingInfo with ${name}=${JSON.stringify(raw)}`);
    return Number(raw);
  };

  let items: XmlElement[];
  if (format === "Entities") {
    // <Entities><CdpReplicaSessions><CdpPolicySession/>…</CdpReplicaSessions></Entities>: any container name.
    items = (childElement(root, "Entities")?.children ?? []).flatMap((container) => container.children);
  } else {
    items = [...(childElement(root, "Refs")?.children ?? [])];
  }
  return {
    items,
    pageNum: number("PageNum"),
    pageSize: number("PageSize"),
    pagesCount: number("PagesCount"),
  };
}
