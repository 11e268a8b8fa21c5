import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergeSiteRows, type SiteRows } from "../../../src/loaders/mergeSiteRows.js";
import {
  decodeSiteCursor,
  encodeSiteCursor,
  positionOf,
  type SitePositions,
} from "../../../src/loaders/siteCursor.js";

/*
 * The merge behind lists spanning several sites. Paging through a merged list page by page, each page read
 * from the positions the previous one ended at (as the gateway does, through the cursor), must give the
 * same rows in the same order as one merge of the whole lists: that is what makes paging exact however the
 * sites' rows interleave.
 */

interface Row {
  readonly key: number;
  readonly site: string;
  readonly index: number;
}

// "constructor": a site's name is data, never a property every object has.
const SITES = ["paris", "tokyo", "constructor"];
const byKey = (a: Row, b: Row) => a.key - b.key;

/** Each site's whole list, sorted by key (ties included, as EM's order has them). */
const siteLists = fc
  .array(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 25 }), { minLength: 1, maxLength: 3 })
  .map((lists) =>
    lists.map((keys, s) => ({
      site: SITES[s]!,
      rows: [...keys].sort((a, b) => a - b).map((key, index) => ({ key, site: SITES[s]!, index })),
    })),
  );

describe("mergeSiteRows", () => {
  it("pages through the merged list exactly: the pages joined are the whole merge", () => {
    fc.assert(
      fc.property(siteLists, fc.integer({ min: 1, max: 9 }), (lists, first) => {
        const whole = mergeSiteRows(lists, byKey, Number.MAX_SAFE_INTEGER, {}).map((m) => m.row);
        const paged: Row[] = [];
        let positions: SitePositions = {};
        for (let page = 0; page < 100; page++) {
          // Each site's next `first` rows from its own position, as `fetchConnection` reads them.
          const window: SiteRows<Row>[] = lists.map(({ site, rows }) => {
            const from = positionOf(positions, site);
            return { site, rows: rows.slice(from, from + first) };
          });
          const merged = mergeSiteRows(window, byKey, first, positions);
          if (merged.length === 0) break;
          paged.push(...merged.map((m) => m.row));
          // Through the cursor, as a client hands it back.
          positions = decodeSiteCursor(encodeSiteCursor(merged.at(-1)!.positions))!;
        }
        expect(paged).toEqual(whole);
        expect(whole).toHaveLength(lists.reduce((sum, list) => sum + list.rows.length, 0));
      }),
      { numRuns: 500 },
    );
  });

  it("keeps the order: keys never go back, each site's rows stay in its order, ties go to the earlier site", () => {
    fc.assert(
      fc.property(siteLists, (lists) => {
        const merged = mergeSiteRows(lists, byKey, Number.MAX_SAFE_INTEGER, {}).map((m) => m.row);
        for (let i = 1; i < merged.length; i++) {
          const [a, b] = [merged[i - 1]!, merged[i]!];
          expect(a.key).toBeLessThanOrEqual(b.key);
          if (a.key === b.key && a.site !== b.site)
            expect(SITES.indexOf(a.site)).toBeLessThan(SITES.indexOf(b.site));
        }
        for (const { site } of lists) {
          const indexes = merged.filter((row) => row.site === site).map((row) => row.index);
          expect(indexes).toEqual(indexes.map((_, i) => i));
        }
      }),
    );
  });

  it("counts each site's rows into the positions it hands out", () => {
    const lists = [
      { site: "paris", rows: [{ key: 1 }, { key: 4 }] },
      { site: "tokyo", rows: [{ key: 2 }, { key: 3 }] },
    ];
    const merged = mergeSiteRows(lists, (a, b) => a.key - b.key, 3, { paris: 10 });
    expect(merged.map((m) => [m.site, m.row.key, m.positions])).toEqual([
      ["paris", 1, { paris: 11 }],
      ["tokyo", 2, { paris: 11, tokyo: 1 }],
      ["tokyo", 3, { paris: 11, tokyo: 2 }],
    ]);
  });
});

describe("site cursors", () => {
  it("round-trip positions and refuse what this gateway did not issue", () => {
    const cursor = encodeSiteCursor({ paris: 3, "tokyo-2": 120, lima: 0 });
    expect(decodeSiteCursor(cursor)).toEqual({ paris: 3, "tokyo-2": 120 });
    expect(decodeSiteCursor(encodeSiteCursor({}))).toEqual({});
    const forge = (text: string) => Buffer.from(text, "utf8").toString("base64url");
    for (const bad of [
      forge("o:12"),
      forge("s:paris=1,paris=2"),
      forge("s:paris=-1"),
      forge("s:par is=1"),
      forge("s:paris=1234567890123"),
      forge("s:__proto__=1"),
      "not base64!",
      "x".repeat(5000),
    ])
      expect(decodeSiteCursor(bad), bad.slice(0, 30)).toBeUndefined();
  });
});
