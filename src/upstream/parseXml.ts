import xml2js from "xml2js";
import { EmBadResponseError } from "./UpstreamError.js";
import type { XmlElement } from "./xmlNodes.js";

/** Default cap on element nesting; EM's deepest documents (Job schedules) stay well under 20 levels. */
export const DEFAULT_MAX_XML_DEPTH = 64;
/** Default cap on document size: 32 MiB, enough for a 10,000-entity query page (about 13 MiB). */
export const DEFAULT_MAX_XML_BYTES = 32 * 1024 * 1024;

/** Options for parseXml. */
export interface ParseXmlOptions {
  /** Deepest allowed element nesting, root = 1. Default DEFAULT_MAX_XML_DEPTH (64). */
  readonly maxDepth?: number;
  /**
   * Largest accepted document in UTF-8 bytes. Default DEFAULT_MAX_XML_BYTES (32 MiB). EmClient enforces
   * the same cap while reading the body, so this is a second line for callers that parse strings.
   */
  readonly maxBytes?: number;
  /** The exchange the text came from, named in errors. Default: `PARSE (no URL)`. */
  readonly source?: { readonly method: string; readonly url: string };
}

/**
 * The xml2js settings, in one place. `explicitChildren` + `preserveChildrenOrder` give every element a
 * `$$` array of children in document order (each with `#name`), so the by-name properties xml2js also
 * writes are never read. `#text` as the text key cannot collide with an element name (`#` is not a legal
 * XML name character, whereas xml2js's default `_` is). `stripPrefix` drops namespace prefixes from tag
 * names; attributes keep theirs so that normalisation can drop `xmlns:*` and `xsi:*`.
 */
const XML_PARSER_OPTIONS: xml2js.ParserOptions = Object.freeze({
  explicitRoot: false,
  explicitArray: true,
  explicitChildren: true,
  preserveChildrenOrder: true,
  charsAsChildren: false,
  explicitCharkey: true,
  charkey: "#text",
  attrkey: "$",
  childkey: "$$",
  trim: true,
  normalize: false,
  strict: true,
  async: false,
  tagNameProcessors: [xml2js.processors.stripPrefix],
});

/** Raw xml2js node under XML_PARSER_OPTIONS. */
interface RawNode {
  "#name": string;
  "#text"?: string;
  $?: Record<string, unknown>;
  $$?: RawNode[];
}

// A DOCTYPE can declare entities (billion laughs, external entities); EM never sends one.
const FORBIDDEN_DECLARATION = /<!\s*(DOCTYPE|ENTITY)/i;

/**
 * Parses one XML document into a frozen, prototype-free XmlElement tree.
 *
 * Throws EmBadResponseError for: a `<!DOCTYPE` or `<!ENTITY` anywhere (checked before parsing), a document
 * over `maxBytes`, malformed XML or an unknown entity reference, an empty document, or nesting deeper than
 * `maxDepth`. Element or attribute names such as `__proto__` and `constructor` become plain data: attributes
 * live in null-prototype objects and children in arrays (sax silently drops an attribute literally named
 * `__proto__`). Content after the root element's end tag is ignored, as xml2js stops there.
 *
 * Cost: synchronous; about 2 s of CPU for a 13 MB, 10,000-entity page on the development machine (xml2js is
 * roughly 4× raw sax), about 20 ms per 100 entities. Loaders should keep page sizes in the hundreds.
 */
export function parseXml(text: string, options: ParseXmlOptions = {}): XmlElement {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_XML_DEPTH;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_XML_BYTES;
  const source = options.source ?? { method: "PARSE", url: "(no URL)" };
  const fail = (reason: string, cause?: unknown): EmBadResponseError =>
    new EmBadResponseError({ ...source, cause }, `Enterprise Manager sent ${reason}`);

  // UTF-16 length is a lower bound of the UTF-8 size and costs nothing; measure bytes only near the cap.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && Buffer.byteLength(text, "utf8") > maxBytes)) {
    throw fail(`a document larger than ${maxBytes} bytes`);
  }
  if (FORBIDDEN_DECLARATION.test(text)) {
    throw fail("XML with a DOCTYPE or ENTITY declaration, which is refused");
  }

  let raw: RawNode | null | undefined;
  let parseError: unknown;
  // With `async: false` xml2js calls back synchronously; the flags keep only the first outcome, because
  // after an error sax resumes and xml2js may still report an `end`.
  new xml2js.Parser(XML_PARSER_OPTIONS).parseString(text, (err: unknown, result: unknown) => {
    if (raw !== undefined || parseError !== undefined) return;
    if (err) parseError = err;
    else raw = result as RawNode | null;
  });
  if (parseError !== undefined) throw fail("malformed XML", parseError);
  if (raw === undefined || raw === null) throw fail("an empty XML document");
  return normalize(raw, 1, maxDepth, fail);
}

function normalize(
  raw: RawNode,
  depth: number,
  maxDepth: number,
  fail: (reason: string) => EmBadResponseError,
): XmlElement {
  if (depth > maxDepth) throw fail(`XML nested deeper than ${maxDepth} levels`);

  const attributes: Record<string, string> = Object.create(null);
  const rawAttributes = raw.$;
  if (rawAttributes) {
    for (const key of Object.keys(rawAttributes)) {
      if (key === "xmlns" || key.includes(":")) continue;
      // On a null-prototype object, assigning "__proto__" creates an own data property.
      attributes[key] = String(rawAttributes[key]);
    }
  }
  const children = (raw.$$ ?? []).map((child) => normalize(child, depth + 1, maxDepth, fail));
  const text = typeof raw["#text"] === "string" ? raw["#text"] : "";

  return Object.freeze({
    name: raw["#name"],
    attributes: Object.freeze(attributes),
    children: Object.freeze(children),
    text,
  });
}
