/**
 * Splits `items` (in order) into the fewest consecutive chunks whose rendered text, once URL-encoded,
 * stays within `budget` characters. `render` turns a chunk into the text that will be encoded.
 *
 * EM (behind HTTP.sys on Windows) rejects over-long URLs, so a batch of ids must be split; since the ids of
 * one batch render to comparisons of equal length, greedy filling is optimal. An item that alone exceeds
 * the budget still gets a chunk of its own, and EM's answer decides.
 */
export function chunkByEncodedLength<T>(
  items: readonly T[],
  render: (chunk: readonly T[]) => string,
  budget: number,
): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  for (const item of items) {
    const candidate = [...current, item];
    if (current.length > 0 && encodeURIComponent(render(candidate)).length > budget) {
      chunks.push(current);
      current = [item];
    } else {
      current = candidate;
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
