import { GUID } from "../ids/guid.js";
import { FilterInputError } from "./FilterInputError.js";

// Only the shape is matched here; the type and the GUID are checked separately to name the problem.
const URN = /^urn:veeam:([^:]*):(.*)$/is;

/**
 * The canonical EM UID `urn:veeam:<uidType>:<guid>` for a client-supplied ID: either that URN (prefix and
 * type matched case-insensitively, as EM does) or a bare GUID, which is widened with `uidType`. The GUID is
 * lower-cased, the spelling EM itself emits, so the result compares equal however EM compares UIDs.
 *
 * Throws `FilterInputError` at `path` for a URN of another type (an ID of a job where a job session is
 * wanted can only be a client mistake, and EM would silently match nothing) and for anything that is not
 * a GUID: such values must never reach the filter text, where they would be free text.
 */
export function normalizeUid(value: unknown, uidType: string, path: readonly (string | number)[]): string {
  if (typeof value !== "string") {
    throw new FilterInputError(path, `expected an ID string, got ${describeType(value)}`);
  }
  const urn = URN.exec(value);
  const guid = urn ? urn[2] : value;
  if (urn && urn[1].toLowerCase() !== uidType.toLowerCase()) {
    throw new FilterInputError(
      path,
      `expected the UID of a ${uidType} (urn:veeam:${uidType}:<guid> or a bare GUID), got a urn:veeam:${urn[1]} UID`,
    );
  }
  if (!GUID.test(guid)) {
    throw new FilterInputError(
      path,
      `expected a ${uidType} UID (urn:veeam:${uidType}:<guid> or a bare GUID such as ` +
        `00000000-0000-0000-0000-000000000000); "${guid.slice(0, 40)}" is not a GUID`,
    );
  }
  return `urn:veeam:${uidType}:${guid.toLowerCase()}`;
}

/** A short name of a run-time type for messages (`null`, `array`, `number`, …). */
export function describeType(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
}
