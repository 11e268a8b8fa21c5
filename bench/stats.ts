/**
 * Order statistics for benchmark samples. Pure. The machine the benchmark runs on is shared and noisy, so
 * the report shows medians and p95 and ratios of medians taken in the same process, never single times.
 */

/** A summary of one series of samples (milliseconds, or any unit: the functions do not care). */
export interface Summary {
  readonly n: number;
  readonly min: number;
  readonly median: number;
  readonly p95: number;
  readonly max: number;
  readonly mean: number;
}

/**
 * The `p`-th percentile (0 ≤ p ≤ 100) of `samples` by linear interpolation between closest ranks (the
 * method of NumPy's default and of Excel's PERCENTILE.INC). Throws RangeError on an empty series or a `p`
 * outside [0, 100]; NaN samples are a caller bug and also throw.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError("percentile of an empty series");
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile p must be in [0, 100]; got ${p}`);
  if (samples.some((value) => Number.isNaN(value))) throw new RangeError("percentile of a series with NaN");
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

/** The median (50th percentile, the mean of the two middle values for an even count). */
export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** n, min, median, p95, max and mean of a non-empty series. */
export function summarize(samples: readonly number[]): Summary {
  const median50 = median(samples);
  return {
    n: samples.length,
    min: Math.min(...samples),
    median: median50,
    p95: percentile(samples, 95),
    max: Math.max(...samples),
    mean: samples.reduce((sum, value) => sum + value, 0) / samples.length,
  };
}

/**
 * The median of the per-iteration ratios `numerator[i] / denominator[i]` of two series measured in
 * alternation. Noise that slows one whole iteration (another process taking the CPU) slows both sides of
 * it, so this "paired" ratio is steadier than a ratio of medians on a shared machine. Throws RangeError
 * when the series differ in length, are empty, or a denominator is not positive.
 */
export function pairedRatio(numerator: readonly number[], denominator: readonly number[]): number {
  if (numerator.length !== denominator.length || numerator.length === 0) {
    throw new RangeError(
      `pairedRatio needs two non-empty series of equal length; got ${numerator.length} and ${denominator.length}`,
    );
  }
  if (denominator.some((value) => !(value > 0))) throw new RangeError("pairedRatio denominators must be > 0");
  return median(numerator.map((value, index) => value / denominator[index]!));
}

/** `a / b`, or null when `b` is not positive (a ratio of nothing is not 0 or Infinity, it is absent). */
export function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}
