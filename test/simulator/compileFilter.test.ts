import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EmTime } from "../../src/simulator/data/EmTime.js";
import { compileFilter, SimulatorQueryError } from "../../src/simulator/query/compileFilter.js";

const G1 = "7445e6ce-86f5-4171-b909-dac209c66563";
const G2 = "a490c017-2c1c-40ee-8bcf-73bcce6ab36f";

const replicaTask = {
  UID: `urn:veeam:ReplicaTaskSession:${G1}`,
  Name: "ubuntu88@2025-11-03 21:00:26",
  CreationTime: new Date("2025-11-03T21:00:26.190Z"),
  EndTime: undefined,
  State: "InProgress",
  Result: "Warning",
  Reason: "",
  TotalSize: 17179869184,
  JobSessionUid: `urn:veeam:ReplicaJobSession:${G2}`,
  VmDisplayName: "Ubuntu88",
  JobName: 'Exchange "DR" Replica',
  BackupServerName: "enterprise06.tech.local",
};

const matches = (type: string, filter: string, row: Record<string, unknown> = replicaTask): boolean =>
  compileFilter(type, filter)(row);

describe("compileFilter grammar", () => {
  it("compares strings case-insensitively, quoted or not", () => {
    expect(matches("ReplicaTaskSession", 'VmDisplayName=="ubuntu88"')).toBe(true);
    expect(matches("ReplicaTaskSession", "vmdisplayname==UBUNTU88")).toBe(true);
    expect(matches("ReplicaTaskSession", "VmDisplayName!=ubuntu88")).toBe(false);
    expect(matches("ReplicaTaskSession", "VmDisplayName<ubuntu89")).toBe(true);
    expect(matches("ReplicaTaskSession", "VmDisplayName>=UBUNTU88")).toBe(true);
  });

  it("doubles quotes inside quoted values and drops spaces in unquoted ones", () => {
    expect(matches("ReplicaTaskSession", 'JobName=="Exchange ""DR"" Replica"')).toBe(true);
    expect(matches("ReplicaTaskSession", 'JobName=="Exchange "DR" Replica"'.replace(/"DR"/, '""DR""'))).toBe(
      true,
    );
    expect(matches("ReplicaTaskSession", "VmDisplayName==ubun tu88")).toBe(true);
    expect(matches("ReplicaTaskSession", 'VmDisplayName=="ubun tu88"')).toBe(false);
    expect(matches("ReplicaTaskSession", 'Name=="a;b,(c)==d"', { Name: "A;B,(C)==D" })).toBe(true);
    expect(matches("ReplicaTaskSession", ' VmDisplayName == "ubuntu88" ; Result == Warning ')).toBe(true);
  });

  it("AND binds tighter than OR; parentheses group", () => {
    // false , true ; false  →  false OR (true AND false) = false
    expect(matches("ReplicaTaskSession", "Result==Success,State==InProgress;Reason==x")).toBe(false);
    // (false , true) ; true → true
    expect(matches("ReplicaTaskSession", '(Result==Success,State==InProgress);Reason==""')).toBe(true);
    // true , anything → true
    expect(matches("ReplicaTaskSession", "State==InProgress,Result==Success;Reason==x")).toBe(true);
    expect(matches("ReplicaTaskSession", "((State==InProgress))")).toBe(true);
  });

  it("compares enums by ordinal and case-insensitively", () => {
    // Result order: None < Success < Warning < Failed
    expect(matches("ReplicaTaskSession", "Result>Success")).toBe(true);
    expect(matches("ReplicaTaskSession", "Result<Failed")).toBe(true);
    expect(matches("ReplicaTaskSession", "Result>=failed")).toBe(false);
    expect(matches("ReplicaTaskSession", "result==WARNING")).toBe(true);
    // Task state: InProgress < Pending < Completed (alphabetical order would differ)
    expect(matches("ReplicaTaskSession", "State<Completed;State<Pending")).toBe(true);
    // Session state: Stopped is first, Working after Stopping
    expect(matches("ReplicaJobSession", "State>Stopped", { State: "Working" })).toBe(true);
    expect(matches("ReplicaJobSession", "State<Stopping", { State: "Working" })).toBe(false);
    expect(
      matches("Job", "Platform>VMware;JobType>=BackupCopy", { Platform: "vCloud", JobType: "Replica" }),
    ).toBe(true);
  });

  it("matches UID fields by bare GUID or full URN, any case", () => {
    expect(matches("ReplicaTaskSession", `UID==${G1}`)).toBe(true);
    expect(matches("ReplicaTaskSession", `UID=="${G1.toUpperCase()}"`)).toBe(true);
    expect(matches("ReplicaTaskSession", `UID==urn:veeam:ReplicaTaskSession:${G1}`)).toBe(true);
    expect(matches("ReplicaTaskSession", `JobSessionUid!=${G1}`)).toBe(true);
    expect(() => compileFilter("ReplicaTaskSession", "UID==not-a-guid")).toThrow(
      /Invalid value "not-a-guid" for field UID/,
    );
  });

  it("uses the per-type field names (CreationTime for replica types, Id for CDP types) and accepts the documented aliases", () => {
    expect(matches("ReplicaTaskSession", "CreationTime>=2025-11-03")).toBe(true);
    expect(matches("ReplicaTaskSession", "CreationTimeUTC>=2025-11-03")).toBe(true);
    expect(
      matches("CdpReplicaTaskSession", `Id==${G1}`, { Id: `urn:veeam:CdpReplicaTaskSession:${G1}` }),
    ).toBe(true);
    expect(() => compileFilter("CdpReplicaTaskSession", `UID==${G1}`)).toThrow(
      /Unknown field "UID" for query type CdpReplicaTaskSession/,
    );
    expect(() => compileFilter("ReplicaTaskSession", `Id==${G1}`)).toThrow(/Unknown field "Id"/);
    expect(() => compileFilter("CdpReplicaTaskSession", "Result==Success")).toThrow(/Unknown field "Result"/);
    expect(() => compileFilter("ReplicaJobSession", "Reason==x")).toThrow(/Unknown field "Reason"/);
  });

  it("parses date-only, ISO with and without Z, and fractions beyond milliseconds", () => {
    const row = { CreationTimeUTC: new EmTime(Date.parse("2025-08-14T12:31:30.389Z"), 9540) }; // .3899540
    expect(matches("CdpReplicaSession", 'CreationTimeUTC>="2025-08-14"', row)).toBe(true);
    expect(matches("CdpReplicaSession", 'CreationTimeUTC<"2025-08-15"', row)).toBe(true);
    expect(matches("CdpReplicaSession", "CreationTimeUTC>2025-08-14T12:31:30Z", row)).toBe(true);
    expect(matches("CdpReplicaSession", "CreationTimeUTC>2025-08-14T12:31:30", row)).toBe(true);
    expect(matches("CdpReplicaSession", "CreationTimeUTC==2025-08-14T12:31:30.389954Z", row)).toBe(true);
    expect(matches("CdpReplicaSession", "CreationTimeUTC<2025-08-14T12:31:30.3899541Z", row)).toBe(true);
    expect(matches("CdpReplicaSession", "CreationTimeUTC>2025-08-14T12:31:30.389Z", row)).toBe(true);
    expect(
      matches("CdpReplicaSession", "CreationTimeUTC==2025-08-14T12:31:30.389Z", {
        CreationTimeUTC: new Date("2025-08-14T12:31:30.389Z"),
      }),
    ).toBe(true);
    expect(() => compileFilter("CdpReplicaSession", "CreationTimeUTC>2025-13-01")).toThrow(
      /Invalid value "2025-13-01"/,
    );
    expect(() => compileFilter("CdpReplicaSession", "CreationTimeUTC>yesterday")).toThrow(/CreationTimeUTC/);
  });

  it("uses SQL three-valued logic: any comparison with an absent value is false; '' is present", () => {
    for (const op of ["==", "!=", "<", ">", "<=", ">="]) {
      expect(matches("ReplicaTaskSession", `EndTime${op}2025-01-01`)).toBe(false);
    }
    expect(matches("ReplicaTaskSession", 'Reason==""')).toBe(true);
    expect(matches("ReplicaTaskSession", "Reason!=x")).toBe(true);
    expect(matches("CdpReplicaTaskSession", "Reason!=x", { Reason: undefined })).toBe(false);
    expect(matches("CdpReplicaTaskSession", "Reason!=x", { Reason: null })).toBe(false);
  });

  it("compares Long exactly and booleans case-insensitively", () => {
    expect(matches("ReplicaTaskSession", "TotalSize>4294967296")).toBe(true);
    expect(matches("ReplicaTaskSession", "TotalSize==17179869184")).toBe(true);
    expect(matches("ReplicaTaskSession", "TotalSize==17179869185")).toBe(false);
    expect(matches("ReplicaJobSession", "IsRetry==TRUE", { IsRetry: true })).toBe(true);
    expect(matches("ReplicaJobSession", "isretry==false", { IsRetry: true })).toBe(false);
    expect(() => compileFilter("ReplicaTaskSession", "TotalSize>1.5")).toThrow(/expected an integer/);
    expect(() => compileFilter("ReplicaJobSession", "IsRetry==yes")).toThrow(/true or false/);
  });

  it("accepts the type name in any case", () => {
    expect(matches("replicatasksession", "vmdisplayname==ubuntu88")).toBe(true);
  });

  it.each([
    ["", /position 1: Filter is empty/],
    ["Name=", /position 5: Expected a comparison operator/],
    ["Name=x", /position 5: Expected a comparison operator/],
    ["Name==", /position 7: Expected a value/],
    ["Name==a;", /position 9: Expected a field name but the filter ended/],
    ["(Name==a", /position 9: Expected "\)"/],
    ["Name==a)", /position 8: Unexpected "\)"/],
    ['Name=="abc', /Unterminated quoted value starting at position 7/],
    ['Name=="a"b', /position 10: Unexpected "b"/],
    ["Name==a(b)", /position 8: Unexpected "\(" in an unquoted value/],
    ["==a", /position 1: Expected a field name/],
    ["Nmae==a", /Unknown field "Nmae" for query type ReplicaTaskSession at position 1/],
    ["Result==Great", /Invalid value "Great" for field Result .*None, Success, Warning, Failed/],
    ["State==Working", /Invalid value "Working" for field State .*InProgress, Pending, Completed/],
  ])("rejects %j with a message naming the problem", (filter, message) => {
    let caught: unknown;
    try {
      compileFilter("ReplicaTaskSession", filter);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SimulatorQueryError);
    expect((caught as SimulatorQueryError).message).toMatch(message);
    expect((caught as SimulatorQueryError).code).toBe("SIMULATOR_QUERY_INVALID");
  });

  it("rejects an unknown query type", () => {
    expect(() => compileFilter("AgentBackupJob", "Name==x")).toThrow(/Unknown query type "AgentBackupJob"/);
  });
});

// ---- Property: the parser/evaluator agrees with a small reference evaluator written here. ----

type Kind = "string" | "uid" | "long" | "dateTime" | "boolean" | "enum";
const RESULT = ["None", "Success", "Warning", "Failed"];
const JOB_STATE = [
  "Stopped",
  "Starting",
  "Stopping",
  "Working",
  "Pausing",
  "WaitingTape",
  "Idle",
  "Resuming",
  "Postprocessing",
  "WaitingRepository",
  "WaitingSlot",
];
/** ReplicaJobSession's fields, written independently of the simulator's table. */
const FIELDS: Record<string, { kind: Kind; values?: string[] }> = {
  UID: { kind: "uid" },
  Name: { kind: "string" },
  JobName: { kind: "string" },
  JobUid: { kind: "uid" },
  CreationTime: { kind: "dateTime" },
  EndTime: { kind: "dateTime" },
  State: { kind: "enum", values: JOB_STATE },
  Result: { kind: "enum", values: RESULT },
  IsRetry: { kind: "boolean" },
  BackupServerName: { kind: "string" },
};
const FIELD_NAMES = Object.keys(FIELDS);
const GUIDS = [G1, G2, "00000000-0000-4000-8000-000000000001"];
const DAYS = ["2025-06-15", "2025-06-16", "2025-11-03"];
const TIMES = DAYS.flatMap((d) => [`${d}T00:00:00`, `${d}T21:00:26.19`, `${d}T23:59:59.999`]);
const OPS = ["==", "!=", "<", ">", "<=", ">="] as const;
type Op = (typeof OPS)[number];

type Node =
  | { t: "cmp"; field: string; op: Op; value: string | number | boolean; text: string }
  | { t: "and" | "or"; kids: Node[] };

const stringValue = fc.string({
  unit: fc.constantFrom("a", "B", "z", " ", '"', ";", ",", "(", ")", "=", "<", "É", "ß", "&", "%", "+", "ü"),
  maxLength: 5,
});

function literalArb(field: string): fc.Arbitrary<{ value: string | number | boolean; text: string }> {
  const def = FIELDS[field];
  switch (def.kind) {
    case "string":
      return stringValue.map((s) => ({ value: s, text: '"' + s.replace(/"/g, '""') + '"' }));
    case "uid":
      return fc.tuple(fc.constantFrom(...GUIDS), fc.boolean(), fc.boolean()).map(([g, urn, upper]) => {
        const text = (urn ? `urn:veeam:Job:${g}` : g)[upper ? "toUpperCase" : "toLowerCase"]();
        return { value: g, text: upper ? text.replace(/^URN:VEEAM:JOB:/, "urn:veeam:Job:") : text };
      });
    case "dateTime":
      return fc.oneof(
        fc.constantFrom(...DAYS).map((d) => ({ value: Date.parse(d + "T00:00:00Z"), text: `"${d}"` })),
        fc
          .tuple(fc.constantFrom(...TIMES), fc.boolean())
          .map(([t, z]) => ({ value: Date.parse(t + "Z"), text: z ? `${t}Z` : `"${t}"` })),
      );
    case "enum":
      return fc
        .tuple(fc.constantFrom(...(def.values as string[])), fc.boolean())
        .map(([v, upper]) => ({ value: v, text: upper ? v.toUpperCase() : v.toLowerCase() }));
    case "boolean":
    case "long":
      return fc.boolean().map((b) => ({ value: b, text: b ? "True" : "false" }));
  }
}

const cmpArb: fc.Arbitrary<Node> = fc
  .tuple(fc.constantFrom(...FIELD_NAMES), fc.constantFrom(...OPS), fc.boolean())
  .chain(([field, op, lower]) =>
    literalArb(field).map((lit) => ({
      t: "cmp" as const,
      field: lower ? field.toLowerCase() : field,
      op,
      ...lit,
    })),
  );

const treeArb: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    cmpArb,
    fc.record({
      t: fc.constantFrom("and" as const, "or" as const),
      kids: fc.array(tie("node"), { minLength: 1, maxLength: 3 }),
    }),
  ),
})).node;

function serialize(node: Node): string {
  if (node.t === "cmp") return `${node.field}${node.op}${node.text}`;
  const parts = node.kids.map((k) => (k.t === "cmp" ? serialize(k) : `(${serialize(k)})`));
  return parts.join(node.t === "and" ? ";" : ",");
}

const rowArb = fc.record(
  {
    UID: fc.constantFrom(...GUIDS).map((g) => `urn:veeam:ReplicaJobSession:${g}`),
    Name: stringValue,
    JobName: stringValue,
    JobUid: fc.constantFrom(...GUIDS).map((g) => `urn:veeam:Job:${g}`),
    CreationTime: fc
      .constantFrom(...TIMES, ...DAYS.map((d) => d + "T00:00:00"))
      .map((t) => new Date(t + "Z")),
    EndTime: fc.constantFrom(...TIMES).map((t) => new Date(t + "Z")),
    State: fc.constantFrom(...JOB_STATE),
    Result: fc.constantFrom(...RESULT),
    IsRetry: fc.boolean(),
    BackupServerName: stringValue,
  },
  { requiredKeys: ["UID"] },
);

function order(a: number | string, b: number | string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function referenceEval(node: Node, row: Record<string, unknown>): boolean {
  if (node.t !== "cmp") {
    return node.t === "and"
      ? node.kids.every((k) => referenceEval(k, row))
      : node.kids.some((k) => referenceEval(k, row));
  }
  const name = FIELD_NAMES.find((f) => f.toLowerCase() === node.field.toLowerCase())!;
  const def = FIELDS[name];
  const v = row[name];
  if (v === undefined) return false; // SQL NULL: every comparison is unknown → not selected
  let o: number;
  switch (def.kind) {
    case "string":
      o = order(String(v).toLowerCase(), String(node.value).toLowerCase());
      break;
    case "uid":
      o = order(String(v).split(":").pop()!.toLowerCase(), String(node.value).toLowerCase());
      break;
    case "dateTime":
      o = order((v as Date).getTime(), node.value as number);
      break;
    case "enum":
      o = order(def.values!.indexOf(v as string), def.values!.indexOf(node.value as string));
      break;
    default:
      o = order(v ? 1 : 0, node.value ? 1 : 0);
  }
  return { "==": o === 0, "!=": o !== 0, "<": o < 0, ">": o > 0, "<=": o <= 0, ">=": o >= 0 }[node.op];
}

describe("compileFilter property", () => {
  it("selects exactly what a direct reference evaluation selects", () => {
    fc.assert(
      fc.property(treeArb, fc.array(rowArb, { minLength: 1, maxLength: 8 }), (tree, rows) => {
        const text = serialize(tree);
        const predicate = compileFilter("ReplicaJobSession", text);
        for (const row of rows) {
          expect(predicate(row), `${text} on ${JSON.stringify(row)}`).toBe(referenceEval(tree, row));
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe("string equality on any Unicode text", () => {
  it("== and != agree with toLowerCase() equality", () => {
    const text = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 4 }),
      fc.string({
        unit: fc.constantFrom("i", "I", "İ", "ı", "K", "\u212a", "k", "ß", "SS", "Σ", "σ", "ς", "a"),
        maxLength: 4,
      }),
    );
    fc.assert(
      fc.property(text, text, (a, b) => {
        const literal = '"' + b.replace(/"/g, '""') + '"';
        const same = a.toLowerCase() === b.toLowerCase();
        expect(compileFilter("Job", `Name==${literal}`)({ Name: a })).toBe(same);
        expect(compileFilter("Job", `Name!=${literal}`)({ Name: a })).toBe(!same);
      }),
      { numRuns: 500 },
    );
  });
});

describe("date literals with years below 100", () => {
  it("reads the year literally (not as 19xx)", () => {
    const before = compileFilter("Job", 'NextRun<"0050-06-01T00:00:00Z"');
    expect(before({ NextRun: new Date("1949-01-01T00:00:00Z") })).toBe(false);
    const early = new Date(Date.UTC(2000, 0, 1));
    early.setUTCFullYear(49);
    expect(before({ NextRun: early })).toBe(true);
  });
});
