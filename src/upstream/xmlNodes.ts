/**
 * The parsed XML tree every other module reads, and the few readers over it.
 *
 * This file and parseXml.ts are the only places that know how XML becomes objects; mappers use these
 * readers and never see xml2js's `$`, `#text` or single-item arrays.
 *
 * Names compare exactly (case-sensitive, local names without namespace prefix): EM spells its element and
 * attribute names consistently (`CreationTimeUTC`, `VmDisplayName`, `UID`), so a case-insensitive match
 * would only hide a mapping typo.
 *
 * Elements are thin frozen views over the node xml2js produced (which parseXml has checked and cleaned and
 * nobody else can reach): reading a field of an entity allocates nothing, and a response's tree is not
 * built a second time. Mapping hundreds of entities per response made that second tree, and collecting it,
 * the largest cost of the gateway's own (see BENCHMARKS.md).
 *
 * Hazard: parsed trees may be shared between callers (EmClient deduplicates identical in-flight GETs). They
 * are read-only by construction (frozen views, hidden nodes); `children` and `attributes` build fresh
 * frozen values on every read, so read them once rather than in a loop.
 */
export interface XmlElement {
  /** Local name, namespace prefix stripped (`<v:Job>` and `<Job>` both give `Job`). */
  readonly name: string;
  /**
   * Unprefixed attributes by name, in a null-prototype object. Namespace declarations (`xmlns`,
   * `xmlns:xsd`) and prefixed attributes (`xsi:type`) are dropped. Use `attribute()` to read one.
   */
  readonly attributes: Readonly<Record<string, string>>;
  /**
   * Child elements, grouped by name in order of first appearance, each group in document order (EM never
   * interleaves element names where order matters). Text nodes are not children; see `text`.
   */
  readonly children: readonly XmlElement[];
  /** The element's own character data, trimmed; "" for empty or self-closed elements. */
  readonly text: string;
}

/**
 * A node as xml2js gives it under parseXml's options, after parseXml's clean-up: a string for an element
 * with nothing but text (or nothing), otherwise an object with `$` (attributes), `#text` and, under each
 * child's local name, an array of child nodes. Internal to this module pair.
 */
export type RawXmlNode = string | { readonly [key: string]: unknown };

/** Attribute and text keys of a raw node; `$` and `#` cannot start an XML name, so no child collides. */
export const RAW_ATTRIBUTES_KEY = "$";
export const RAW_TEXT_KEY = "#text";

const NO_CHILDREN: readonly XmlElement[] = Object.freeze([]);
const NO_RAW: readonly RawXmlNode[] = Object.freeze([]);
const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze(Object.create(null));
const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

class XmlNode implements XmlElement {
  readonly #raw: RawXmlNode;

  constructor(
    readonly name: string,
    raw: RawXmlNode,
  ) {
    this.#raw = raw;
    Object.freeze(this);
  }

  get text(): string {
    const raw = this.#raw;
    if (typeof raw === "string") return raw;
    const text = hasOwn(raw, RAW_TEXT_KEY) ? raw[RAW_TEXT_KEY] : undefined;
    return typeof text === "string" ? text : "";
  }

  get attributes(): Readonly<Record<string, string>> {
    const raw = this.#raw;
    if (typeof raw === "string" || !hasOwn(raw, RAW_ATTRIBUTES_KEY)) return NO_ATTRIBUTES;
    const source = raw[RAW_ATTRIBUTES_KEY] as Record<string, unknown>;
    const attributes: Record<string, string> = Object.create(null);
    let kept = 0;
    for (const key of Object.keys(source)) {
      if (!isPlainAttribute(key)) continue;
      // On a null-prototype object, assigning "__proto__" creates an own data property.
      attributes[key] = String(source[key]);
      kept += 1;
    }
    return kept === 0 ? NO_ATTRIBUTES : Object.freeze(attributes);
  }

  get children(): readonly XmlElement[] {
    const raw = this.#raw;
    if (typeof raw === "string") return NO_CHILDREN;
    const children: XmlElement[] = [];
    for (const key of Object.keys(raw)) {
      if (key === RAW_ATTRIBUTES_KEY || key === RAW_TEXT_KEY) continue;
      for (const item of raw[key] as RawXmlNode[]) children.push(new XmlNode(key, item));
    }
    return children.length === 0 ? NO_CHILDREN : Object.freeze(children);
  }

  /** The raw nodes of the children called `name` (own keys only: never `constructor` & co. of Object). */
  rawChildren(name: string): readonly RawXmlNode[] {
    const raw = this.#raw;
    if (
      typeof raw === "string" ||
      name === RAW_ATTRIBUTES_KEY ||
      name === RAW_TEXT_KEY ||
      !hasOwn(raw, name)
    ) {
      return NO_RAW;
    }
    return raw[name] as RawXmlNode[];
  }

  /** The unprefixed attribute `name`, read straight from the node. */
  rawAttribute(name: string): string | undefined {
    const raw = this.#raw;
    if (typeof raw === "string" || !isPlainAttribute(name) || !hasOwn(raw, RAW_ATTRIBUTES_KEY))
      return undefined;
    const source = raw[RAW_ATTRIBUTES_KEY] as Record<string, unknown>;
    return hasOwn(source, name) ? String(source[name]) : undefined;
  }
}

function isPlainAttribute(name: string): boolean {
  return name !== "xmlns" && !name.includes(":");
}

/** The element view of a cleaned raw node (parseXml's only way to hand out a tree). */
export function elementOf(name: string, raw: RawXmlNode): XmlElement {
  return new XmlNode(name, raw);
}

/** The text of a raw node, as `XmlElement.text` would give it. */
function rawText(raw: RawXmlNode): string {
  if (typeof raw === "string") return raw;
  const text = hasOwn(raw, RAW_TEXT_KEY) ? raw[RAW_TEXT_KEY] : undefined;
  return typeof text === "string" ? text : "";
}

/** The first child element called `name`, or undefined. */
export function childElement(el: XmlElement, name: string): XmlElement | undefined {
  if (el instanceof XmlNode) {
    const items = el.rawChildren(name);
    return items.length === 0 ? undefined : new XmlNode(name, items[0]!);
  }
  return el.children.find((child) => child.name === name);
}

/** All child elements called `name`, in document order (an empty array when there are none). */
export function childElements(el: XmlElement, name: string): XmlElement[] {
  if (el instanceof XmlNode) return el.rawChildren(name).map((item) => new XmlNode(name, item));
  return el.children.filter((child) => child.name === name);
}

/**
 * The text of the first child element called `name`: undefined when there is no such element, "" when it
 * is present but empty (`<FailureMessage />`). EM omits absent optional values (`EndTimeUTC` while a
 * session runs) and writes empty strings as empty elements, so the two cases mean different things.
 */
export function childText(el: XmlElement, name: string): string | undefined {
  if (el instanceof XmlNode) {
    const items = el.rawChildren(name);
    return items.length === 0 ? undefined : rawText(items[0]!);
  }
  return el.children.find((child) => child.name === name)?.text;
}

/** The value of the unprefixed attribute `name`, or undefined when the element does not carry it. */
export function attribute(el: XmlElement, name: string): string | undefined {
  if (el instanceof XmlNode) return el.rawAttribute(name);
  // Own-property check: the object has no prototype, but a caller may ask for "__proto__" or "toString".
  return Object.prototype.hasOwnProperty.call(el.attributes, name) ? el.attributes[name] : undefined;
}
