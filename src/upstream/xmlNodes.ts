/**
 * The parsed XML tree every other module reads, and the few readers over it.
 *
 * This file and parseXml.ts are the only places that know how XML becomes objects; mappers use these
 * readers and never see xml2js's `$`, `_` or single-item arrays.
 *
 * Names compare exactly (case-sensitive, local names without namespace prefix): EM spells its element and
 * attribute names consistently (`CreationTimeUTC`, `VmDisplayName`, `UID`), so a case-insensitive match
 * would only hide a mapping typo.
 *
 * Hazard: parsed trees are frozen and may be shared between callers (EmClient deduplicates identical
 * in-flight GETs), so never try to mutate one; copy what you need.
 */
export interface XmlElement {
  /** Local name, namespace prefix stripped (`<v:Job>` and `<Job>` both give `Job`). */
  readonly name: string;
  /**
   * Unprefixed attributes by name, in a null-prototype object. Namespace declarations (`xmlns`,
   * `xmlns:xsd`) and prefixed attributes (`xsi:type`) are dropped. Use `attribute()` to read.
   */
  readonly attributes: Readonly<Record<string, string>>;
  /**
   * Child elements, grouped by name in order of first appearance, each group in document order (what
   * xml2js gives at its fastest; EM never interleaves element names where order matters). Text nodes are
   * not children; see `text`.
   */
  readonly children: readonly XmlElement[];
  /** The element's own character data, trimmed; "" for empty or self-closed elements. */
  readonly text: string;
}

/** The first child element called `name`, or undefined. */
export function childElement(el: XmlElement, name: string): XmlElement | undefined {
  // A plain loop: mappers call this once per field of every entity, the hottest path of a response.
  const children = el.children;
  for (let index = 0; index < children.length; index++) {
    if (children[index]!.name === name) return children[index];
  }
  return undefined;
}

/** All child elements called `name`, in document order (an empty array when there are none). */
export function childElements(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((child) => child.name === name);
}

/**
 * The text of the first child element called `name`: undefined when there is no such element, "" when it
 * is present but empty (`<FailureMessage />`). EM omits absent optional values (`EndTimeUTC` while a
 * session runs) and writes empty strings as empty elements, so the two cases mean different things.
 */
export function childText(el: XmlElement, name: string): string | undefined {
  return childElement(el, name)?.text;
}

/** The value of the unprefixed attribute `name`, or undefined when the element does not carry it. */
export function attribute(el: XmlElement, name: string): string | undefined {
  // Own-property check: the object has no prototype, but a caller may ask for "__proto__" or "toString".
  return Object.prototype.hasOwnProperty.call(el.attributes, name) ? el.attributes[name] : undefined;
}
