import { FilterInputError } from "./FilterInputError.js";
import { describeType, normalizeUid } from "./normalizeUid.js";
import type { QueryField } from "./QueryField.js";
import { UnreachableCaseError } from "./UnreachableCaseError.js";

/**
 * Writes one comparison value as an EM filter literal that EM reads as exactly that value and nothing more:
 *
 * - string: always double-quoted with `"` doubled, so `;` `,` `(` `)` `==` `&` `%` `+`, spaces and
 *   non-ASCII are data. (Unquoted, EM drops spaces and `;`/`,` would split the expression.)
 * - uid: the full URN, quoted (see `normalizeUid`).
 * - dateTime: ISO 8601 in UTC with `Z`, quoted, milliseconds only when non-zero.
 * - long: a plain integer; enum: EM's spelling (an identifier, unquoted as in EM's docs); boolean:
 *   `true`/`false`.
 *
 * `&`, `%` and `+` are harmless here only because the caller URL-encodes the whole expression once; the
 * returned text is not encoded. Throws `FilterInputError` at `path` for a value of the wrong run-time type
 * or one EM cannot represent.
 */
export function writeEmValue(field: QueryField, value: unknown, path: readonly (string | number)[]): string {
  switch (field.kind) {
    case "string":
      if (typeof value !== "string") {
        throw new FilterInputError(path, `expected a string, got ${describeType(value)}`);
      }
      return quoteEmString(value, path);
    case "uid":
      return `"${normalizeUid(value, field.uidType, path)}"`;
    case "dateTime":
      return `"${writeUtcInstant(value, path)}"`;
    case "long":
      if (typeof value !== "number" || !Number.isSafeInteger(value)) {
        throw new FilterInputError(
          path,
          `expected an integer between -(2^53-1) and 2^53-1, got ${String(value)}`,
        );
      }
      // String(-0) is "0"; safe integers never print in exponent notation.
      return String(value);
    case "boolean":
      if (typeof value !== "boolean") {
        throw new FilterInputError(path, `expected a boolean, got ${describeType(value)}`);
      }
      return value ? "true" : "false";
    case "enum":
      // GraphQL has already mapped the enum name to its runtime value, EM's spelling; anything else here
      // came around the schema and must not be written unquoted into the filter.
      if (typeof value !== "string" || !Object.values(field.values).includes(value)) {
        throw new FilterInputError(
          path,
          `expected one of ${Object.values(field.values).join(", ")}, got ${JSON.stringify(value)?.slice(0, 40)}`,
        );
      }
      return value;
    default:
      throw new UnreachableCaseError(field);
  }
}

/**
 * Quotes `text` as an EM string literal: `"` around it, every embedded `"` doubled.
 *
 * Rejects what EM cannot carry: C0 control characters and DEL (EM's grammar has no escape for them, and
 * EM echoes the filter into the XML of its `PagingInfo` links, where XML 1.0 forbids most of them), the
 * XML non-characters U+FFFE and U+FFFF for the same reason, and lone surrogates (no UTF-8 encoding exists,
 * so `encodeURIComponent` cannot send them).
 */
export function quoteEmString(text: string, path: readonly (string | number)[]): string {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit <= 0x1f || unit === 0x7f || unit === 0xfffe || unit === 0xffff) {
      throw new FilterInputError(
        path,
        `the string contains the character U+${hex4(unit)} at index ${i}, which EM's query syntax cannot carry`,
      );
    }
    if (unit >= 0xd800 && unit <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++; // a well-formed surrogate pair, i.e. one astral character
        continue;
      }
      throw new FilterInputError(path, `the string contains a lone surrogate U+${hex4(unit)} at index ${i}`);
    }
  }
  return `"${text.replaceAll('"', '""')}"`;
}

/**
 * `2021-06-15T00:00:00Z`, `2021-06-15T00:00:00.5Z`: the instant in UTC. Fractional seconds are trimmed of
 * trailing zeros like EM's own output. Years outside 1–9999 are rejected: .NET's DateTime, which EM parses
 * into, has no others, and `toISOString` would write them in a six-digit form EM does not read.
 */
function writeUtcInstant(value: unknown, path: readonly (string | number)[]): string {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new FilterInputError(path, `expected a DateTime, got ${describeType(value)}`);
  }
  const year = value.getUTCFullYear();
  if (year < 1 || year > 9999) {
    throw new FilterInputError(path, `the year ${year} is outside 1–9999, the range EM can store`);
  }
  return value.toISOString().replace(/\.?0*Z$/, "Z");
}

function hex4(unit: number): string {
  return unit.toString(16).toUpperCase().padStart(4, "0");
}
