/**
 * Cursors are the zero-based offset of an item in the ordered, filtered list, wrapped so that clients
 * treat them as opaque (`o:<offset>` in base64url). An offset maps straight onto EM's `page`/`pageSize`.
 */

const PREFIX = "o:";

/** The cursor of the item at `offset`. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`${PREFIX}${offset}`, "utf8").toString("base64url");
}

/** The offset inside a cursor, or undefined when the text is not a cursor this gateway issued. */
export function decodeCursor(cursor: string): number | undefined {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(cursor)) return undefined;
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  if (!text.startsWith(PREFIX)) return undefined;
  const digits = text.slice(PREFIX.length);
  if (!/^\d{1,12}$/.test(digits)) return undefined;
  return Number(digits);
}
