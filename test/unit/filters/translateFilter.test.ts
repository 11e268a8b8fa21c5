import { describe, expect, it } from "vitest";
import { FilterInputError } from "../../../src/filters/FilterInputError.js";
import type { QueryEntity } from "../../../src/filters/QueryField.js";
import {
  MAX_FILTER_COMPARISONS,
  MAX_FILTER_DEPTH,
  MAX_FILTER_ENCODED_LENGTH,
  translateFilter,
} from "../../../src/filters/translateFilter.js";
import { BACKUP_SERVER } from "../../../src/modules/backup-server/backup-server.entity.js";
const BACKUP_SERVER_QUERY = BACKUP_SERVER.query;
import { CDP_POLICY } from "../../../src/modules/cdp-policy/cdp-policy.entity.js";
const CDP_POLICY_QUERY = CDP_POLICY.query;
import { CDP_REPLICA_SESSION } from "../../../src/modules/cdp-replica-session/cdp-replica-session.entity.js";
const CDP_REPLICA_SESSION_QUERY = CDP_REPLICA_SESSION.query;
import { CDP_REPLICA_TASK_SESSION } from "../../../src/modules/cdp-replica-task-session/cdp-replica-task-session.entity.js";
const CDP_REPLICA_TASK_SESSION_QUERY = CDP_REPLICA_TASK_SESSION.query;
import { JOB } from "../../../src/modules/job/job.entity.js";
const JOB_QUERY = JOB.query;
import { REPLICA_JOB_SESSION } from "../../../src/modules/replica-job-session/replica-job-session.entity.js";
const REPLICA_JOB_SESSION_QUERY = REPLICA_JOB_SESSION.query;
import { REPLICA_TASK_SESSION } from "../../../src/modules/replica-task-session/replica-task-session.entity.js";
const REPLICA_TASK_SESSION_QUERY = REPLICA_TASK_SESSION.query;
import { JobType } from "../../../src/modules/shared/JobType.js";
import { Platform } from "../../../src/modules/shared/Platform.js";
import { SessionResult } from "../../../src/modules/shared/SessionResult.js";
import { SessionState } from "../../../src/modules/shared/SessionState.js";
import { TaskSessionState } from "../../../src/modules/shared/TaskSessionState.js";

const TASK = CDP_REPLICA_TASK_SESSION_QUERY;
const GUID = "6b872a71-51e8-437a-8d45-5c6494b92f3f";
const T1 = new Date("2021-06-15T00:00:00Z");
const T2 = new Date("2021-06-16T12:30:45.5Z");

/** The expression text, failing the test when the filter folded to all/none. */
function text(filter: object, entity: QueryEntity = TASK): string {
  const result = translateFilter(filter, entity, ["filter"]);
  if (result.kind !== "expression") throw new Error(`expected an expression, got ${result.kind}`);
  return result.text;
}

/** The FilterInputError a translation throws (fails when it does not throw one). */
function failure(filter: object, entity: QueryEntity = TASK): FilterInputError {
  try {
    translateFilter(filter, entity, ["filter"]);
  } catch (error) {
    expect(error).toBeInstanceOf(FilterInputError);
    return error as FilterInputError;
  }
  throw new Error("expected a FilterInputError");
}

describe("translateFilter: operators of every kind", () => {
  it("string: all eight operators, always quoted", () => {
    expect(text({ name: { eq: "a" } })).toBe('Name=="a"');
    expect(text({ name: { ne: "a" } })).toBe('Name!="a"');
    expect(text({ name: { lt: "a" } })).toBe('Name<"a"');
    expect(text({ name: { lte: "a" } })).toBe('Name<="a"');
    expect(text({ name: { gt: "a" } })).toBe('Name>"a"');
    expect(text({ name: { gte: "a" } })).toBe('Name>="a"');
    expect(text({ name: { in: ["a", "b"] } })).toBe('Name=="a",Name=="b"');
    expect(text({ name: { notIn: ["a", "b"] } })).toBe('Name!="a";Name!="b"');
  });

  it("uid: eq ne in notIn, full URNs, bare GUIDs widened with the field's type", () => {
    expect(text({ id: { eq: `urn:veeam:CdpReplicaTaskSession:${GUID}` } })).toBe(
      `Id=="urn:veeam:CdpReplicaTaskSession:${GUID}"`,
    );
    expect(text({ policySessionUid: { ne: GUID } })).toBe(
      `PolicySessionUid!="urn:veeam:CdpReplicaSession:${GUID}"`,
    );
    expect(text({ backupServerUid: { in: [GUID, `URN:VEEAM:backupserver:${GUID.toUpperCase()}`] } })).toBe(
      `BackupServerUid=="urn:veeam:BackupServer:${GUID}"`, // both spell the same UID: deduplicated
    );
    expect(text({ backupServerUid: { notIn: [GUID] } })).toBe(
      `BackupServerUid!="urn:veeam:BackupServer:${GUID}"`,
    );
  });

  it("long: integers, unquoted, beyond 2^31", () => {
    expect(text({ totalSize: { eq: 17179869184 } })).toBe("TotalSize==17179869184");
    expect(text({ totalSize: { ne: 0 } })).toBe("TotalSize!=0");
    expect(text({ totalSize: { lt: -1 } })).toBe("TotalSize<-1");
    expect(text({ totalSize: { lte: Number.MAX_SAFE_INTEGER } })).toBe("TotalSize<=9007199254740991");
    expect(text({ totalSize: { gt: 1 } })).toBe("TotalSize>1");
    expect(text({ totalSize: { gte: 2 } })).toBe("TotalSize>=2");
    expect(text({ totalSize: { in: [1, 2] } })).toBe("TotalSize==1,TotalSize==2");
    expect(text({ totalSize: { notIn: [1, 2] } })).toBe("TotalSize!=1;TotalSize!=2");
  });

  it("dateTime: quoted ISO UTC with Z, milliseconds only when non-zero", () => {
    expect(text({ creationTimeUtc: { eq: T1 } })).toBe('CreationTimeUTC=="2021-06-15T00:00:00Z"');
    expect(text({ creationTimeUtc: { ne: T2 } })).toBe('CreationTimeUTC!="2021-06-16T12:30:45.5Z"');
    expect(text({ endTimeUtc: { lt: new Date("2025-08-14T12:31:30.389Z") } })).toBe(
      'EndTimeUTC<"2025-08-14T12:31:30.389Z"',
    );
    expect(text({ endTimeUtc: { lte: T1 } })).toBe('EndTimeUTC<="2021-06-15T00:00:00Z"');
    expect(text({ endTimeUtc: { gt: T1 } })).toBe('EndTimeUTC>"2021-06-15T00:00:00Z"');
    expect(text({ endTimeUtc: { gte: new Date("2021-06-15T02:00:00+02:00") } })).toBe(
      'EndTimeUTC>="2021-06-15T00:00:00Z"',
    );
    expect(text({ endTimeUtc: { in: [T1, T2] } })).toBe(
      'EndTimeUTC=="2021-06-15T00:00:00Z",EndTimeUTC=="2021-06-16T12:30:45.5Z"',
    );
    expect(text({ endTimeUtc: { notIn: [T1] } })).toBe('EndTimeUTC!="2021-06-15T00:00:00Z"');
  });

  it("boolean: eq ne as true/false", () => {
    expect(text({ scheduleEnabled: { eq: true } }, JOB_QUERY)).toBe("ScheduleEnabled==true");
    expect(text({ scheduleEnabled: { ne: false } }, JOB_QUERY)).toBe("ScheduleEnabled!=false");
  });

  it("enum: all eight operators in EM's spelling", () => {
    const s = CDP_REPLICA_SESSION_QUERY;
    expect(text({ result: { eq: SessionResult.SUCCESS } }, s)).toBe("Result==Success");
    expect(text({ result: { ne: SessionResult.NONE } }, s)).toBe("Result!=None");
    expect(text({ result: { lt: SessionResult.FAILED } }, s)).toBe("Result<Failed");
    expect(text({ result: { lte: SessionResult.WARNING } }, s)).toBe("Result<=Warning");
    expect(text({ result: { gt: SessionResult.SUCCESS } }, s)).toBe("Result>Success");
    expect(text({ result: { gte: SessionResult.WARNING } }, s)).toBe("Result>=Warning");
    expect(text({ state: { in: [SessionState.WORKING, SessionState.WAITING_SLOT] } }, s)).toBe(
      "State==Working,State==WaitingSlot",
    );
    expect(text({ state: { notIn: [SessionState.STOPPED] } }, s)).toBe("State!=Stopped");
    expect(text({ state: { eq: TaskSessionState.IN_PROGRESS } })).toBe("State==InProgress");
    expect(text({ jobType: { eq: JobType.IMMEDIATE_BACKUP_COPY } }, JOB_QUERY)).toBe(
      "JobType==ImmediateBackupCopy",
    );
    expect(text({ platform: { gte: Platform.HYPERV } }, JOB_QUERY)).toBe("Platform>=Hyperv");
  });

  it("sibling operators and sibling fields are ANDed, in table and operator order", () => {
    expect(text({ vmDisplayName: { eq: "vm" }, totalSize: { lt: 10, gte: 1 } })).toBe(
      'TotalSize>=1;TotalSize<10;VmDisplayName=="vm"',
    );
  });
});

describe("translateFilter: field-name mapping of every entity table", () => {
  const sample = { string: "x", uid: GUID, long: 1, dateTime: T1, boolean: true } as const;
  const tables: [string, QueryEntity][] = [
    ["CdpReplicaSession", CDP_REPLICA_SESSION_QUERY],
    ["CdpReplicaTaskSession", CDP_REPLICA_TASK_SESSION_QUERY],
    ["ReplicaJobSession", REPLICA_JOB_SESSION_QUERY],
    ["ReplicaTaskSession", REPLICA_TASK_SESSION_QUERY],
    ["BackupServer", BACKUP_SERVER_QUERY],
    ["CdpPolicy", CDP_POLICY_QUERY],
    ["Job", JOB_QUERY],
  ];

  it.each(tables)("%s: every field reaches its EM query field", (_, entity) => {
    for (const [name, field] of Object.entries(entity.fields)) {
      const value = field.kind === "enum" ? Object.values(field.values)[0] : sample[field.kind];
      expect(text({ [name]: { eq: value } }, entity)).toMatch(new RegExp(`^${field.emField}==`));
    }
  });

  it("pins the documented spellings: CreationTimeUTC vs CreationTime, Id vs UID", () => {
    const created = { creationTimeUtc: { gte: T1 } };
    expect(text(created, CDP_REPLICA_SESSION_QUERY)).toBe('CreationTimeUTC>="2021-06-15T00:00:00Z"');
    expect(text(created, CDP_REPLICA_TASK_SESSION_QUERY)).toBe('CreationTimeUTC>="2021-06-15T00:00:00Z"');
    expect(text(created, REPLICA_JOB_SESSION_QUERY)).toBe('CreationTime>="2021-06-15T00:00:00Z"');
    expect(text(created, REPLICA_TASK_SESSION_QUERY)).toBe('CreationTime>="2021-06-15T00:00:00Z"');
    expect(text({ endTimeUtc: { lt: T1 } }, REPLICA_JOB_SESSION_QUERY)).toBe(
      'EndTime<"2021-06-15T00:00:00Z"',
    );
    expect(text({ endTimeUtc: { lt: T1 } }, CDP_REPLICA_SESSION_QUERY)).toBe(
      'EndTimeUTC<"2021-06-15T00:00:00Z"',
    );
    const id = { id: { eq: GUID } };
    expect(text(id, CDP_REPLICA_SESSION_QUERY)).toBe(`Id=="urn:veeam:CdpReplicaSession:${GUID}"`);
    expect(text(id, CDP_REPLICA_TASK_SESSION_QUERY)).toBe(`Id=="urn:veeam:CdpReplicaTaskSession:${GUID}"`);
    expect(text(id, REPLICA_JOB_SESSION_QUERY)).toBe(`UID=="urn:veeam:ReplicaJobSession:${GUID}"`);
    expect(text(id, REPLICA_TASK_SESSION_QUERY)).toBe(`UID=="urn:veeam:ReplicaTaskSession:${GUID}"`);
    expect(text(id, BACKUP_SERVER_QUERY)).toBe(`UID=="urn:veeam:BackupServer:${GUID}"`);
    expect(text(id, CDP_POLICY_QUERY)).toBe(`UID=="urn:veeam:CdpPolicy:${GUID}"`);
    expect(text(id, JOB_QUERY)).toBe(`UID=="urn:veeam:Job:${GUID}"`);
  });
});

describe("translateFilter: logic", () => {
  const a = { name: { eq: "a" } };
  const b = { name: { eq: "b" } };
  const c = { reason: { eq: "c" } };

  it("and/or nest with a parenthesised group per level, one separator kind per level", () => {
    expect(text({ and: [a, b] })).toBe('Name=="a";Name=="b"');
    expect(text({ or: [a, b] })).toBe('Name=="a",Name=="b"');
    expect(text({ or: [{ and: [a, b] }, c] })).toBe('(Name=="a";Name=="b"),Reason=="c"');
    expect(text({ and: [{ or: [a, b] }, c] })).toBe('(Name=="a",Name=="b");Reason=="c"');
    expect(text({ or: [{ and: [a, { or: [b, c] }] }, c] })).toBe(
      '(Name=="a";(Name=="b",Reason=="c")),Reason=="c"',
    );
    // Same-kind nesting flattens: (a AND (b AND c)) needs no parentheses.
    expect(text({ and: [a, { and: [b, c] }] })).toBe('Name=="a";Name=="b";Reason=="c"');
    // A field beside `or` and `in`: the OR groups are parenthesised inside the AND.
    expect(text({ vmDisplayName: { in: ["x", "y"] }, or: [a, b] })).toBe(
      '(VmDisplayName=="x",VmDisplayName=="y");(Name=="a",Name=="b")',
    );
  });

  it("not: operator negation and De Morgan, pushed down to the comparisons", () => {
    expect(text({ not: { name: { eq: "a" } } })).toBe('Name!="a"');
    expect(text({ not: { name: { ne: "a" } } })).toBe('Name=="a"');
    expect(text({ not: { totalSize: { lt: 5 } } })).toBe("TotalSize>=5");
    expect(text({ not: { totalSize: { lte: 5 } } })).toBe("TotalSize>5");
    expect(text({ not: { totalSize: { gt: 5 } } })).toBe("TotalSize<=5");
    expect(text({ not: { totalSize: { gte: 5 } } })).toBe("TotalSize<5");
    expect(text({ not: { name: { in: ["a", "b"] } } })).toBe('Name!="a";Name!="b"');
    expect(text({ not: { name: { notIn: ["a", "b"] } } })).toBe('Name=="a",Name=="b"');
    // NOT (a AND c) = NOT a OR NOT c; NOT (a OR c) = NOT a AND NOT c.
    expect(text({ not: { name: { eq: "a" }, reason: { eq: "c" } } })).toBe('Name!="a",Reason!="c"');
    expect(text({ not: { and: [a, c] } })).toBe('Name!="a",Reason!="c"');
    expect(text({ not: { or: [a, c] } })).toBe('Name!="a";Reason!="c"');
    expect(text({ not: { totalSize: { gte: 1, lt: 9 } } })).toBe("TotalSize<1,TotalSize>=9");
    expect(text({ not: { not: a } })).toBe('Name=="a"');
    expect(text({ not: { or: [{ and: [a, { not: c }] }, b] } })).toBe('(Name!="a",Reason=="c");Name!="b"');
    expect(text({ not: { state: { lt: TaskSessionState.COMPLETED } } })).toBe("State>=Completed");
    expect(text({ not: { scheduleEnabled: { eq: true } } }, JOB_QUERY)).toBe("ScheduleEnabled!=true");
  });

  it("empty filters are no filter; or: [] and in: [] match nothing", () => {
    const all = { kind: "all" };
    const none = { kind: "none" };
    const tr = (f: object | null | undefined) => translateFilter(f, TASK, ["filter"]);
    expect(tr(undefined)).toEqual(all);
    expect(tr(null)).toEqual(all);
    expect(tr({})).toEqual(all);
    expect(tr({ name: {} })).toEqual(all);
    expect(tr({ and: [] })).toEqual(all);
    expect(tr({ and: [{}, { name: {} }] })).toEqual(all);
    expect(tr({ name: null, and: null, or: null, not: null })).toEqual(all);
    expect(tr({ notIn: undefined, name: { notIn: [] } })).toEqual(all);
    expect(tr({ or: [] })).toEqual(none);
    expect(tr({ name: { in: [] } })).toEqual(none);
    expect(tr({ not: {} })).toEqual(none);
    expect(tr({ not: { name: { notIn: [] } } })).toEqual(none);
    expect(tr({ not: { or: [] } })).toEqual(all);
    expect(tr({ not: { name: { in: [] } } })).toEqual(all);
    // Constants fold into their neighbours: FALSE absorbs an AND, TRUE absorbs an OR.
    expect(tr({ name: { eq: "a" }, or: [] })).toEqual(none);
    expect(tr({ or: [{ name: { eq: "a" } }, {}] })).toEqual(all);
    expect(text({ or: [a, { name: { in: [] } }] })).toBe('Name=="a"');
    expect(text({ and: [a, {}], reason: { notIn: [] } })).toBe('Name=="a"');
  });

  it("repeated comparisons are dropped", () => {
    expect(text({ name: { in: ["a", "a"] }, and: [a] })).toBe('Name=="a"');
  });
});

describe("translateFilter: hostile strings mean themselves", () => {
  const cases: [string, string][] = [
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ['""', '""""""'],
    ["", '""'],
    ['a";Name!="', '"a"";Name!="""'],
    ["x;y,z", '"x;y,z"'],
    ["(a),(b)", '"(a),(b)"'],
    ["a==b", '"a==b"'],
    ["a&filter=Name==b", '"a&filter=Name==b"'],
    ["100% + 1", '"100% + 1"'],
    ["%22%3B", '"%22%3B"'],
    ["  spaced  out  ", '"  spaced  out  "'],
    ["Zürich 東京 🦀", '"Zürich 東京 🦀"'],
    ["\u00a0nbsp\u2028sep", '"\u00a0nbsp\u2028sep"'],
    ["'single'", "\"'single'\""],
    ["back\\slash", '"back\\slash"'],
  ];
  it.each(cases)("%j", (value, literal) => {
    expect(text({ name: { eq: value } })).toBe(`Name==${literal}`);
  });
});

describe("translateFilter: errors name the argument path", () => {
  it("control characters, DEL, XML non-characters and lone surrogates are rejected", () => {
    for (const bad of [
      "a\nb",
      "tab\t",
      "\u0000",
      "\u001f",
      "del\u007f",
      "\ufffe",
      "\uffff",
      "\ud800",
      "x\udc00y",
    ]) {
      const error = failure({ or: [{}, { name: { eq: bad } }] });
      expect(error.code).toBe("BAD_USER_INPUT");
      expect(error.argumentPath).toEqual(["filter", "or", 1, "name", "eq"]);
    }
    expect(failure({ name: { in: ["ok", "bad\r"] } }).argumentPath).toEqual(["filter", "name", "in", 1]);
    expect(failure({ name: { eq: "a\u0007" } }).message).toBe(
      'Invalid argument "filter.name.eq": the string contains the character U+0007 at index 1, ' +
        "which EM's query syntax cannot carry",
    );
  });

  it("UIDs of another type or malformed GUIDs are rejected", () => {
    const wrongType = failure({ and: [{ policySessionUid: { eq: `urn:veeam:Job:${GUID}` } }] });
    expect(wrongType.argumentPath).toEqual(["filter", "and", 0, "policySessionUid", "eq"]);
    expect(wrongType.message).toContain("CdpReplicaSession");
    for (const bad of [
      "not-a-guid",
      `${GUID}x`,
      `urn:veeam:CdpReplicaTaskSession:${GUID}";Name!="`,
      `{${GUID}}`,
      "",
      `urn:veeam:CdpReplicaTaskSession:`,
    ]) {
      expect(failure({ id: { notIn: [GUID, bad] } }).argumentPath).toEqual(["filter", "id", "notIn", 1]);
    }
  });

  it("values of the wrong run-time type, unsafe integers and dates EM cannot store are rejected", () => {
    expect(failure({ totalSize: { eq: 2 ** 53 } }).argumentPath).toEqual(["filter", "totalSize", "eq"]);
    expect(failure({ totalSize: { eq: 1.5 } }).argumentPath).toEqual(["filter", "totalSize", "eq"]);
    expect(failure({ totalSize: { eq: "1" } }).argumentPath).toEqual(["filter", "totalSize", "eq"]);
    expect(failure({ endTimeUtc: { lt: new Date(Number.NaN) } }).argumentPath).toEqual([
      "filter",
      "endTimeUtc",
      "lt",
    ]);
    expect(failure({ endTimeUtc: { lt: new Date("+010000-01-01T00:00:00Z") } }).message).toContain("1–9999");
    expect(failure({ endTimeUtc: { lt: "2021-06-15" } }).argumentPath).toEqual([
      "filter",
      "endTimeUtc",
      "lt",
    ]);
    expect(failure({ state: { eq: "Working" } }).argumentPath).toEqual(["filter", "state", "eq"]); // not a task state
    expect(failure({ state: { eq: "InProgress;Name==x" } }).argumentPath).toEqual(["filter", "state", "eq"]);
    expect(failure({ scheduleEnabled: { eq: "true" } }, JOB_QUERY).argumentPath).toEqual([
      "filter",
      "scheduleEnabled",
      "eq",
    ]);
    expect(failure({ name: { eq: null } }).message).toContain("null");
    expect(failure({ name: { in: "a" } }).argumentPath).toEqual(["filter", "name", "in"]);
    expect(failure({ or: { name: { eq: "a" } } }).argumentPath).toEqual(["filter", "or"]);
    expect(failure({ or: [null] }).argumentPath).toEqual(["filter", "or", 0]);
  });

  it("unknown fields and operators a kind lacks are rejected", () => {
    expect(failure({ result: { eq: "Success" } }).argumentPath).toEqual(["filter", "result"]); // no Result on CDP tasks
    expect(failure({ constructor: { eq: "x" } }).argumentPath).toEqual(["filter", "constructor"]);
    expect(failure({ id: { lt: GUID } }).argumentPath).toEqual(["filter", "id", "lt"]);
    expect(failure({ scheduleEnabled: { in: [true] } }, JOB_QUERY).argumentPath).toEqual([
      "filter",
      "scheduleEnabled",
      "in",
    ]);
    expect(failure({ name: { like: "a%" } }).argumentPath).toEqual(["filter", "name", "like"]);
  });

  it("the caps: comparisons, encoded length, nesting depth", () => {
    const names = (n: number, prefix = "") => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
    expect(text({ name: { in: names(MAX_FILTER_COMPARISONS) } }).split(",")).toHaveLength(
      MAX_FILTER_COMPARISONS,
    );
    const tooMany = failure({ and: [{ name: { in: names(MAX_FILTER_COMPARISONS + 1) } }] });
    expect(tooMany.argumentPath).toEqual(["filter"]);
    expect(tooMany.message).toContain(`${MAX_FILTER_COMPARISONS + 1} comparisons`);
    // The count is of the normal form: `not` over a 101-term OR becomes a 101-term AND, still 101.
    expect(() => text({ not: { name: { in: names(101) } } })).not.toThrow();

    // Length counts the URL-encoded text: one string of 2730 "東" (9 encoded characters each) is too long.
    const long = "東".repeat(Math.ceil(MAX_FILTER_ENCODED_LENGTH / 9));
    expect(failure({ name: { eq: long } }).message).toContain("URL-encoded");
    expect(text({ name: { eq: "a".repeat(MAX_FILTER_ENCODED_LENGTH - 20) } })).toHaveLength(
      MAX_FILTER_ENCODED_LENGTH - 20 + 8,
    );

    let deep: object = { name: { eq: "a" } };
    for (let i = 0; i < MAX_FILTER_DEPTH; i++) deep = { not: deep };
    expect(text(deep)).toBe('Name=="a"');
    const tooDeep = failure({ not: deep });
    expect(tooDeep.argumentPath).toEqual(["filter", ...Array<string>(MAX_FILTER_DEPTH + 1).fill("not")]);
  });
});
