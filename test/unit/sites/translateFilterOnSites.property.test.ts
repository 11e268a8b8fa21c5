import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FilterInputError } from "../../../src/filters/FilterInputError.js";
import { translateFilter } from "../../../src/filters/translateFilter.js";
import { REPLICA_JOB_SESSION } from "../../../src/modules/replica-job-session/replica-job-session.entity.js";
import { compileFilter } from "../../../src/simulator/query/compileFilter.js";

/*
 * Filters on a gateway of several sites. A list over the sites translates its filter once per site; ids in
 * it may name a site (`…@paris`). Each site's EM, given its translation (here the simulator's parser and
 * evaluator), must select exactly the rows of that site the filter means, with SQL's three-valued logic:
 * an id equals a row's value when the GUIDs match and the id's site is the row's (an id without a site is
 * the `default` site's when there is one, any site's otherwise), and any comparison with an absent value is
 * UNKNOWN, `!=` included.
 */

type Truth = boolean | null;
type Row = Record<string, unknown> & { site: string };
type Filter = Record<string, unknown>;

const entity = REPLICA_JOB_SESSION.query;
const FIELDS = { id: ["UID", "ReplicaJobSession"], jobUid: ["JobUid", "Job"] } as const;
const GUIDS = ["0b7e8f7a-1111-4c2d-9e3f-0a1b2c3d4e01", "0b7e8f7a-2222-4c2d-9e3f-0a1b2c3d4e02"];

const and3 = (v: Truth[]): Truth => (v.includes(false) ? false : v.includes(null) ? null : true);
const or3 = (v: Truth[]): Truth => (v.includes(true) ? true : v.includes(null) ? null : false);
const not3 = (v: Truth): Truth => (v === null ? null : !v);

function equalOnSite(operand: string, value: unknown, row: Row, sites: readonly string[]): Truth {
  if (value === null || value === undefined) return null;
  const at = operand.lastIndexOf("@");
  const named = at < 0 ? undefined : operand.slice(at + 1).toLowerCase();
  const guid = (at < 0 ? operand : operand.slice(0, at)).slice(-36).toLowerCase();
  const site = named ?? (sites.includes("default") ? "default" : row.site);
  return site === row.site && guid === String(value).slice(-36);
}

function evaluate(filter: Filter, row: Row, sites: readonly string[]): Truth {
  const parts: Truth[] = [];
  for (const [name, [emField]] of Object.entries(FIELDS)) {
    const operators = filter[name] as Record<string, unknown> | undefined;
    if (!operators) continue;
    const value = row[emField];
    const eq = (operand: unknown) => equalOnSite(operand as string, value, row, sites);
    for (const [operator, operand] of Object.entries(operators)) {
      if (operator === "eq") parts.push(eq(operand));
      if (operator === "ne") parts.push(not3(eq(operand)));
      if (operator === "in") parts.push(or3((operand as unknown[]).map(eq)));
      if (operator === "notIn") parts.push(not3(or3((operand as unknown[]).map(eq))));
    }
  }
  if (Array.isArray(filter["and"]))
    parts.push(and3(filter["and"].map((f: Filter) => evaluate(f, row, sites))));
  if (Array.isArray(filter["or"])) parts.push(or3(filter["or"].map((f: Filter) => evaluate(f, row, sites))));
  if (filter["not"]) parts.push(not3(evaluate(filter["not"] as Filter, row, sites)));
  return and3(parts);
}

function idValue(sites: readonly string[], uidType: string): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(...GUIDS),
      fc.constantFrom("bare", "urn"),
      fc.constantFrom(undefined, ...sites, ...sites.map((site) => site.toUpperCase())),
    )
    .map(
      ([guid, form, site]) =>
        `${form === "urn" ? `urn:veeam:${uidType}:` : ""}${guid}${site ? `@${site}` : ""}`,
    );
}

function filterOf(sites: readonly string[], depth: number): fc.Arbitrary<Filter> {
  const operators = (uidType: string) =>
    fc.record(
      {
        eq: idValue(sites, uidType),
        ne: idValue(sites, uidType),
        in: fc.array(idValue(sites, uidType), { maxLength: 3 }),
        notIn: fc.array(idValue(sites, uidType), { maxLength: 3 }),
      },
      { requiredKeys: [] },
    );
  const fields = fc.record(
    Object.fromEntries(Object.entries(FIELDS).map(([name, [, uidType]]) => [name, operators(uidType)])),
    { requiredKeys: [] },
  );
  if (depth === 0) return fields;
  const sub = filterOf(sites, depth - 1);
  return fc
    .tuple(
      fields,
      fc.option(fc.array(sub, { maxLength: 2 }), { nil: undefined }),
      fc.option(sub, { nil: undefined }),
    )
    .map(([base, or, not]) => ({ ...base, ...(or && { or }), ...(not && { not }) }));
}

function rowsOf(sites: readonly string[]): fc.Arbitrary<Row[]> {
  const uid = (uidType: string) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...GUIDS).map((guid) => `urn:veeam:${uidType}:${guid}`) },
      fc.constant(null),
    );
  return fc.array(
    fc.record({ site: fc.constantFrom(...sites), UID: uid("ReplicaJobSession"), JobUid: uid("Job") }),
    { minLength: 1, maxLength: 20 },
  );
}

describe.each([
  ["two named sites (an id without a site: any site)", ["paris", "tokyo"]],
  ["a default site and another (an id without a site: the default one)", ["default", "tokyo"]],
])("a filter translated per site, %s", (_, sites) => {
  it("selects on each site exactly the rows the filter means there", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }).chain((depth) => filterOf(sites, depth)),
        rowsOf(sites),
        (filter, rows) => {
          for (const site of sites) {
            const here = rows.filter((row) => row.site === site);
            const expected = here.filter((row) => evaluate(filter, row, sites) === true);
            const translated = translateFilter(filter, entity, ["filter"], { name: site, names: sites });
            const selected =
              translated.kind === "all"
                ? here
                : translated.kind === "none"
                  ? []
                  : here.filter(
                      compileFilter(
                        entity.queryType,
                        decodeURIComponent(encodeURIComponent(translated.text)),
                      ),
                    );
            expect(selected).toEqual(expected);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe("ids naming sites in filters", () => {
  const sites = { name: "paris", names: ["paris", "tokyo"] };
  const guid = GUIDS[0]!;

  it("costs a site nothing when the filter can only match on another", () => {
    expect(translateFilter({ jobUid: { eq: `${guid}@tokyo` } }, entity, ["filter"], sites)).toEqual({
      kind: "none",
    });
    expect(
      translateFilter({ jobUid: { in: [`${guid}@tokyo`, `${guid}@Paris`] } }, entity, ["filter"], sites),
    ).toEqual({
      kind: "expression",
      text: `JobUid=="urn:veeam:Job:${guid}"`,
    });
  });

  it("refuses a site nobody configured, with the path, and ids with a site where no site is expected", () => {
    const refused = (site?: { name: string; names: string[] }) => {
      try {
        translateFilter({ or: [{ jobUid: { eq: `${guid}@lima` } }] }, entity, ["filter"], site);
      } catch (error) {
        return error as FilterInputError;
      }
      throw new Error("not refused");
    };
    expect(refused(sites)).toMatchObject({
      argumentPath: ["filter", "or", 0, "jobUid", "eq"],
      message: expect.stringContaining('names the site "lima"'),
    });
    expect(refused().message).toContain("which this gateway does not serve");
  });
});
