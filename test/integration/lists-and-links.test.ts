import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../helpers/startStack.js";

let stack: Stack;
beforeAll(async () => {
  // Per-request call counts: the cross-request cache (test/integration/cache.test.ts) is off.
  stack = await startStack({ env: { CACHE: "off" } });
});
afterAll(() => stack.close());
beforeEach(() => stack.sim.clearRequests());

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("root lists", () => {
  it("lists CDP sessions newest first through one query-service call with an explicit pageSize", async () => {
    const { data, errors } = await stack.query(`{
      cdpReplicaSessions(first: 5) {
        nodes { id name policyUid policyName policyType creationTimeUtc endTimeUtc state result progress isRetry failureMessage }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }`);
    expect(errors).toBeUndefined();
    const nodes = data!.cdpReplicaSessions.nodes;
    expect(nodes).toHaveLength(5);
    expect(nodes[0].id).toMatch(/^urn:veeam:CdpReplicaSession:/);
    const times = nodes.map((node: { creationTimeUtc: string }) => Date.parse(node.creationTimeUtc));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(data!.cdpReplicaSessions.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const calls = stack.upstream("/query");
    expect(calls).toHaveLength(1);
    const params = new URLSearchParams(calls[0]!.query);
    expect(params.get("type")).toBe("CdpReplicaSession");
    expect(params.get("format")).toBe("Entities");
    expect(params.get("pageSize")).toBe("5");
    expect(params.get("page")).toBe("1");
    expect(params.get("sortDesc")).toBe("CreationTimeUTC");
  });

  it.each([
    ["cdpReplicaTaskSessions", "CdpReplicaTaskSession", "vmDisplayName policySessionUid totalSize state"],
    ["replicaJobSessions", "ReplicaJobSession", "jobUid jobName jobType state result progress"],
    [
      "replicaTaskSessions",
      "ReplicaTaskSession",
      "vmDisplayName jobSessionUid totalSize state result reason",
    ],
    ["backupServers", "BackupServer", "description port version"],
    ["cdpPolicies", "CdpPolicy", "description platform scheduleEnabled"],
    ["jobs", "Job", "jobType platform scheduleConfigured"],
  ])("lists %s", async (field, type, fields) => {
    const { data, errors } = await stack.query(`{ ${field}(first: 3) { nodes { id name ${fields} } } }`);
    expect(errors).toBeUndefined();
    expect(data![field].nodes.length).toBeGreaterThan(0);
    for (const node of data![field].nodes) expect(node.id).toMatch(new RegExp(`^urn:veeam:${type}:`));
    expect(stack.upstream("/query")).toHaveLength(1);
  });

  it("pages across boundaries with cursors and returns exactly what one larger page returns", async () => {
    const whole = await stack.query(`{ replicaTaskSessions(first: 9) { nodes { id } } }`);
    const ids: string[] = whole.data!.replicaTaskSessions.nodes.map((node: { id: string }) => node.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const response: { data?: any } = await stack.query<any>(
        `query Page($after: String) { replicaTaskSessions(first: 4, after: $after) { nodes { id } pageInfo { endCursor hasNextPage hasPreviousPage } } }`,
        { after },
      );
      const connection: any = response.data!.replicaTaskSessions;
      seen.push(...connection.nodes.map((node: { id: string }) => node.id));
      expect(connection.pageInfo.hasPreviousPage).toBe(page > 0);
      after = connection.pageInfo.endCursor;
    }
    expect(seen.slice(0, 9)).toEqual(ids);
  });

  it("orders by any queryable field, sent to EM as sortAsc/sortDesc with EM's field name", async () => {
    const { data } = await stack.query(
      `{ replicaJobSessions(first: 20, orderBy: { field: CREATION_TIME_UTC, direction: ASC }) { nodes { creationTimeUtc } } }`,
    );
    const times = data!.replicaJobSessions.nodes.map(
      (node: { creationTimeUtc: string }) => node.creationTimeUtc,
    );
    expect([...times].sort()).toEqual(times);
    expect(new URLSearchParams(stack.upstream("/query")[0]!.query).get("sortAsc")).toBe("CreationTime");

    stack.sim.clearRequests();
    const byName = await stack.query(
      `{ backupServers(orderBy: { field: NAME, direction: DESC }) { nodes { name } } }`,
    );
    const names = byName.data!.backupServers.nodes.map((node: { name: string }) => node.name.toLowerCase());
    expect([...names].sort().reverse()).toEqual(names);
    expect(new URLSearchParams(stack.upstream("/query")[0]!.query).get("sortDesc")).toBe("Name");
  });

  it("costs an extra upstream request for totalCount only when it is selected", async () => {
    await stack.query(`{ cdpReplicaTaskSessions(first: 2) { nodes { id } } }`);
    expect(stack.upstream("/query")).toHaveLength(1);
    stack.sim.clearRequests();
    const { data } = await stack.query(`{ cdpReplicaTaskSessions(first: 2) { totalCount nodes { id } } }`);
    expect(data!.cdpReplicaTaskSessions.totalCount).toBeGreaterThan(2);
    expect(stack.upstream("/query")).toHaveLength(2);
  });

  it("answers totalCount from the last page without a second request", async () => {
    const { data } = await stack.query(`{ backupServers(first: 100) { totalCount nodes { id } } }`);
    expect(data!.backupServers.totalCount).toBe(data!.backupServers.nodes.length);
    expect(stack.upstream("/query")).toHaveLength(1);
  });

  it("rejects first over the cap and foreign cursors as BAD_USER_INPUT before asking EM", async () => {
    const tooMany = await stack.query(`{ jobs(first: 100000) { nodes { id } } }`);
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentPath: ["first"],
    });
    const badCursor = await stack.query(`{ jobs(after: "bogus") { nodes { id } } }`);
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentPath: ["after"],
    });
    expect(stack.upstream("/query")).toHaveLength(0);
  });
});

describe("lookups and node", () => {
  async function anyIds() {
    const { data } = await stack.query(`{
      cdpReplicaTaskSessions(first: 1) { nodes { id session { id } backupServer { id } } }
      replicaTaskSessions(first: 1) { nodes { id session { id job { id } } } }
      cdpPolicies(first: 1) { nodes { id } }
    }`);
    const cdpTask = data!.cdpReplicaTaskSessions.nodes[0];
    const task = data!.replicaTaskSessions.nodes[0];
    return {
      cdpReplicaTaskSession: cdpTask.id as string,
      cdpReplicaSession: cdpTask.session.id as string,
      backupServer: cdpTask.backupServer.id as string,
      replicaTaskSession: task.id as string,
      replicaJobSession: task.session.id as string,
      job: task.session.job.id as string,
      cdpPolicy: data!.cdpPolicies.nodes[0].id as string,
    };
  }

  it("looks every type up by URN and by bare GUID", async () => {
    const ids = await anyIds();
    for (const [field, urn] of Object.entries(ids)) {
      const guid = urn.split(":").pop()!;
      expect(guid).toMatch(GUID);
      const { data, errors } = await stack.query(
        `query($a: ID!, $b: ID!) { a: ${field}(id: $a) { id name } b: ${field}(id: $b) { id } }`,
        { a: urn, b: guid },
      );
      expect(errors).toBeUndefined();
      expect(data!["a"].id).toBe(urn);
      expect(data!["b"].id).toBe(urn);
    }
  });

  it("returns null for an id EM does not know, and BAD_USER_INPUT for an id of another type", async () => {
    const unknown = await stack.query(
      `{ replicaJobSession(id: "00000000-0000-4000-8000-000000000000") { id } }`,
    );
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data!.replicaJobSession).toBeNull();
    stack.sim.clearRequests();
    const wrong = await stack.query(
      `{ replicaJobSession(id: "urn:veeam:Job:00000000-0000-4000-8000-000000000000") { id } }`,
    );
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentPath: ["id"] });
    expect(stack.upstream("/query")).toHaveLength(0);
  });

  it("dispatches node and nodes on the type inside the URN, one query per type", async () => {
    const ids = await anyIds();
    stack.sim.clearRequests();
    const { data, errors } = await stack.query(
      `query($ids: [ID!]!, $one: ID!) {
        node(id: $one) { __typename id ... on Job { name } }
        nodes(ids: $ids) { __typename id }
      }`,
      { ids: [...Object.values(ids), "urn:veeam:Job:00000000-0000-4000-8000-000000000000"], one: ids.job },
    );
    expect(errors).toBeUndefined();
    expect(data!.node).toMatchObject({ __typename: "Job", id: ids.job });
    expect(data!.nodes.map((node: { __typename: string } | null) => node?.__typename ?? null)).toEqual([
      "CdpReplicaTaskSession",
      "CdpReplicaSession",
      "BackupServer",
      "ReplicaTaskSession",
      "ReplicaJobSession",
      "Job",
      "CdpPolicy",
      null,
    ]);
    // Seven types, each one batched query; the Job of `node` and `nodes` is loaded once.
    expect(stack.upstream("/query")).toHaveLength(7);
  });
});

describe("bad ids and cursors get errors that say what to do", () => {
  it("points a bare GUID in node(id:) to the URN form or the type's own field", async () => {
    const guid = "6b872a71-51e8-437a-8d45-5c6494b92f3f";
    const { errors } = await stack.query(`query($id: ID!) { node(id: $id) { id } }`, { id: guid });
    expect(errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentPath: ["id"] });
    expect(errors?.[0]?.message).toMatch(
      /bare GUID does not say which type.*urn:veeam:<Type>:<guid>.*`job\(id:\)`/,
    );
  });

  it("echoes at most 64 characters of a 900 KB id", async () => {
    const id = "x".repeat(900_000);
    stack.sim.clearRequests();
    const response = await stack.query(`query($id: ID!) { node(id: $id) { id } }`, { id });
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(response.errors?.[0]?.message).toContain(`"${"x".repeat(64)}"… (900000 characters)`);
    expect(response.text.length).toBeLessThan(2_000);
    expect(stack.sim.requests).toHaveLength(0);
  });

  it("says where a valid cursor comes from", async () => {
    const { errors } = await stack.query(`{ jobs(after: "nonsense") { nodes { id } } }`);
    expect(errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentPath: ["after"] });
    expect(errors?.[0]?.message).toMatch(/pageInfo\.endCursor.*leave `after` out/);
  });
});

describe("links in both directions", () => {
  it("follows CDP session → server, policy, task sessions → session, server", async () => {
    const { data, errors } = await stack.query(`{
      cdpReplicaSessions(first: 3) {
        nodes {
          id backupServerUid
          backupServer { id name version port }
          policy { id name platform backupServer { id version } }
          taskSessions(first: 50) { totalCount nodes { id vmDisplayName session { id name state } backupServer { id name description } } }
        }
      }
    }`);
    expect(errors).toBeUndefined();
    for (const session of data!.cdpReplicaSessions.nodes) {
      expect(session.backupServer.id).toBe(session.backupServerUid);
      expect(session.backupServer.version).toMatch(/^\d+\.\d+/);
      expect(session.policy.id).toMatch(/^urn:veeam:CdpPolicy:/);
      expect(session.policy.backupServer.id).toBe(session.backupServer.id);
      expect(session.taskSessions.totalCount).toBe(session.taskSessions.nodes.length);
      expect(session.taskSessions.nodes.length).toBeGreaterThan(0);
      for (const task of session.taskSessions.nodes) {
        expect(task.session.id).toBe(session.id);
        expect(task.backupServer.id).toBe(session.backupServer.id);
      }
    }
  });

  it("follows replica session → server, job, task sessions → session, server, and job → server", async () => {
    const { data, errors } = await stack.query(`{
      replicaJobSessions(first: 3) {
        nodes {
          id jobUid
          backupServer { name }
          job { id name jobType backupServer { name } }
          taskSessions { nodes { id session { id jobName } backupServer { name version } } }
        }
      }
    }`);
    expect(errors).toBeUndefined();
    for (const session of data!.replicaJobSessions.nodes) {
      expect(session.job.id).toBe(session.jobUid);
      expect(session.job.jobType).toBe("REPLICA");
      expect(session.job.backupServer.name).toBe(session.backupServer.name);
      for (const task of session.taskSessions.nodes) expect(task.session.id).toBe(session.id);
    }
  });
});

describe("down links from policies and jobs", () => {
  it("lists each policy's sessions and each job's replication sessions in one batched call per kind", async () => {
    stack.sim.clearRequests();
    const { data, errors } = await stack.query(`{
      cdpPolicies { nodes { id sessions(first: 3) { nodes { policyUid creationTimeUtc } } } }
      jobs(filter: { jobType: { eq: REPLICA } }) { nodes { id replicaSessions(first: 2, filter: { result: { eq: SUCCESS } }) { nodes { jobUid result } } } }
    }`);
    expect(errors).toBeUndefined();
    for (const policy of data!.cdpPolicies.nodes) {
      expect(policy.sessions.nodes).toHaveLength(3);
      for (const session of policy.sessions.nodes) expect(session.policyUid).toBe(policy.id);
      const times = policy.sessions.nodes.map(
        (session: { creationTimeUtc: string }) => session.creationTimeUtc,
      );
      expect([...times].sort().reverse()).toEqual(times);
    }
    for (const job of data!.jobs.nodes) {
      for (const session of job.replicaSessions.nodes)
        expect(session).toEqual({ jobUid: job.id, result: "SUCCESS" });
    }
    const types = stack.upstream("/query").map((request) => new URLSearchParams(request.query).get("type"));
    expect(types.sort()).toEqual(["CdpPolicy", "CdpReplicaSession", "Job", "ReplicaJobSession"]);
  });
});

describe("down links from backup servers", () => {
  it("lists each server's jobs and CDP policies, one batched call per kind", async () => {
    stack.sim.clearRequests();
    const { data, errors } = await stack.query(`{
      backupServers {
        nodes {
          id
          jobs(orderBy: { field: NAME, direction: ASC }) { totalCount nodes { name backupServerUid } }
          cdpPolicies { nodes { name backupServerUid } }
        }
      }
    }`);
    expect(errors).toBeUndefined();
    let jobs = 0;
    for (const server of data!.backupServers.nodes) {
      for (const job of server.jobs.nodes) expect(job.backupServerUid).toBe(server.id);
      for (const policy of server.cdpPolicies.nodes) expect(policy.backupServerUid).toBe(server.id);
      expect(server.jobs.totalCount).toBe(server.jobs.nodes.length);
      jobs += server.jobs.nodes.length;
    }
    expect(jobs).toBeGreaterThan(0);
    const types = stack.upstream("/query").map((request) => new URLSearchParams(request.query).get("type"));
    expect(types.sort()).toEqual(["BackupServer", "CdpPolicy", "Job"]);
  });
});
