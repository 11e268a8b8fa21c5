import { escapeAttr } from "./xmlEscape.js";
import type { RenderableRecord, ResourceKind } from "./resourceKinds.js";
import { EM_NAMESPACE, INDENT, renderLinks, XML_DECLARATION, XSD_XSI } from "./xmlDocument.js";

/*
 * Generic writers for the reference and entity forms of any resource kind, as items (inside lists) or as
 * whole documents. Attribute orders follow real captures: entities `Href Type Name UID [VmDisplayName]`,
 * references `UID Name Href Type`; a root element carries xmlns:xsd/xmlns:xsi first and xmlns last.
 */

const ROOT_NS_TAIL = ` xmlns="${EM_NAMESPACE}"`;

/**
 * Rendered list items of one simulator, keyed by record and revision (records that change on the clock bump
 * theirs), so a benchmark's repeated queries do not rebuild the same strings. Bounded by total characters and simply emptied when
 * full, so memory stays flat at any scale. One per simulator instance (several may run in one process).
 */
export class RenderCache {
  readonly #items = new Map<string, string>();
  #chars = 0;

  constructor(private readonly budgetChars = 48 * 1024 * 1024) {}

  get(key: string, build: () => string): string {
    const hit = this.#items.get(key);
    if (hit !== undefined) return hit;
    const value = build();
    if (this.#chars + value.length > this.budgetChars) {
      this.#items.clear();
      this.#chars = 0;
    }
    this.#items.set(key, value);
    this.#chars += value.length + key.length;
    return value;
  }
}

function refAttributes<T extends RenderableRecord>(kind: ResourceKind<T>, base: string, r: T): string {
  return (
    ' UID="' +
    r.uid +
    '" Name="' +
    escapeAttr(r.name) +
    '" Href="' +
    base +
    "/" +
    kind.collection +
    "/" +
    r.id +
    '" Type="' +
    kind.refType +
    '"'
  );
}

function entityAttributes<T extends RenderableRecord>(kind: ResourceKind<T>, base: string, r: T): string {
  return (
    ' Href="' +
    kind.entityHref(base, r) +
    '" Type="' +
    kind.entityType +
    '" Name="' +
    escapeAttr(r.name) +
    '" UID="' +
    r.uid +
    '"' +
    (kind.extraAttributes ? kind.extraAttributes(r) : "")
  );
}

/** A `<Ref>` item (collections and query References) at indentation `ind`. */
export function renderRefItem<T extends RenderableRecord>(
  kind: ResourceKind<T>,
  base: string,
  r: T,
  ind: string,
  cache: RenderCache,
): string {
  return cache.get(
    `R|${kind.collection}|${r.id}|${r.revision ?? 0}|${ind.length}|${base}`,
    () =>
      ind +
      "<Ref" +
      refAttributes(kind, base, r) +
      ">\n" +
      renderLinks(kind.refLinks(base, r), ind + INDENT) +
      ind +
      "</Ref>\n",
  );
}

/** An entity item named `elementName` (list item or root) at indentation `ind`; `rootNs` adds namespaces. */
export function renderEntityItem<T extends RenderableRecord>(
  kind: ResourceKind<T>,
  base: string,
  r: T,
  ind: string,
  elementName: string,
  cache: RenderCache | undefined,
): string {
  if (!cache) return buildEntityItem(kind, base, r, ind, elementName, true);
  return cache.get(
    `E|${kind.collection}|${r.id}|${r.revision ?? 0}|${ind.length}|${elementName}|${base}`,
    () => buildEntityItem(kind, base, r, ind, elementName, false),
  );
}

function buildEntityItem<T extends RenderableRecord>(
  kind: ResourceKind<T>,
  base: string,
  r: T,
  ind: string,
  elementName: string,
  rootNs: boolean,
): string {
  const inner = ind + INDENT;
  return (
    ind +
    "<" +
    elementName +
    (rootNs ? " " + XSD_XSI : "") +
    entityAttributes(kind, base, r) +
    (rootNs ? ROOT_NS_TAIL : "") +
    ">\n" +
    renderLinks(kind.entityLinks(base, r), inner) +
    kind.entityBody(r, inner) +
    ind +
    "</" +
    elementName +
    ">\n"
  );
}

/** `GET /<collection>/{id}`: the `EntityRef` document. */
export function renderEntityRefDocument<T extends RenderableRecord>(
  kind: ResourceKind<T>,
  base: string,
  r: T,
): string {
  return (
    XML_DECLARATION +
    "<EntityRef " +
    XSD_XSI +
    refAttributes(kind, base, r) +
    ROOT_NS_TAIL +
    ">\n" +
    renderLinks(kind.refLinks(base, r), INDENT) +
    "</EntityRef>\n"
  );
}

/** `GET /<collection>/{id}?format=Entity`: the entity document. */
export function renderEntityDocument<T extends RenderableRecord>(
  kind: ResourceKind<T>,
  base: string,
  r: T,
): string {
  // A root element carries the namespaces, so it is built afresh rather than cached.
  return XML_DECLARATION + renderEntityItem(kind, base, r, "", kind.entityElement, undefined);
}

/** A collection without `format`: `EntityReferences` of `Ref` (self-closed when empty). */
export function renderReferenceListDocument<T extends RenderableRecord>(
  kind: ResourceKind<T>,
  base: string,
  records: readonly T[],
  cache: RenderCache,
): string {
  const open = XML_DECLARATION + "<EntityReferences " + XSD_XSI + ROOT_NS_TAIL;
  if (records.length === 0) return open + " />\n";
  let out = open + ">\n";
  for (const r of records) out += renderRefItem(kind, base, r, INDENT, cache);
  return out + "</EntityReferences>\n";
}

/** A collection with `?format=Entity`: the plural root of entity items (self-closed when empty). */
export function renderEntityListDocument<T extends RenderableRecord>(
  kind: ResourceKind<T>,
  base: string,
  records: readonly T[],
  cache: RenderCache,
): string {
  const open = XML_DECLARATION + "<" + kind.listElement + " " + XSD_XSI + ROOT_NS_TAIL;
  if (records.length === 0) return open + " />\n";
  let out = open + ">\n";
  for (const r of records) out += renderEntityItem(kind, base, r, INDENT, kind.listItemElement, cache);
  return out + "</" + kind.listElement + ">\n";
}
