import xml2js from "xml2js";
import { EmBadResponseError } from "./UpstreamError.js";
import { elementOf, RAW_ATTRIBUTES_KEY, RAW_TEXT_KEY, type RawXmlNode, type XmlElement } from "./xmlNodes.js";

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
 * The xml2js settings, in one place: close to xml2js's defaults, which are its fastest path (every
 * processor, `explicitChildren`/`preserveChildrenOrder` clone or per-element callback costs a measurable
 * share of a gateway request; see BENCHMARKS.md). Children come grouped by name in arrays; attributes under
 * `$` and text under `#text`, keys no XML element can be called (`$` and `#` are not name characters), so a
 * child can never collide with them. Namespace prefixes are stripped in `normalize`, not by a processor.
 */
const XML_PARSER_OPTIONS: xml2js.ParserOptions = Object.freeze({
  explicitRoot: true,
  explicitArray: true,
  explicitChildren: false,
  charsAsChildren: false,
  explicitCharkey: false,
  charkey: "#text",
  attrkey: "$",
  trim: true,
  normalize: false,
  strict: true,
  async: false,
});

// A DOCTYPE can declare entities (billion laughs, external entities); EM never sends one.
const FORBIDDEN_DECLARATION = /<!\s*(DOCTYPE|ENTITY)/i;

/**
 * Parses one XML document into a read-only, prototype-safe XmlElement tree (views over xml2js's output).
 *
 * Throws EmBadResponseError for: a `<!DOCTYPE` or `<!ENTITY` anywhere (checked before parsing), a document
 * over `maxBytes`, malformed XML or an unknown entity reference, an empty document, or nesting deeper than
 * `maxDepth`. Element or attribute names such as `__proto__` and `constructor` become plain data: attributes
 * live in null-prototype objects and children in arrays (sax silently drops an attribute literally named
 * `__proto__`). Content after the root element's end tag is ignored, as xml2js stops there.
 *
 * Cost: synchronous and CPU-bound; xml2js (over sax) runs at roughly 7–12 MB/s on the 2-core benchmark
 * machine, i.e. ~12–20 ms per 100 entities and 1.4–2 s for a 10,000-entity (14 MB) page, during which the event
 * loop is blocked (see BENCHMARKS.md). Loaders should keep page sizes in the hundreds.
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
  // Every declaration starts with "<!"; EM pages have none, so the case-insensitive scan rarely runs.
  if (text.includes("<!") && FORBIDDEN_DECLARATION.test(text)) {
    throw fail("XML with a DOCTYPE or ENTITY declaration, which is refused");
  }

  let raw: Record<string, unknown> | string | null | undefined;
  let parseError: unknown;
  // With `async: false` xml2js calls back synchronously; the flags keep only the first outcome, because
  // after an error sax resumes and xml2js may still report an `end`.
  const parser = new xml2js.Parser(XML_PARSER_OPTIONS);
  parser.parseString(text, (err: unknown, result: unknown) => {
    if (raw !== undefined || parseError !== undefined) return;
    if (err) parseError = err;
    else raw = result as Record<string, unknown> | string | null;
  });
  if (parseError !== undefined) throw fail("malformed XML", parseError);
  if (raw === undefined || raw === null || typeof raw === "string") throw fail("an empty XML document");
  // `explicitRoot: true`: the result is `{ <root key>: <root node> }`.
  const [rootKey] = Object.keys(raw);
  if (rootKey === undefined) throw fail("an empty XML document");
  const root = raw[rootKey] as RawXmlNode;
  clean(root, 1, maxDepth, fail);
  return elementOf(localName(rootKey), root);
}

/**
 * Checks and cleans xml2js's output in place, before anyone can see it, in one allocation-free walk (for
 * EM's documents): nesting deeper than `maxDepth` is refused; values xml2js put into a child array that are
 * not elements are removed (its `key in obj` test sees names inherited from Object.prototype, such as
 * `constructor` or `__proto__`, as present and wraps the inherited value in first); prefixed child names
 * are re-keyed by their local name. New keys are defined, never assigned, so `__proto__` stays data.
 */
function clean(
  raw: RawXmlNode,
  depth: number,
  maxDepth: number,
  fail: (reason: string) => EmBadResponseError,
): void {
  if (depth > maxDepth) throw fail(`XML nested deeper than ${maxDepth} levels`);
  if (typeof raw === "string") return;
  const node = raw as Record<string, unknown>;
  for (const key of Object.keys(node)) {
    if (key === RAW_ATTRIBUTES_KEY || key === RAW_TEXT_KEY) continue;
    let items = node[key] as unknown[];
    if (!items.every(isRawNode)) {
      items = items.filter(isRawNode);
      define(node, key, items);
    }
    const local = localName(key);
    if (local !== key) {
      const existing = Object.prototype.hasOwnProperty.call(node, local) ? (node[local] as unknown[]) : [];
      define(node, local, [...existing, ...items]);
      delete node[key];
    }
    for (const item of items) clean(item as RawXmlNode, depth + 1, maxDepth, fail);
  }
}

function isRawNode(item: unknown): boolean {
  return typeof item === "string" || (typeof item === "object" && item !== null && item !== Object.prototype);
}

function define(node: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(node, key, { value, writable: true, enumerable: true, configurable: true });
}

/** `v:Job` → `Job`: EM uses the default namespace, but a prefixed document means the same. */
function localName(qualified: string): string {
  const colon = qualified.indexOf(":");
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}
