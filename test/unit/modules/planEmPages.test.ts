import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planEmPages } from "../../../src/loaders/planEmPages.js";
import { decodeCursor, encodeCursor } from "../../../src/loaders/cursor.js";

describe("planEmPages", () => {
  it("reads an aligned window as one page of exactly the window", () => {
    expect(planEmPages(100, 50, 1000)).toEqual({ pageSize: 50, firstPage: 3, pageCount: 1, skip: 0 });
  });

  it("covers an unaligned window with one slightly larger page when one exists", () => {
    expect(planEmPages(10, 50, 1000)).toEqual({ pageSize: 60, firstPage: 1, pageCount: 1, skip: 10 });
  });

  it("always covers exactly the window, with at most two pages", () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.integer({ min: 1, max: 500 }), (offset, count) => {
        const plan = planEmPages(offset, count, 1000);
        const start = (plan.firstPage - 1) * plan.pageSize;
        const end = start + plan.pageCount * plan.pageSize;
        expect(start + plan.skip).toBe(offset);
        expect(end).toBeGreaterThanOrEqual(offset + count);
        expect(plan.pageSize).toBeLessThanOrEqual(2 * count);
      }),
    );
  });
});

describe("cursors", () => {
  it("round-trip offsets and reject text this API did not issue", () => {
    fc.assert(
      fc.property(fc.nat(1e9), (offset) => {
        expect(decodeCursor(encodeCursor(offset))).toBe(offset);
      }),
    );
    expect(decodeCursor("not a cursor")).toBeUndefined();
    expect(decodeCursor(Buffer.from("o:-1").toString("base64url"))).toBeUndefined();
    expect(decodeCursor(Buffer.from("x:1").toString("base64url"))).toBeUndefined();
  });
});
