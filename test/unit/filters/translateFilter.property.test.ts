import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { operatorsOf, type FilterOperator } from "../../../src/filters/filterOperators.js";
import type { QueryEntity, QueryField } from "../../../src/filters/QueryField.js";
import { translateFilter } from "../../../src/filters/translateFilter.js";
import { CDP_REPLICA_TASK_SESSION } from "../../../src/modules/cdp-replica-task-session/cdp-replica-task-session.entity.js";
const CDP_REPLICA_TASK_SESSION_QUERY = CDP_REPLICA_TASK_SESSION.query;
import { REPLICA_JOB_SESSION } from "../../../src/modules/replica-job-session/replica-job-session.entity.js";
const REPLICA_JOB_SESSION_QUERY = REPLICA_JOB_SESSION.query;
import { compileFilter } from "../../../src/simulator/query/compileFilter.js";

/*
 * The translator against an independent reading of the GraphQL filter. Random filter trees (every operator
 * of every kind, and/or/not nesting, hostile strings, empty lists and objects, nulls) and random rows with
 * absent values; the simulator's parser and evaluator, given the translated text as it arrives over the wire
 * (encodeURIComponent, then decodeURIComponent), must select exactly the rows that `evaluate` below selects.
 *
 * `evaluate` is SQL's three-valued logic written out: a comparison with an absent value is UNKNOWN, NOT
 * UNKNOWN is UNKNOWN, and only TRUE selects. Strings compare case-insensitively (lower-cased, then by
 * UTF-16 code unit, the simulator's documented order), enums by their ordinal, times by instant, UIDs by
 * their GUID. Two entity types cover all six kinds and both spellings of the id and time fields.
 */

type Truth = boolean | null; // null = UNKNOWN
type Filter = { [key: string]: unknown };
type Row = Record<string, unknown>;

const and3 = (values: Truth[]): Truth =>
  values.includes(false) ? false : values.includes(null) ? null : true;
const or3 = (values: Truth[]): Truth => (values.includes(true) ? true : values.includes(null) ? null : false);
const not3 = (value: Truth): Truth => (value === null ? null : !value);

/** -1/0/1 for two present values of a field. */
function compare(field: QueryField, a: unknown, b: unknown): number {
  const order = <T>(x: T, y: T) => (x < y ? -1 : x > y ? 1 : 0);
  switch (field.kind) {
    case "string":
      return order((a as string).toLowerCase(), (b as string).toLowerCase());
    case "uid":
      return order(guidOf(a as string), guidOf(b as string));
    case "long":
      return order(a as number, b as number);
    case "dateTime":
      return order((a as Date).getTime(), (b as Date).getTime());
    case "boolean":
      return order(Number(a), Number(b));
    case "enum": {
      const ordinals = Object.values(field.values);
      return order(ordinals.indexOf(a as string), ordinals.indexOf(b as string));
    }
  }
}

const guidOf = (uid: string) => uid.slice(uid.lastIndexOf(":") + 1).toLowerCase();

function evaluateOperator(
  field: QueryField,
  operator: FilterOperator,
  operand: unknown,
  value: unknown,
): Truth {
  const comparison = (accept: (order: number) => boolean): Truth =>
    value === null || value === undefined ? null : accept(compare(field, value, operand));
  switch (operator) {
    case "eq":
      return comparison((o) => o === 0);
    case "ne":
      return comparison((o) => o !== 0);
    case "lt":
      return comparison((o) => o < 0);
    case "lte":
      return comparison((o) => o <= 0);
    case "gt":
      return comparison((o) => o > 0);
    case "gte":
      return comparison((o) => o >= 0);
    case "in":
      return or3((operand as unknown[]).map((item) => evaluateOperator(field, "eq", item, value)));
    case "notIn":
      return not3(evaluateOperator(field, "in", operand, value));
  }
}

function evaluate(entity: QueryEntity, filter: Filter, row: Row): Truth {
  const parts: Truth[] = [];
  for (const [name, field] of Object.entries(entity.fields)) {
    const operators = filter[name] as Record<string, unknown> | null | undefined;
    if (operators === null || operators === undefined) continue;
    for (const [operator, operand] of Object.entries(operators)) {
      parts.push(evaluateOperator(field, operator as FilterOperator, operand, row[field.emField]));
    }
  }
  if (Array.isArray(filter.and)) parts.push(and3(filter.and.map((f: Filter) => evaluate(entity, f, row))));
  if (Array.isArray(filter.or)) parts.push(or3(filter.or.map((f: Filter) => evaluate(entity, f, row))));
  if (filter.not) parts.push(not3(evaluate(entity, filter.not as Filter, row)));
  return and3(parts);
}

// ---- generators -----------------------------------------------------------------------------------------

/** Strings that matter to EM's grammar, URL encoding, case folding and our quoting. */
const HOSTILE = [
  "",
  "a",
  "A",
  "b",
  "web 01",
  "WEB 01",
  'say "hi"',
  '"',
  '""',
  '";Name!="',
  ";",
  ",",
  "(",
  ")",
  "a==b",
  "x;y,z",
  "&filter=Name==x",
  "100%",
  "%22",
  "a+b",
  " ",
  "Zürich",
  "ZÜRICH",
  "東京",
  "🦀",
  "_",
  "z",
  "Z",
];
const stringValue = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({
    unit: fc.constantFrom(
      "a",
      "B",
      '"',
      ";",
      ",",
      "(",
      ")",
      "=",
      "!",
      "<",
      ">",
      "&",
      "%",
      "+",
      " ",
      "ü",
      "Ü",
      "\u00a0",
    ),
    maxLength: 6,
  }),
);

const GUIDS = [
  "6b872a71-51e8-437a-8d45-5c6494b92f3f",
  "d05b25d0-c55c-41dd-b1e3-cd7e454a1937",
  "00000000-0000-4000-8000-000000000001",
];
const TIMES = [
  "2021-06-15T00:00:00Z",
  "2021-06-15T00:00:00.001Z",
  "2021-06-15T12:31:30.389Z",
  "2021-06-16T00:00:00Z",
  "1999-12-31T23:59:59.999Z",
  "2025-08-14T12:31:30.5Z",
].map((iso) => new Date(iso).getTime());
const LONGS = [-1, 0, 1, 2, 2 ** 31, 17179869184, Number.MAX_SAFE_INTEGER];

/** A row value of the field's kind, as EM data holds it (UIDs as lower-case URNs, enums in EM spelling). */
function rowValue(field: QueryField): fc.Arbitrary<unknown> {
  switch (field.kind) {
    case "string":
      return stringValue;
    case "uid":
      return fc.constantFrom(...GUIDS).map((guid) => `urn:veeam:${field.uidType}:${guid}`);
    case "long":
      return fc.constantFrom(...LONGS);
    case "dateTime":
      return fc.constantFrom(...TIMES).map((ms) => new Date(ms));
    case "boolean":
      return fc.boolean();
    case "enum":
      return fc.constantFrom(...Object.values(field.values));
  }
}

/** A filter operand of the field's kind, as GraphQL delivers it (UIDs also as bare or upper-case GUIDs). */
function operand(field: QueryField): fc.Arbitrary<unknown> {
  if (field.kind !== "uid") return rowValue(field);
  return fc
    .tuple(fc.constantFrom(...GUIDS), fc.constantFrom("bare", "urn", "URN"))
    .map(([guid, form]) =>
      form === "bare"
        ? guid
        : form === "urn"
          ? `urn:veeam:${field.uidType}:${guid}`
          : `URN:VEEAM:${field.uidType}:${guid.toUpperCase()}`,
    );
}

function operators(field: QueryField): fc.Arbitrary<Record<string, unknown>> {
  const all = operatorsOf(field.kind);
  // Empty lists are rare but present: `in: []` makes a whole AND group match nothing.
  const list = fc.oneof(
    { weight: 1, arbitrary: fc.constant([]) },
    { weight: 10, arbitrary: fc.array(operand(field), { minLength: 1, maxLength: 3 }) },
  );
  return fc
    .subarray([...all], { minLength: 1, maxLength: 2 })
    .chain((chosen) =>
      fc.record(
        Object.fromEntries(chosen.map((op) => [op, op === "in" || op === "notIn" ? list : operand(field)])),
      ),
    );
}

function filterOf(entity: QueryEntity, depth: number): fc.Arbitrary<Filter> {
  const fields = fc.oneof(
    { weight: 1, arbitrary: fc.constant({}) }, // an empty filter: no condition
    {
      weight: 9,
      arbitrary: fc
        .subarray(Object.keys(entity.fields), { minLength: 1, maxLength: 2 })
        .chain((names) =>
          fc.record(Object.fromEntries(names.map((name) => [name, operators(entity.fields[name])]))),
        ),
    },
  );
  if (depth === 0) return fields;
  const sub = filterOf(entity, depth - 1);
  // Each logical key is left out half the time, which keeps most filters small enough to select something.
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { freq: 2, nil: undefined });
  return fc
    .tuple(
      fields,
      maybe(fc.array(sub, { maxLength: 2 })),
      maybe(fc.array(sub, { maxLength: 2 })),
      maybe(sub),
      fc.constantFrom(undefined, null),
    )
    .map(([base, and, or, not, nothing]) => ({
      ...base,
      ...(and !== undefined && { and }),
      ...(or !== undefined && { or }),
      // `not: null` (a client passing an unset variable) must mean "no not".
      ...(not !== undefined ? { not } : nothing === null ? { not: null } : {}),
    }));
}

function rowOf(entity: QueryEntity): fc.Arbitrary<Row> {
  return fc.record(
    Object.fromEntries(
      Object.values(entity.fields).map((field) => [
        field.emField,
        fc.oneof({ weight: 4, arbitrary: rowValue(field) }, fc.constant(null), fc.constant(undefined)),
      ]),
    ),
  );
}

// ---- the property ---------------------------------------------------------------------------------------

describe.each([
  ["CdpReplicaTaskSession", CDP_REPLICA_TASK_SESSION_QUERY],
  ["ReplicaJobSession", REPLICA_JOB_SESSION_QUERY],
])("%s: the simulator selects what the GraphQL filter means", (_, entity) => {
  it("for random filters and rows", () => {
    let expressions = 0;
    const runs = 1000;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }).chain((depth) => filterOf(entity, depth)),
        fc.array(rowOf(entity), { minLength: 1, maxLength: 30 }),
        (filter, rows) => {
          const expected = rows.filter((row) => evaluate(entity, filter, row) === true);
          const translated = translateFilter(filter, entity, ["filter"]);
          let selected: Row[];
          switch (translated.kind) {
            case "all":
              selected = rows;
              break;
            case "none":
              selected = [];
              break;
            case "expression": {
              expressions++;
              const wire = decodeURIComponent(encodeURIComponent(translated.text));
              selected = rows.filter(compileFilter(entity.queryType, wire));
              break;
            }
          }
          expect(selected).toEqual(expected);
        },
      ),
      { numRuns: runs },
    );
    // Guard against a generator that only ever folds to all/none.
    expect(expressions).toBeGreaterThan(runs / 2);
  });
});
