/** Free space as a percentage of capacity, to two decimals; null without a capacity or a free space. */
export function freeSpacePercent(
  capacity: number | null | undefined,
  free: number | null | undefined,
): number | null {
  if (!capacity || free === null || free === undefined) return null;
  return Math.round((free / capacity) * 10000) / 100;
}
