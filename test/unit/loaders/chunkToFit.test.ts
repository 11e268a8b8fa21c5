import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chunkToFit } from "../../../src/loaders/chunkToFit.js";

describe("chunkToFit", () => {
  it("makes the fewest in-order chunks under a length budget", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 30 }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 400 }),
        (items, budget) => {
          let calls = 0;
          const length = (chunk: readonly string[]) => chunk.join(",").length;
          const chunks = chunkToFit(items, (chunk) => {
            calls += 1;
            return length(chunk) <= budget;
          });
          expect(chunks.flat()).toEqual(items);
          chunks.forEach((chunk, index) => {
            expect(chunk.length).toBeGreaterThan(0);
            if (chunk.length > 1) expect(length(chunk)).toBeLessThanOrEqual(budget);
            const next = chunks[index + 1];
            // Greedy maximality: the next item would not have fitted.
            if (next) expect(length([...chunk, next[0]!])).toBeGreaterThan(budget);
          });
          expect(calls).toBeLessThanOrEqual(
            Math.max(1, items.length) * 3 * Math.ceil(Math.log2(items.length + 2)),
          );
        },
      ),
    );
  });

  it("returns no chunks for no items", () => {
    expect(chunkToFit([], () => true)).toEqual([]);
  });
});
