/** Longest part of a client's input repeated in an error message. */
const MAX_ECHOED_CHARS = 64;

/**
 * A client-supplied string as an error message quotes it: JSON-quoted, cut to its first 64 characters with
 * the full length said, so a megabyte of garbage in an argument does not come back as a megabyte of error.
 */
export function echoInput(value: string): string {
  if (value.length <= MAX_ECHOED_CHARS) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, MAX_ECHOED_CHARS))}… (${value.length} characters)`;
}
