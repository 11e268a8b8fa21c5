/** A value read back from the cache is this entity's row for this id (Redis is shared: trust nothing). */
export function isRowOf(value: unknown, typeName: string, id: string): boolean {
  if (typeof value !== "object" || value === null) return false;
  const row = value as Record<string, unknown>;
  return row["__typename"] === typeName && row["id"] === id;
}
