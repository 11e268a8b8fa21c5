import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { median, pairedRatio, percentile, ratio, summarize } from "../../bench/stats.js";

describe("bench statistics", () => {
  it("interpolates percentiles between closest ranks", () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10], 95)).toBe(10);
    expect(percentile([5, 1, 4, 2, 3], 0)).toBe(1);
    expect(percentile([5, 1, 4, 2, 3], 100)).toBe(5);
    // rank 0.95 × 19 = 18.05 between the 19th (19) and 20th (20) values
    expect(
      percentile(
        Array.from({ length: 20 }, (_, i) => i + 1),
        95,
      ),
    ).toBeCloseTo(19.05, 10);
    expect(median([3, 1, 2])).toBe(2);
  });

  it("rejects empty series, NaN and p outside [0, 100]", () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
    expect(() => percentile([1, Number.NaN], 50)).toThrow(RangeError);
  });

  it("does not reorder the caller's array", () => {
    const samples = [3, 1, 2];
    summarize(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it("summarizes: min ≤ median ≤ p95 ≤ max, for any series", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }),
        (xs) => {
          const s = summarize(xs);
          expect(s.n).toBe(xs.length);
          expect(s.min).toBeLessThanOrEqual(s.median);
          expect(s.median).toBeLessThanOrEqual(s.p95);
          expect(s.p95).toBeLessThanOrEqual(s.max);
        },
      ),
    );
  });

  it("pairs ratios per iteration, so a slow iteration on both sides cancels out", () => {
    // Iteration 3 is slowed 10× for both sides; the paired ratio stays 1.1.
    expect(pairedRatio([11, 22, 330, 44, 55], [10, 20, 300, 40, 50])).toBeCloseTo(1.1, 10);
    expect(() => pairedRatio([1, 2], [1])).toThrow(RangeError);
    expect(() => pairedRatio([1], [0])).toThrow(RangeError);
  });

  it("gives no ratio for a non-positive denominator", () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(3, 0)).toBeNull();
  });
});
