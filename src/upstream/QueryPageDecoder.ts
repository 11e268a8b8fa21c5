import { readQueryPage } from "./EmQuery.js";
import { parseXml, parseXmlYielding, type ParseXmlOptions } from "./parseXml.js";
import type { XmlElement } from "./xmlNodes.js";

/** How the items of a query page become rows: the GraphQL type name (the worker finds its mapper by it). */
export interface RowMapping<T> {
  readonly typeName: string;
  readonly map: (item: XmlElement) => T;
}

/** What decoding a query page's body needs besides the body: its format, the XML limits, its origin. */
export interface DecodeRequest {
  readonly format: "Entities" | "References";
  readonly maxDepth: number;
  readonly maxBytes: number;
  readonly maxNodes: number;
  /** The exchange the body came from, named in errors. */
  readonly source: { readonly method: string; readonly url: string };
  /** Longest parse, ms, counted while parsing (see ParseXmlOptions.deadlineMs); default none. */
  readonly deadlineMs?: number;
}

/** A query page as mapped rows and EM's paging numbers. */
export interface DecodedPage<T> {
  readonly rows: T[];
  readonly pageNum: number;
  readonly pageSize: number;
  readonly pagesCount: number;
  /** Where the body was parsed (for the parse's span): on the event loop, or in an XML worker thread. */
  readonly decodedIn?: "inline" | "worker";
}

/**
 * Turns the XML body of a query page into mapped rows. The inline decoder below runs on the calling thread;
 * the gateway's worker pool (`src/xml-workers/`) parses large bodies in worker threads. Errors are the
 * upstream layer's: EmBadResponseError for XML that is malformed, too large, too deep or too wide, or not a
 * QueryResult; the mapping's own errors for rows it cannot read.
 */
export interface QueryPageDecoder {
  decode<T>(body: Buffer, request: DecodeRequest, mapping: RowMapping<T>): Promise<DecodedPage<T>>;
}

/**
 * The parse options for a page: its limits, and its items taken out as they close and mapped at once, so
 * that a page's rows never exist as one xml2js tree (a 10,000-row page held ~180 MB of tree; now one row's
 * tree at a time, plus the mapped rows).
 */
function pageParse<T>(request: DecodeRequest, map: (item: XmlElement) => T) {
  const rows: T[] = [];
  const options: ParseXmlOptions = {
    maxDepth: request.maxDepth,
    maxBytes: request.maxBytes,
    maxNodes: request.maxNodes,
    source: request.source,
    deadlineMs: request.deadlineMs,
    items: {
      isItemParent: request.format === "Entities" ? isEntitiesContainer : isRefs,
      take: (item) => rows.push(map(item)),
    },
  };
  const toPage = (root: XmlElement): DecodedPage<T> => {
    // The items were taken while parsing; what is left holds the paging numbers (and is checked).
    const page = readQueryPage(root, request.format, request.source);
    return {
      rows,
      pageNum: page.pageNum,
      pageSize: page.pageSize,
      pagesCount: page.pagesCount,
      decodedIn: "inline",
    };
  };
  return { options, toPage };
}

// <QueryResult><Entities><AnyContainer>items…</AnyContainer></Entities> and <QueryResult><Refs>items…</Refs>.
const isEntitiesContainer = (path: readonly string[]): boolean =>
  path.length === 3 && path[1] === "Entities" && path[0] === "QueryResult";
const isRefs = (path: readonly string[]): boolean =>
  path.length === 2 && path[1] === "Refs" && path[0] === "QueryResult";

/** Decodes on the calling thread, yielding to the event loop between slices of a large body. */
export const INLINE_DECODER: QueryPageDecoder = {
  async decode(body, request, mapping) {
    const { options, toPage } = pageParse(request, mapping.map);
    return toPage(await parseXmlYielding(body.toString("utf8"), options));
  },
};

/** Decodes in one go, without yielding: for a worker thread, whose event loop serves nothing else. */
export function decodeQueryPageSync<T>(
  text: string,
  request: DecodeRequest,
  map: (item: XmlElement) => T,
): DecodedPage<T> {
  const { options, toPage } = pageParse(request, map);
  return toPage(parseXml(text, options));
}
