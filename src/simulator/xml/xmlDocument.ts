import { escapeAttr, escapeText } from "./xmlEscape.js";

/** The XML declaration every EM response starts with. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';
/** EM's default namespace. */
export const EM_NAMESPACE = "http://www.veeam.com/ent/v1.0";
/** The xsd/xsi declarations .NET's XmlSerializer puts first on every root element. */
export const XSD_XSI =
  'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
/** One indentation step (real captures use four spaces). */
export const INDENT = "    ";

/** A `<Link>`; absent attributes are omitted. Attribute order is the real servers' `Href Name Type Rel`. */
export interface Link {
  readonly href: string;
  readonly name?: string;
  readonly type?: string;
  readonly rel: string;
}

/** Renders a `<Links>` block at `ind` (lines end with `\n`). */
export function renderLinks(links: readonly Link[], ind: string): string {
  let out = ind + "<Links>\n";
  const inner = ind + INDENT;
  for (const link of links) {
    out += inner + '<Link Href="' + escapeAttr(link.href) + '"';
    if (link.name !== undefined) out += ' Name="' + escapeAttr(link.name) + '"';
    if (link.type !== undefined) out += ' Type="' + link.type + '"';
    out += ' Rel="' + link.rel + '" />\n';
  }
  return out + ind + "</Links>\n";
}

/**
 * A simple child element: omitted when `value` is undefined, self-closed (`<X />`) when it is "", else
 * `<X>text</X>`.
 */
export function element(name: string, value: string | undefined, ind: string): string {
  if (value === undefined) return "";
  if (value === "") return ind + "<" + name + " />\n";
  return ind + "<" + name + ">" + escapeText(value) + "</" + name + ">\n";
}

/**
 * An `Error` document as EM writes it (attribute order of a real capture). Server-side failures (5xx)
 * carry the message again in `FirstChanceExceptionMessage`, as the captured 500 does.
 */
export function renderErrorDocument(status: number, message: string): string {
  const head =
    XML_DECLARATION +
    '<Error Message="' +
    escapeAttr(message) +
    '" StatusCode="' +
    status +
    '" xmlns="' +
    EM_NAMESPACE +
    '" ' +
    XSD_XSI;
  if (status < 500) return head + " />\n";
  return (
    head +
    ">\n" +
    INDENT +
    "<FirstChanceExceptionMessage>" +
    escapeText(message) +
    "</FirstChanceExceptionMessage>\n</Error>\n"
  );
}
