import { attribute, childText, type XmlElement } from "./xmlNodes.js";

/** What EM says in an `Error` body. */
export interface EmErrorBody {
  /** `@Message`, else the `FirstChanceExceptionMessage` child, else "". */
  readonly message: string;
  /** `@StatusCode` as a number, when present and numeric. */
  readonly statusCode: number | undefined;
}

/**
 * Reads EM's `<Error Message=".." StatusCode="nnn">` body (XSD ErrorType). Returns undefined when `el` is
 * not an `Error` element, so callers can pass any parsed error body without checking first.
 */
export function readEmError(el: XmlElement): EmErrorBody | undefined {
  if (el.name !== "Error") return undefined;
  const message = attribute(el, "Message") || childText(el, "FirstChanceExceptionMessage") || "";
  const rawStatus = attribute(el, "StatusCode");
  const statusCode = rawStatus !== undefined && /^\d+$/.test(rawStatus) ? Number(rawStatus) : undefined;
  return { message, statusCode };
}
