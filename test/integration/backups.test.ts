import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../helpers/startStack.js";

/*
 * The resources every EM dashboard reads (issue 15), through GraphQL against the simulator: backup job and
 * task sessions, repositories and the summary reports. The simulator's clock is a variable here, so the
 * data stands still until a test moves it.
 */

let now = new Date("2025-11-05T12:00:00Z");
let stack: Stack;
beforeAll(async () => {
  // Per-request call counts: the cross-request cache (test/integration/cache.test.ts) is off.
  stack = await startStack({ simulator: { clock: () => now }, env: { CACHE: "off" } });
  await stack.query(`{ backupServers(first: 1) { nodes { id } } }`); // log on before counting
});
afterAll(() => stack.close());
beforeEach(() => stack.sim.clearRequests());

/** The query-service calls made since the last reset, as `type` plus decoded filter. */
function queries() {
  return stack.upstream("/query").map((request) => {
    const params = new URLSearchParams(request.query);
    return { type: params.get("type"), filter: params.get("filter") ?? "", sort: params.get("sortDesc") };
  });
}

async function ok<T = Record<string, any>>(
  document: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  const { data, errors } = await stack.query<T>(document, variables);
  expect(errors).toBeUndefined();
  return data!;
}

describe("BackupJobSession", () => {
  it("50 sessions with their job, server and task sessions cost exactly 4 EM calls, as an optimal script", async () => {
    const data = await ok(`{
      backupJobSessions(first: 50) {
        nodes {
          id name jobUid jobName jobType creationTimeUtc endTimeUtc state result progress isRetry
          failureMessage backupServerName
          job { id name jobType scheduleEnabled }
          backupServer { name version }
          taskSessions(first: 20) { nodes { vmDisplayName result reason totalSize progress session { id name } } }
        }
      }
    }`);
    const nodes = data.backupJobSessions.nodes;
    expect(nodes).toHaveLength(50);
    for (const node of nodes) {
      expect(node.id).toMatch(/^urn:veeam:BackupJobSession:[0-9a-f-]{36}$/);
      expect(node.job.id).toBe(node.jobUid);
      expect(node.job.name).toBe(node.jobName);
      expect(node.backupServer.name).toBe(node.backupServerName);
      expect(["BACKUP", "BACKUP_COPY", "IMMEDIATE_BACKUP_COPY"]).toContain(node.jobType);
      expect(node.taskSessions.nodes.length).toBeGreaterThanOrEqual(3);
      for (const task of node.taskSessions.nodes)
        expect(task.session).toEqual({ id: node.id, name: node.name });
      if (node.state === "STOPPED") {
        expect(node.endTimeUtc).not.toBeNull();
        expect(node.progress).toBe(100);
        expect(node.result).not.toBe("NONE");
      } else {
        expect(node.endTimeUtc).toBeNull();
        expect(node.result).toBe("NONE");
      }
      if (node.result === "FAILED") expect(node.failureMessage).toBeTruthy();
    }
    // Newest first by default, and the list is one query sorted by EM.
    const times = nodes.map((n: { creationTimeUtc: string }) => Date.parse(n.creationTimeUtc));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(
      queries()
        .map((call) => call.type)
        .sort(),
    ).toEqual(["BackupJobSession", "BackupServer", "BackupTaskSession", "Job"]);
    expect(
      queries()
        .find((call) => call.type === "BackupTaskSession")!
        .filter.match(/JobSessionUid==/g),
    ).toHaveLength(50);
    expect(stack.upstream("")).toHaveLength(4);
  });

  it("pushes filters down as Veeam filter syntax, hostile values included, with exact upstream text", async () => {
    const data = await ok(`{
      backupJobSessions(first: 5, filter: {
        result: { in: [FAILED, WARNING] }
        creationTimeUtc: { gte: "2025-10-29T00:00:00Z" }
        jobName: { ne: "x\\";Result==Success,(" }
      }) { totalCount nodes { result creationTimeUtc } }
    }`);
    expect(data.backupJobSessions.totalCount).toBeGreaterThan(0);
    for (const node of data.backupJobSessions.nodes) {
      expect(["FAILED", "WARNING"]).toContain(node.result);
      expect(Date.parse(node.creationTimeUtc)).toBeGreaterThanOrEqual(Date.parse("2025-10-29T00:00:00Z"));
    }
    const filters = queries().map((call) => call.filter);
    // In the declaration's field order, values quoted and their quotes doubled: the hostile text stays a value.
    expect(new Set(filters)).toEqual(
      new Set([
        'JobName!="x"";Result==Success,(";CreationTime>="2025-10-29T00:00:00Z";(Result==Failed,Result==Warning)',
      ]),
    );
    // A value that only looks like syntax matches nothing and changes nothing.
    const none = await ok(
      `{ backupJobSessions(first: 5, filter: { jobName: { eq: "\\" , Name!=\\"" } }) { totalCount nodes { id } } }`,
    );
    expect(none.backupJobSessions).toEqual({ totalCount: 0, nodes: [] });
  });

  it("pages with Relay cursors and orders by any query field", async () => {
    const first = await ok(`{
      backupJobSessions(first: 3, orderBy: { field: NAME, direction: ASC }) {
        pageInfo { hasNextPage endCursor } nodes { name }
      }
    }`);
    const page = first.backupJobSessions;
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = await ok(
      `query($after: String) { backupJobSessions(first: 3, after: $after, orderBy: { field: NAME, direction: ASC }) { nodes { name } } }`,
      { after: page.pageInfo.endCursor },
    );
    const names = [...page.nodes, ...second.backupJobSessions.nodes].map((n: { name: string }) => n.name);
    expect([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()))).toEqual(names);
    expect(new Set(names).size).toBe(6);
  });

  it("is a Node: node(id) with its URN, lookup by bare GUID, null for an unknown id", async () => {
    const list = await ok(`{ backupJobSessions(first: 1) { nodes { id name } } }`);
    const { id, name } = list.backupJobSessions.nodes[0];
    const guid = id.split(":").pop();
    const data = await ok(
      `query($id: ID!, $guid: ID!) {
        node(id: $id) { __typename id ... on BackupJobSession { name } }
        backupJobSession(id: $guid) { id name }
        missing: backupJobSession(id: "urn:veeam:BackupJobSession:00000000-0000-0000-0000-000000000000") { id }
      }`,
      { id, guid },
    );
    expect(data.node).toEqual({ __typename: "BackupJobSession", id, name });
    expect(data.backupJobSession).toEqual({ id, name });
    expect(data.missing).toBeNull();
  });

  it("Job.backupSessions is batched across jobs, with the filter applied to every job", async () => {
    const data = await ok(`{
      jobs(first: 40, filter: { jobType: { eq: BACKUP } }) {
        nodes { id name backupSessions(first: 3, filter: { result: { eq: SUCCESS }, creationTimeUtc: { gte: "2025-11-03T00:00:00Z" } }) { nodes { jobUid result } } }
      }
    }`);
    const jobs = data.jobs.nodes;
    expect(jobs.length).toBeGreaterThan(10);
    for (const job of jobs) {
      for (const session of job.backupSessions.nodes)
        expect(session).toEqual({ jobUid: job.id, result: "SUCCESS" });
    }
    expect(queries().map((call) => call.type)).toEqual(["Job", "BackupJobSession"]);
  });
});

describe("BackupTaskSession", () => {
  it("last night's failed VMs: one query, with the session link answered from the link alone", async () => {
    const data = await ok(`{
      backupTaskSessions(first: 100, filter: {
        creationTimeUtc: { gte: "2025-11-04T18:00:00Z" }
        result: { in: [FAILED, WARNING] }
      }) { nodes { vmDisplayName result reason jobSessionUid jobSessionName session { id name } } }
    }`);
    const nodes = data.backupTaskSessions.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      expect(node.reason).toBeTruthy();
      expect(node.session).toEqual({ id: node.jobSessionUid, name: node.jobSessionName });
    }
    expect(stack.upstream("")).toHaveLength(1);
  });

  it("follows its session up in one batch, and is a Node", async () => {
    const data = await ok(
      `{ backupTaskSessions(first: 30) { nodes { id session { state job { name platform } } } } }`,
    );
    expect(data.backupTaskSessions.nodes.every((n: any) => n.session.job.platform)).toBe(true);
    expect(queries().map((call) => call.type)).toEqual(["BackupTaskSession", "BackupJobSession", "Job"]);
    const id = data.backupTaskSessions.nodes[0].id;
    const node = await ok(`query($id: ID!) { node(id: $id) { __typename id } }`, { id });
    expect(node.node).toEqual({ __typename: "BackupTaskSession", id });
  });
});

describe("Repository", () => {
  it("lists repositories with capacity and free space, and BackupServer.repositories in one batch", async () => {
    const data = await ok(`{
      repositories(first: 50, orderBy: { field: FREE_SPACE, direction: ASC }) {
        nodes { id name kind capacity freeSpace freeSpacePercent backupServer { id name } }
      }
      backupServers(first: 10) { nodes { id repositories(first: 10) { totalCount nodes { id backupServerUid } } } }
    }`);
    const repositories = data.repositories.nodes;
    expect(repositories.length).toBeGreaterThanOrEqual(8);
    const free = repositories.map((r: { freeSpace: number }) => r.freeSpace);
    expect([...free].sort((a, b) => a - b)).toEqual(free);
    for (const r of repositories) {
      expect(r.freeSpacePercent).toBeCloseTo((r.freeSpace / r.capacity) * 100, 1);
      expect(r.id).toMatch(/^urn:veeam:Repository:/);
    }
    expect(
      repositories.filter((r: { freeSpacePercent: number }) => r.freeSpacePercent < 10).length,
    ).toBeGreaterThan(0);
    let total = 0;
    for (const server of data.backupServers.nodes) {
      total += server.repositories.totalCount;
      for (const r of server.repositories.nodes) expect(r.backupServerUid).toBe(server.id);
    }
    expect(total).toBe(repositories.length);
    expect(
      queries()
        .map((call) => call.type)
        .sort(),
    ).toEqual(["BackupServer", "Repository", "Repository"]);
  });

  it("filters on capacity and free space (Long) and on kind, and resolves node(id)", async () => {
    const data = await ok(`{
      repositories(first: 50, filter: { freeSpace: { lt: 1099511627776 }, kind: { ne: "WindowsLocal" } }) {
        nodes { id kind freeSpace }
      }
    }`);
    for (const r of data.repositories.nodes) {
      expect(r.freeSpace).toBeLessThan(1099511627776);
      expect(r.kind).not.toBe("WindowsLocal");
    }
    expect(queries()[0].filter).toBe('FreeSpace<1099511627776;Kind!="WindowsLocal"');
    const id = data.repositories.nodes[0]?.id;
    if (id) expect((await ok(`query($id: ID!) { node(id: $id) { id } }`, { id })).node).toEqual({ id });
  });
});

describe("summary", () => {
  it("reads each of the five reports once per request, however many fields and aliases ask", async () => {
    const data = await ok(`{
      summary {
        overview { backupServers proxyServers repositoryServers runningJobs scheduledJobs successfulVms warningVms failedVms }
        again: overview { backupServers }
        jobStatistics { totalJobRuns successfulJobRuns warningJobRuns failedJobRuns maxJobDurationSeconds maxDurationBackupJobName }
        vmsOverview { protectedVms backedUpVms restorePoints fullBackupPointsSize successBackupPercent }
        repositories { name capacity freeSpace backupSize freeSpacePercent }
        processedVms { day backedUpVms replicatedVms }
      }
      also: summary { overview { failedVms } processedVms { day } }
    }`);
    const s = data.summary;
    expect(s.overview.backupServers).toBe(4);
    expect(s.again.backupServers).toBe(4);
    expect(s.overview.runningJobs).toBeGreaterThan(0);
    expect(s.jobStatistics.totalJobRuns).toBe(
      s.jobStatistics.successfulJobRuns +
        s.jobStatistics.warningJobRuns +
        s.jobStatistics.failedJobRuns +
        s.overview.runningJobs,
    );
    expect(s.vmsOverview.protectedVms).toBeGreaterThanOrEqual(s.vmsOverview.backedUpVms);
    expect(s.repositories.length).toBeGreaterThanOrEqual(8);
    expect(s.processedVms).toHaveLength(7);
    expect(s.processedVms[6].day).toBe("2025-11-05T00:00:00.000Z");
    const reports = stack.upstream("/reports").map((r) => r.path);
    expect(reports.sort()).toEqual([
      "/api/reports/summary/job_statistics",
      "/api/reports/summary/overview",
      "/api/reports/summary/processed_vms",
      "/api/reports/summary/repository",
      "/api/reports/summary/vms_overview",
    ]);
    expect(stack.upstream("")).toHaveLength(5);
  });

  it("selecting nothing but `summary { __typename }` costs nothing; report rows find their Repository in one query", async () => {
    expect(await ok(`{ summary { __typename } }`)).toEqual({ summary: { __typename: "Summary" } });
    expect(stack.upstream("")).toHaveLength(0);
    const data = await ok(`{ summary { repositories { name freeSpace repository { id name freeSpace } } } }`);
    for (const row of data.summary.repositories) {
      if (row.name === "Default Backup Repository")
        expect(row.repository).toBeNull(); // on every server
      else
        expect(row.repository).toEqual({
          id: expect.stringMatching(/^urn:veeam:Repository:/),
          name: row.name,
          freeSpace: row.freeSpace,
        });
    }
    expect(queries().map((call) => call.type)).toEqual(["Repository"]);
    expect(stack.upstream("")).toHaveLength(2);
  });

  it("a report EM cannot give is null with an error; the others still answer", async () => {
    stack.sim.faults.inject({ kind: "status", status: 404 }, { pathPrefix: "/reports/summary/overview" });
    const { data, errors } = await stack.query(
      `{ summary { overview { backupServers } vmsOverview { protectedVms } } }`,
    );
    expect(data!.summary.overview).toBeNull();
    expect(data!.summary.vmsOverview.protectedVms).toBeGreaterThan(0);
    expect(errors).toHaveLength(1);
    expect(errors![0].path).toEqual(["summary", "overview"]);
  });
});

describe("live sessions", () => {
  it("running sessions advance on the simulator's clock and stop with a result; new runs start", async () => {
    const before = await ok(`{
      backupJobSessions(first: 50, filter: { state: { ne: STOPPED } }) {
        totalCount nodes { id progress taskSessions(first: 20) { nodes { state } } }
      }
    }`);
    const running = before.backupJobSessions.nodes;
    expect(running.length).toBeGreaterThan(0);
    const states = running.flatMap((s: any) => s.taskSessions.nodes.map((t: any) => t.state));
    expect(states).toContain("IN_PROGRESS");
    const total = (await ok(`{ backupJobSessions { totalCount } }`)).backupJobSessions.totalCount;

    now = new Date(now.getTime() + 2 * 60 * 60 * 1000);
    const after = await ok(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on BackupJobSession { id state result progress endTimeUtc
        taskSessions(first: 20) { nodes { state result endTimeUtc } } } } }`,
      { ids: running.map((s: { id: string }) => s.id) },
    );
    for (const session of after.nodes) {
      expect(session.state).toBe("STOPPED");
      expect(session.progress).toBe(100);
      expect(["SUCCESS", "WARNING", "FAILED"]).toContain(session.result);
      expect(session.endTimeUtc).not.toBeNull();
      for (const task of session.taskSessions.nodes) {
        expect(task.state).toBe("COMPLETED");
        expect(task.endTimeUtc).not.toBeNull();
      }
    }
    const later = (await ok(`{ backupJobSessions { totalCount } }`)).backupJobSessions.totalCount;
    expect(later).toBeGreaterThan(total);
  });
});
