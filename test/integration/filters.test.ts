import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../helpers/startStack.js";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
beforeEach(() => stack.sim.clearRequests());

/** The decoded `filter`, `sortAsc`/`sortDesc` of each query-service call since the last reset. */
function sent(type?: string) {
  return stack
    .upstream("/query")
    .map((request) => new URLSearchParams(request.query))
    .filter((params) => type === undefined || params.get("type") === type)
    .map((params) => ({
      type: params.get("type"),
      filter: params.get("filter"),
      sortAsc: params.get("sortAsc"),
      sortDesc: params.get("sortDesc"),
      pageSize: params.get("pageSize"),
      page: params.get("page"),
    }));
}

describe("filters are pushed down to EM's query service", () => {
  it("translates a filter on CDP task sessions into EM's syntax and EM applies it", async () => {
    const { data, errors } = await stack.query(`{
      cdpReplicaTaskSessions(
        first: 100
        filter: { state: { eq: COMPLETED }, totalSize: { gt: 100000000000 }, creationTimeUtc: { gte: "2026-11-01T00:00:00Z" } }
        orderBy: { field: TOTAL_SIZE, direction: DESC }
      ) { nodes { state totalSize creationTimeUtc } }
    }`);
    expect(errors).toBeUndefined();
    const nodes = data!.cdpReplicaTaskSessions.nodes;
    for (const node of nodes) {
      expect(node.state).toBe("COMPLETED");
      expect(node.totalSize).toBeGreaterThan(100_000_000_000);
      expect(Date.parse(node.creationTimeUtc)).toBeGreaterThanOrEqual(Date.parse("2026-11-01T00:00:00Z"));
    }
    const sizes = nodes.map((node: { totalSize: number }) => node.totalSize);
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
    expect(sent()).toEqual([
      {
        type: "CdpReplicaTaskSession",
        filter: 'CreationTimeUTC>="2026-11-01T00:00:00Z";State==Completed;TotalSize>100000000000',
        sortAsc: null,
        sortDesc: "TotalSize",
        pageSize: "100",
        page: "1",
      },
    ]);
  });

  it("uses EM's per-type field names: CreationTime for replica types, UID vs Id", async () => {
    const ids = await stack.query(
      `{ replicaJobSessions(first: 2) { nodes { id } } cdpReplicaSessions(first: 2) { nodes { id } } }`,
    );
    const replicaIds = ids.data!.replicaJobSessions.nodes.map((node: { id: string }) => node.id);
    const cdpIds = ids.data!.cdpReplicaSessions.nodes.map((node: { id: string }) => node.id);
    stack.sim.clearRequests();
    const { data } = await stack.query(
      `query($r: [ID!], $c: [ID!]) {
        replicaJobSessions(filter: { id: { in: $r }, creationTimeUtc: { lt: "2100-01-01T00:00:00Z" } }) { nodes { id } }
        cdpReplicaSessions(filter: { id: { in: $c } }) { nodes { id } }
      }`,
      { r: replicaIds, c: cdpIds },
    );
    expect(data!.replicaJobSessions.nodes.map((node: { id: string }) => node.id).sort()).toEqual(
      [...replicaIds].sort(),
    );
    expect(data!.cdpReplicaSessions.nodes.map((node: { id: string }) => node.id).sort()).toEqual(
      [...cdpIds].sort(),
    );
    expect(sent("ReplicaJobSession")[0]!.filter).toBe(
      `(UID=="${replicaIds[0]}",UID=="${replicaIds[1]}");CreationTime<"2100-01-01T00:00:00Z"`,
    );
    expect(sent("CdpReplicaSession")[0]!.filter).toBe(`Id=="${cdpIds[0]}",Id=="${cdpIds[1]}"`);
  });

  it("pushes `not` inward and compares enums by EM's ordinal order", async () => {
    const { data, errors } = await stack.query(`{
      replicaJobSessions(first: 200, filter: { not: { result: { lte: SUCCESS } } }) { nodes { result } }
    }`);
    expect(errors).toBeUndefined();
    const results = new Set(data!.replicaJobSessions.nodes.map((node: { result: string }) => node.result));
    expect([...results].every((result) => result === "WARNING" || result === "FAILED")).toBe(true);
    expect(results.size).toBeGreaterThan(0);
    expect(sent()[0]!.filter).toBe("Result>Success");
  });

  it("keeps hostile string values meaning themselves (quotes, separators, operators, %, +, non-ASCII)", async () => {
    const hostile = `x";Name!="a,(b)==c&d%25+e ü`;
    const { data, errors } = await stack.query(
      `query($v: String!) { jobs(filter: { name: { eq: $v } }) { nodes { id } } }`,
      {
        v: hostile,
      },
    );
    expect(errors).toBeUndefined();
    expect(data!.jobs.nodes).toEqual([]);
    expect(sent()[0]!.filter).toBe(`Name=="${hostile.replace(/"/g, '""')}"`);
  });

  it("filters the nested taskSessions connection, ANDed with the parent OR group", async () => {
    const { data, errors } = await stack.query(`{
      replicaJobSessions(first: 20, filter: { result: { eq: FAILED } }) {
        nodes { id result taskSessions(filter: { result: { eq: FAILED } }) { nodes { result session { id } } } }
      }
    }`);
    expect(errors).toBeUndefined();
    for (const session of data!.replicaJobSessions.nodes) {
      expect(session.result).toBe("FAILED");
      for (const task of session.taskSessions.nodes) {
        expect(task.result).toBe("FAILED");
        expect(task.session.id).toBe(session.id);
      }
    }
    const taskQuery = sent("ReplicaTaskSession")[0]!;
    expect(taskQuery.filter).toMatch(
      /^\(JobSessionUid=="urn:veeam:ReplicaJobSession:[0-9a-f-]+"(,JobSessionUid=="[^"]+")*\);Result==Failed$/,
    );
  });

  it.each([
    [
      "cdpReplicaSessions",
      `{ state: { in: [WORKING, STOPPED] }, policyName: { gte: "A" } }`,
      "CdpReplicaSession",
    ],
    [
      "cdpReplicaTaskSessions",
      `{ vmDisplayName: { ne: "nothing" }, reason: { notIn: ["a", "b"] } }`,
      "CdpReplicaTaskSession",
    ],
    ["replicaJobSessions", `{ isRetry: { eq: true }, jobType: { eq: REPLICA } }`, "ReplicaJobSession"],
    [
      "replicaTaskSessions",
      `{ or: [{ result: { eq: WARNING } }, { reason: { eq: "" } }], jobName: { lt: "Z" } }`,
      "ReplicaTaskSession",
    ],
    ["backupServers", `{ port: { eq: 9392 }, version: { gte: "12" } }`, "BackupServer"],
    ["cdpPolicies", `{ scheduleEnabled: { ne: false } }`, "CdpPolicy"],
    ["jobs", `{ platform: { eq: VMWARE }, nextRun: { gt: "2000-01-01T00:00:00Z" } }`, "Job"],
  ])("filters %s through EM", async (field, filter, type) => {
    const { errors } = await stack.query(`{ ${field}(first: 5, filter: ${filter}) { nodes { id } } }`);
    expect(errors).toBeUndefined();
    const calls = sent(type);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.filter).toBeTruthy();
  });

  it("pages a filtered, ordered list with cursors, each page one EM request carrying the same filter", async () => {
    const query = `query($after: String) {
      replicaTaskSessions(first: 7, after: $after, filter: { state: { eq: COMPLETED } }, orderBy: { field: NAME, direction: ASC }) {
        nodes { name } pageInfo { endCursor hasNextPage }
      }
    }`;
    const first = await stack.query<any>(query);
    const second = await stack.query<any>(query, {
      after: first.data.replicaTaskSessions.pageInfo.endCursor,
    });
    const all = await stack.query<any>(query.replace("first: 7", "first: 14"));
    const names = [...first.data.replicaTaskSessions.nodes, ...second.data.replicaTaskSessions.nodes].map(
      (n) => n.name,
    );
    expect(names).toEqual(all.data.replicaTaskSessions.nodes.map((n: { name: string }) => n.name));
    const calls = sent();
    expect(calls).toHaveLength(3);
    for (const call of calls) {
      expect(call.filter).toBe("State==Completed");
      expect(call.sortAsc).toBe("Name");
    }
    expect(calls[1]).toMatchObject({ pageSize: "7", page: "2" });
  });

  it("answers `or: []` and `in: []` without asking EM", async () => {
    const { data, errors } = await stack.query(`{
      a: cdpReplicaSessions(filter: { or: [] }) { totalCount nodes { id } pageInfo { hasNextPage } }
      b: jobs(filter: { name: { in: [] } }) { totalCount nodes { id } }
    }`);
    expect(errors).toBeUndefined();
    expect(data!["a"]).toEqual({ totalCount: 0, nodes: [], pageInfo: { hasNextPage: false } });
    expect(data!["b"]).toEqual({ totalCount: 0, nodes: [] });
    expect(sent()).toHaveLength(0);
  });

  it("rejects values EM cannot represent with BAD_USER_INPUT and the argument path, before any EM call", async () => {
    const { errors } = await stack.query(
      `query($v: String!) { jobs(filter: { or: [{ name: { eq: "ok" } }, { name: { eq: $v } }] }) { nodes { id } } }`,
      {
        v: "bad\u0001value",
      },
    );
    expect(errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentPath: ["filter", "or", 1, "name", "eq"],
    });
    expect(errors?.[0]?.path).toEqual(["jobs"]);
    const tooBig = await stack.query(
      `query($v: [String!]) { jobs(filter: { name: { in: $v } }) { nodes { id } } }`,
      {
        v: Array.from({ length: 500 }, (_, index) => `job-${index}`),
      },
    );
    expect(tooBig.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const badId = await stack.query(`{ jobs(filter: { id: { eq: "not-a-guid" } }) { nodes { id } } }`);
    expect(badId.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentPath: ["filter", "id", "eq"],
    });
    expect(sent()).toHaveLength(0);
  });
});
