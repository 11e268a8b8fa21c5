import xml2js from "xml2js";
import { EmBadResponseError } from "./UpstreamError.js";
import { elementOf, RAW_ATTRIBUTES_KEY, RAW_TEXT_KEY, type RawXmlNode, type XmlElement } from "./xmlNodes.js";

/** Default cap on element nesting; EM's deepest documents (Job schedules) stay well under 20 levels. */
export const DEFAULT_MAX_XML_DEPTH = 64;
/**
 * Default cap on document size when the caller gives none. EmClient passes the configured
 * `VEEAM_EM_MAX_RESPONSE_BYTES`, which config.ts derives from the largest page the gateway ever requests.
 */
export const DEFAULT_MAX_XML_BYTES = 16 * 1024 * 1024;
/**
 * Default cap on nodes (elements plus attributes) when the caller gives none: a 10,000-entity page at 100
 * nodes per entity. EmClient always passes a tighter cap, derived from each query's page size.
 */
export const DEFAULT_MAX_XML_NODES = 1_000_000;
/**
 * Documents longer than this (UTF-16 units) are fed to the parser in slices of this size with a turn of the
 * event loop between slices, so that other requests (and `/healthz`) are served while a large page parses.
 * Smaller ones parse in one go, where a hop would cost more than it saves.
 */
export const YIELD_SLICE_CHARS = 256 * 1024;

/** Options for parseXml. */
export interface ParseXmlOptions {
  /** Deepest allowed element nesting, root = 1. Default DEFAULT_MAX_XML_DEPTH (64). */
  readonly maxDepth?: number;
  /**
   * Largest accepted document in UTF-8 bytes. Default DEFAULT_MAX_XML_BYTES (16 MiB). EmClient enforces
   * the same cap while reading the body, so this is a second line for callers that parse strings.
   */
  readonly maxBytes?: number;
  /**
   * Most elements plus attributes the document may hold, counted while parsing so that a hostile body of
   * millions of tiny elements is refused before its tree exists. Default DEFAULT_MAX_XML_NODES.
   */
  readonly maxNodes?: number;
  /** The exchange the text came from, named in errors. Default: `PARSE (no URL)`. */
  readonly source?: { readonly method: string; readonly url: string };
  /**
   * Longest `parseXml` may take, ms: the text is then written in slices and the clock checked between
   * them, so a parse is refused within about a slice's time after the deadline (worker threads, whose
   * parse nothing else may interrupt). Default: none.
   */
  readonly deadlineMs?: number;
  /**
   * Takes the items of a list out of the tree as each one closes, so that a page of thousands of rows never
   * exists as one tree: each item's tree is handed over (cleaned, as the rest) and can be collected as soon
   * as it is mapped. Taken items are not in the returned tree. Default: none, the whole tree is returned.
   */
  readonly items?: ItemTap;
}

/** Which elements are items of a list, and who takes them (ParseXmlOptions.items). */
export interface ItemTap {
  /**
   * True when the element at `path` (local names from the root down, the root first) holds items: each of
   * its child elements is then given to `take`. Asked once per closing element, so keep it cheap.
   */
  readonly isItemParent: (path: readonly string[]) => boolean;
  /** Receives each item in document order. What it throws ends the parse and is rethrown as it is. */
  readonly take: (item: XmlElement) => void;
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
 * Parses one XML document into a read-only, prototype-safe XmlElement tree (views over xml2js's output),
 * synchronously. For bodies from EM, prefer `parseXmlYielding`, which gives the event loop a turn between
 * slices of large documents.
 *
 * Throws EmBadResponseError for: a `<!DOCTYPE` or `<!ENTITY` anywhere (checked before parsing), a document
 * over `maxBytes`, malformed XML or an unknown entity reference, an empty document, nesting deeper than
 * `maxDepth` or more than `maxNodes` elements and attributes (both counted in sax's callbacks, so parsing
 * stops at the first element past a limit, before xml2js has built the tree). Element or attribute names
 * such as `__proto__` and `constructor` become plain data: attributes live in null-prototype objects and
 * children in arrays (sax silently drops an attribute literally named `__proto__`). Content after the root
 * element's end tag is ignored, as xml2js stops there.
 *
 * Cost: CPU-bound; xml2js (over sax) runs at roughly 7–12 MB/s on the 2-core benchmark machine (see
 * BENCHMARKS.md for current figures).
 */
export function parseXml(text: string, options: ParseXmlOptions = {}): XmlElement {
  const run = startParse(text, options);
  const deadlineMs = options.deadlineMs;
  if (!run.settled()) {
    try {
      if (deadlineMs === undefined) run.sax.write(run.text).close();
      else {
        const until = performance.now() + deadlineMs;
        for (let offset = 0; offset < run.text.length && !run.settled(); offset += YIELD_SLICE_CHARS) {
          if (performance.now() > until) {
            const source = options.source ?? { method: "PARSE", url: "(no URL)" };
            throw new EmBadResponseError(
              { ...source, status: 200 },
              `Enterprise Manager's response could not be parsed: parsing took longer than ${deadlineMs} ms`,
            );
          }
          run.sax.write(run.text.slice(offset, offset + YIELD_SLICE_CHARS));
        }
        if (!run.settled()) run.sax.close();
      }
    } catch (error) {
      if (error instanceof EmBadResponseError) throw error;
      run.settle(error);
    }
  }
  return run.finish();
}

/**
 * `parseXml` for documents of any size: the same checks, limits and result, but a document longer than
 * YIELD_SLICE_CHARS is written to the parser slice by slice with `setImmediate` in between, so the event
 * loop keeps serving other requests while it parses. (xml2js's own `async` option slices too, but loses
 * errors thrown while parsing: it emits them under the wrong event name, and its callback never fires.)
 */
export async function parseXmlYielding(text: string, options: ParseXmlOptions = {}): Promise<XmlElement> {
  if (text.length <= YIELD_SLICE_CHARS) return parseXml(text, options);
  const run = startParse(text, options);
  try {
    for (let offset = 0; offset < run.text.length && !run.settled(); offset += YIELD_SLICE_CHARS) {
      // A slice may end inside a name or between the halves of a surrogate pair: sax buffers both.
      run.sax.write(run.text.slice(offset, offset + YIELD_SLICE_CHARS));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (!run.settled()) run.sax.close();
  } catch (error) {
    run.settle(error);
  }
  return run.finish();
}

/** One parse in progress: the checks made before parsing, the limits hooked into sax, the outcome. */
interface ParseRun {
  /** The text to write: the input without a byte-order mark. */
  readonly text: string;
  /** xml2js's sax parser, with the limits installed. */
  readonly sax: { write(chunk: string): { close(): unknown }; close(): unknown };
  /** True once an outcome (tree, error or refusal before parsing) is known. */
  settled(): boolean;
  /** Records an exception thrown while writing, unless an outcome is already known. */
  settle(error: unknown): void;
  /** The cleaned tree, or the EmBadResponseError of whatever went wrong first. */
  finish(): XmlElement;
}

/** Thrown from inside sax's callbacks to stop parsing at the first node past a limit. */
class XmlLimitError extends Error {}

/** Carries what an ItemTap's `take` threw out through sax, to be rethrown unchanged. */
class ItemTakeError extends Error {
  constructor(readonly thrown: unknown) {
    super("an item could not be taken");
  }
}

function startParse(input: string, options: ParseXmlOptions): ParseRun {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_XML_DEPTH;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_XML_BYTES;
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_XML_NODES;
  const source = options.source ?? { method: "PARSE", url: "(no URL)" };
  const fail = (reason: string, cause?: unknown): EmBadResponseError =>
    new EmBadResponseError({ ...source, cause }, `Enterprise Manager sent ${reason}`);
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;

  let outcome: { tree: Record<string, unknown> | null } | { error: unknown } | undefined;
  // UTF-16 length is a lower bound of the UTF-8 size and costs nothing; measure bytes only near the cap.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && Buffer.byteLength(text, "utf8") > maxBytes)) {
    outcome = { error: fail(`a document larger than ${maxBytes} bytes`) };
  } else if (text.includes("<!") && FORBIDDEN_DECLARATION.test(text)) {
    // Every declaration starts with "<!"; EM pages have none, so the case-insensitive scan rarely runs.
    outcome = { error: fail("XML with a DOCTYPE or ENTITY declaration, which is refused") };
  } else if (text.trim() === "") {
    outcome = { error: fail("an empty XML document") };
  }
  // Only the first outcome counts: after an error sax resumes, and xml2js may still report an `end`.
  const settle = (error: unknown): void => {
    if (outcome !== undefined) return;
    if (error instanceof ItemTakeError) outcome = { error: error.thrown };
    else if (error instanceof XmlLimitError) outcome = { error: fail(error.message) };
    else outcome = { error: fail("malformed XML", error) };
  };

  const parser = new xml2js.Parser(XML_PARSER_OPTIONS);
  parser.on("end", (tree: Record<string, unknown> | null) => {
    outcome ??= { tree };
  });
  parser.on("error", settle);
  // xml2js keeps its own handlers on the sax parser it made; these wrap them. Counting happens before
  // xml2js allocates anything for the node, so a refused document costs no more than its first nodes.
  const sax = (parser as unknown as { saxParser: SaxCallbacks & ParseRun["sax"] }).saxParser;
  // sax refuses an attribute value, name or comment longer than 64 KiB, but checks only at the end of a
  // write(): written whole, such a document parses; written in slices (the deadline, the yielding parse, the
  // workers) it failed as malformed. The byte cap above bounds every buffer already, so the check is off
  // for this parser (sax schedules it by position; it is never reached) and slicing changes nothing.
  sax.bufferCheckPosition = Number.POSITIVE_INFINITY;
  const openTag = sax.onopentag;
  const closeTag = sax.onclosetag;
  const onError = sax.onerror;
  // xml2js resumes sax after reporting an error, which would parse (and build) the rest of the text for
  // nothing: the first error is the outcome, so writing stops there.
  sax.onerror = (error) => {
    onError(error);
    throw new XmlLimitError("malformed XML");
  };
  let depth = 0;
  let nodes = 0;
  const tap = options.items;
  // The open elements' local names, kept only when items are taken.
  const path: string[] = [];
  let takeNext = false;
  if (tap) {
    // xml2js adds every closed element to its parent through this (bound, per-instance) method; an item is
    // handed to the tap instead, cleaned exactly as `finish` cleans the rest of the tree.
    const internals = parser as unknown as {
      assignOrPush: (parent: unknown, key: string, value: unknown) => void;
    };
    const assignOrPush = internals.assignOrPush;
    internals.assignOrPush = (parent, key, value) => {
      if (!takeNext) return assignOrPush(parent, key, value);
      takeNext = false;
      if (!isRawNode(value)) return;
      clean(value as RawXmlNode);
      try {
        tap.take(elementOf(localName(key), value as RawXmlNode));
      } catch (error) {
        throw new ItemTakeError(error);
      }
    };
  }
  sax.onopentag = (node) => {
    depth += 1;
    nodes += 1;
    if (depth > maxDepth) throw new XmlLimitError(`XML nested deeper than ${maxDepth} levels`);
    if (nodes > maxNodes) throw new XmlLimitError(`XML with more than ${maxNodes} elements and attributes`);
    if (tap) path.push(localName((node as { name: string }).name));
    openTag(node);
  };
  sax.onclosetag = (name) => {
    depth -= 1;
    if (tap) {
      path.pop();
      takeNext = path.length > 0 && tap.isItemParent(path);
    }
    closeTag(name);
    takeNext = false;
  };
  // sax reports each attribute before the tag that holds it opens: one element with a million attributes
  // is refused as early as a million elements.
  sax.onattribute = () => {
    nodes += 1;
    if (nodes > maxNodes) throw new XmlLimitError(`XML with more than ${maxNodes} elements and attributes`);
  };

  return {
    text,
    sax,
    settled: () => outcome !== undefined,
    settle,
    finish: () => {
      if (outcome === undefined) throw fail("an incomplete XML document");
      if ("error" in outcome) throw outcome.error;
      const tree = outcome.tree;
      if (tree === null || typeof tree !== "object") throw fail("an empty XML document");
      // `explicitRoot: true`: the result is `{ <root key>: <root node> }`.
      const [rootKey] = Object.keys(tree);
      if (rootKey === undefined) throw fail("an empty XML document");
      const root = tree[rootKey] as RawXmlNode;
      clean(root);
      return elementOf(localName(rootKey), root);
    },
  };
}

/** The sax callbacks parseXml wraps (sax's own typings are not a dependency). */
interface SaxCallbacks {
  onerror: (error: unknown) => void;
  onopentag: (node: unknown) => void;
  onclosetag: (name: string) => void;
  onattribute: (attribute: unknown) => void;
  /** The text position at which sax next checks its buffers' lengths. */
  bufferCheckPosition: number;
}

/**
 * Cleans xml2js's output in place, before anyone can see it, in one allocation-free walk (for EM's
 * documents; the depth was bounded while parsing, so the recursion is too): values xml2js put into a child
 * array that are not elements are removed (its `key in obj` test sees names inherited from Object.prototype, such as
 * `constructor` or `__proto__`, as present and wraps the inherited value in first); prefixed child names
 * are re-keyed by their local name. New keys are defined, never assigned, so `__proto__` stays data.
 */
function clean(raw: RawXmlNode): void {
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
    for (const item of items) clean(item as RawXmlNode);
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
