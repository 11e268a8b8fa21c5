import { describe, expect, it } from "vitest";
import { combineFilters } from "../../../src/filters/combineFilters.js";
import type { TranslatedFilter } from "../../../src/filters/TranslatedFilter.js";
import { orOfUids } from "../../../src/filters/orOfUids.js";
import { translateFilter } from "../../../src/filters/translateFilter.js";
import { CDP_REPLICA_TASK_SESSION } from "../../../src/modules/cdp-replica-task-session/cdp-replica-task-session.entity.js";
const CDP_REPLICA_TASK_SESSION_QUERY = CDP_REPLICA_TASK_SESSION.query;
import { compileFilter } from "../../../src/simulator/query/compileFilter.js";

const ALL: TranslatedFilter = { kind: "all" };
const NONE: TranslatedFilter = { kind: "none" };
const expr = (text: string): TranslatedFilter => ({ kind: "expression", text });
const S1 = "urn:veeam:CdpReplicaSession:6b872a71-51e8-437a-8d45-5c6494b92f3f";
const S2 = "urn:veeam:CdpReplicaSession:d05b25d0-c55c-41dd-b1e3-cd7e454a1937";

describe("combineFilters", () => {
  it("none absorbs, all is the identity", () => {
    const x = expr('Name=="a"');
    expect(combineFilters(NONE, x)).toEqual(NONE);
    expect(combineFilters(x, NONE)).toEqual(NONE);
    expect(combineFilters(ALL, NONE)).toEqual(NONE);
    expect(combineFilters(ALL, x)).toEqual(x);
    expect(combineFilters(x, ALL)).toEqual(x);
    expect(combineFilters(ALL, ALL)).toEqual(ALL);
  });

  it("parenthesises top-level OR groups only", () => {
    expect(combineFilters(expr('Name=="a"'), expr('Reason=="b"'))).toEqual(expr('Name=="a";Reason=="b"'));
    expect(combineFilters(expr('Name=="a";Reason=="b"'), expr('Name=="c"'))).toEqual(
      expr('Name=="a";Reason=="b";Name=="c"'),
    );
    expect(combineFilters(expr('Name=="a",Name=="b"'), expr('(Name=="c",Name=="d");Reason=="e"'))).toEqual(
      expr('(Name=="a",Name=="b");(Name=="c",Name=="d");Reason=="e"'),
    );
  });

  it("is not fooled by separators and parentheses inside quoted strings", () => {
    expect(combineFilters(expr('Name=="a,b"'), expr('Name==")"",("'))).toEqual(
      expr('Name=="a,b";Name==")"",("'),
    );
    expect(combineFilters(expr('Name=="("'), expr('Name=="x",Name=="y"'))).toEqual(
      expr('Name=="(";(Name=="x",Name=="y")'),
    );
  });

  it("ANDs a connection filter with a batch loader's parent-key group, as the simulator reads it", () => {
    const filter = translateFilter(
      { or: [{ vmDisplayName: { eq: "web,01" } }, { totalSize: { gt: 10 } }] },
      CDP_REPLICA_TASK_SESSION_QUERY,
      ["filter"],
    );
    const combined = combineFilters(filter, expr(orOfUids("PolicySessionUid", [S1, S2])));
    expect(combined).toEqual(
      expr(
        '(VmDisplayName=="web,01",TotalSize>10);' + `(PolicySessionUid=="${S1}",PolicySessionUid=="${S2}")`,
      ),
    );
    if (combined.kind !== "expression") throw new Error("unreachable");
    const select = compileFilter("CdpReplicaTaskSession", combined.text);
    const row = (parent: string, vm: string, size: number) => ({
      PolicySessionUid: parent,
      VmDisplayName: vm,
      TotalSize: size,
    });
    const other = "urn:veeam:CdpReplicaSession:00000000-0000-4000-8000-000000000000";
    expect(select(row(S1, "web,01", 0))).toBe(true);
    expect(select(row(S2, "x", 11))).toBe(true);
    expect(select(row(other, "web,01", 11))).toBe(false); // precedence would matter here without parentheses
    expect(select(row(S1, "x", 0))).toBe(false);
  });
});

describe("orOfUids", () => {
  it("writes an OR group of quoted URNs, dropping duplicates", () => {
    expect(orOfUids("PolicySessionUid", [S1])).toBe(`PolicySessionUid=="${S1}"`);
    expect(orOfUids("JobSessionUid", [S1, S2, S1])).toBe(`JobSessionUid=="${S1}",JobSessionUid=="${S2}"`);
  });

  it("rejects anything but URNs, an empty batch and odd field names (programming errors)", () => {
    expect(() => orOfUids("UID", [])).toThrow(TypeError);
    expect(() => orOfUids("UID", ["6b872a71-51e8-437a-8d45-5c6494b92f3f"])).toThrow(TypeError);
    expect(() => orOfUids("UID", [`${S1}",UID!="x`])).toThrow(TypeError);
    expect(() => orOfUids("UID;Name", [S1])).toThrow(TypeError);
  });
});
