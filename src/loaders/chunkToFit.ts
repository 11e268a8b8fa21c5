/**
 * Splits `items` (in order) into the fewest consecutive chunks that each satisfy `fits`, which must be
 * monotonic (if a chunk fits, so does every shorter prefix of it). Used to keep query URLs under EM's
 * length cap: the ids of one batch render to comparisons of equal length, so greedy filling is optimal.
 *
 * Each chunk's length is found by doubling then bisecting, so a batch of n items costs O(n log n) calls of
 * `fits` rather than O(n²). A single item that does not fit still gets a chunk of its own; EM's answer
 * then decides.
 */
export function chunkToFit<T>(items: readonly T[], fits: (chunk: readonly T[]) => boolean): T[][] {
  const chunks: T[][] = [];
  let start = 0;
  while (start < items.length) {
    const remaining = items.length - start;
    const fitsCount = (count: number) => fits(items.slice(start, start + count));
    // `good`: a count known to fit (1 is taken as given, see above); `bad`: a count known not to.
    let good = 1;
    let bad = remaining + 1;
    for (let probe = 2; probe <= remaining; probe *= 2) {
      if (!fitsCount(probe)) {
        bad = probe;
        break;
      }
      good = probe;
    }
    if (bad === remaining + 1 && good < remaining) {
      if (fitsCount(remaining)) good = remaining;
      else bad = remaining;
    }
    while (bad - good > 1) {
      const middle = Math.floor((good + bad) / 2);
      if (fitsCount(middle)) good = middle;
      else bad = middle;
    }
    chunks.push(items.slice(start, start + good));
    start += good;
  }
  return chunks;
}
