import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../helpers/startStack.js";

let stack: Stack;
beforeAll(async () => {
  // Per-request batching is what these count: the cross-request cache (test/integration/cache.test.ts) is off.
  stack = await startStack({ env: { CACHE: "off" } });
  await stack.query(`{ backupServers(first: 1) { nodes { id } } }`); // log on before counting
});
afterAll(() => stack.close());
beforeEach(() => stack.sim.clearRequests());

/** The query-service calls made since the last reset, as `type` plus decoded filter. */
function queries() {
  return stack.upstream("/query").map((request) => {
    const params = new URLSearchParams(request.query);
    return { type: params.get("type"), filter: params.get("filter") ?? "", pageSize: params.get("pageSize") };
  });
}

describe("link relations cost a handful of upstream calls", () => {
  it("50 CDP sessions with server, policy and 10 task sessions each: exactly 4 calls", async () => {
    const { data, errors } = await stack.query(`{
      cdpReplicaSessions(first: 50) {
        nodes {
          name
          backupServer { name version }
          policy { name description }
          taskSessions(first: 10) { nodes { name vmDisplayName session { name } } }
        }
      }
    }`);
    expect(errors).toBeUndefined();
    const nodes = data!.cdpReplicaSessions.nodes;
    expect(nodes).toHaveLength(50);
    for (const node of nodes) {
      expect(node.backupServer.version).toBeTruthy();
      expect(node.taskSessions.nodes.length).toBeGreaterThan(0);
      for (const task of node.taskSessions.nodes) expect(task.session.name).toBe(node.name);
    }
    const calls = queries();
    expect(calls.map((call) => call.type).sort()).toEqual([
      "BackupServer",
      "CdpPolicy",
      "CdpReplicaSession",
      "CdpReplicaTaskSession",
    ]);
    const tasks = calls.find((call) => call.type === "CdpReplicaTaskSession")!;
    expect(tasks.filter.match(/PolicySessionUid==/g)).toHaveLength(50);
    expect(stack.upstream("")).toHaveLength(4);
  });

  it("50 replica job sessions with server, job and task sessions: exactly 4 calls", async () => {
    const { data, errors } = await stack.query(`{
      replicaJobSessions(first: 50) {
        nodes {
          name
          backupServer { name version }
          job { name description platform }
          taskSessions(first: 10) { nodes { name vmDisplayName session { name } } }
        }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.replicaJobSessions.nodes).toHaveLength(50);
    expect(
      queries()
        .map((call) => call.type)
        .sort(),
    ).toEqual(["BackupServer", "Job", "ReplicaJobSession", "ReplicaTaskSession"]);
    expect(stack.upstream("")).toHaveLength(4);
  });

  it("task sessions → session { state progress } is one batch for all distinct sessions", async () => {
    const { data, errors } = await stack.query(`{
      cdpReplicaTaskSessions(first: 100) { nodes { policySessionUid session { id state progress } } }
    }`);
    expect(errors).toBeUndefined();
    const nodes = data!.cdpReplicaTaskSessions.nodes;
    for (const node of nodes) expect(node.session.id).toBe(node.policySessionUid);
    const distinct = new Set(nodes.map((node: { policySessionUid: string }) => node.policySessionUid));
    const calls = queries();
    expect(calls).toHaveLength(2);
    expect(calls[1]!.type).toBe("CdpReplicaSession");
    expect(calls[1]!.filter.match(/Id==/g)).toHaveLength(distinct.size);
  });

  it("links selected only as { id name __typename } cost nothing beyond the list", async () => {
    const { data, errors } = await stack.query(`{
      replicaTaskSessions(first: 20) {
        nodes { session { id name __typename } backupServer { ...Ref } }
      }
      replicaJobSessions(first: 20) { nodes { job { id name } backupServer { id name } } }
      cdpReplicaSessions(first: 20) { nodes { policy { name } backupServer { id } } }
    }
    fragment Ref on BackupServer { id name }`);
    expect(errors).toBeUndefined();
    expect(data!.replicaTaskSessions.nodes[0].session.__typename).toBe("ReplicaJobSession");
    expect(data!.replicaJobSessions.nodes[0].job.name).toBeTruthy();
    expect(
      queries()
        .map((call) => call.type)
        .sort(),
    ).toEqual(["CdpReplicaSession", "ReplicaJobSession", "ReplicaTaskSession"]);
  });

  it("loads the same key once per request however often it appears", async () => {
    const { data } = await stack.query(`{ backupServers(first: 1) { nodes { id } } }`);
    const id = data!.backupServers.nodes[0].id;
    stack.sim.clearRequests();
    await stack.query(
      `query($id: ID!) { a: backupServer(id: $id) { version } b: backupServer(id: $id) { version } c: node(id: $id) { id } }`,
      {
        id,
      },
    );
    expect(queries()).toHaveLength(1);
  });

  it("groups nested connections by their arguments: one call per distinct argument set", async () => {
    const { errors } = await stack.query(`{
      replicaJobSessions(first: 10) {
        nodes {
          failed: taskSessions(first: 5, filter: { result: { eq: FAILED } }) { nodes { id result } }
          all: taskSessions(first: 5) { totalCount nodes { id } }
        }
      }
    }`);
    expect(errors).toBeUndefined();
    const calls = queries();
    expect(calls.filter((call) => call.type === "ReplicaTaskSession")).toHaveLength(2);
    expect(calls).toHaveLength(3);
  });
});

describe("URL length cap", () => {
  let small: Stack;
  beforeAll(async () => {
    small = await startStack({ env: { VEEAM_EM_MAX_URL_LENGTH: "1024", CACHE: "off" } });
  });
  afterAll(() => small.close());

  it("splits a key batch that would pass the cap into the fewest calls that fit", async () => {
    const list = await small.query(`{ cdpReplicaTaskSessions(first: 60) { nodes { id } } }`);
    const ids: string[] = list.data!.cdpReplicaTaskSessions.nodes.map((node: { id: string }) => node.id);
    small.sim.clearRequests();
    const { data, errors } = await small.query(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
    expect(errors).toBeUndefined();
    expect(data!.nodes.map((node: { id: string }) => node.id)).toEqual(ids);
    const calls = small.upstream("/query");
    const origin = new URL(small.sim.url).origin;
    const lengths = calls.map((call) => `${origin}${call.path}?${call.query}`.length);
    for (const length of lengths) expect(length).toBeLessThanOrEqual(1024);
    const perCall = calls.map(
      (call) => (new URLSearchParams(call.query).get("filter") ?? "").split("Id==").length - 1,
    );
    expect(perCall.reduce((a, b) => a + b, 0)).toBe(60);
    // Fewest calls: every call but the last is full, i.e. one more id would not have fitted.
    const full = Math.max(...perCall);
    expect(calls).toHaveLength(Math.ceil(60 / full));
    const oneComparison = encodeURIComponent(`,Id=="${ids[0]}"`).length;
    expect(Math.max(...lengths) + oneComparison).toBeGreaterThan(1024);
  });
});
