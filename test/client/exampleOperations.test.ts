import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as generated from "../__generated__/operations.js";
import {
  BackupSessionsDashboardDocument,
  JobsLastResultDocument,
  JobSuccessRateDocument,
  LastNightFailedVmsDocument,
  LowSpaceRepositoriesDocument,
  SitesOverviewDocument,
  CdpReplicaSessionsPageDocument,
  CdpTaskSessionsInWindowDocument,
  FailedReplicaJobSessionsDocument,
  LookupDocument,
  NodesByIdsDocument,
  LiveBackupProgressDocument,
} from "../__generated__/operations.js";
import { print } from "graphql";
import { subscribeWs, wsClient } from "../helpers/liveClients.js";
import { waitFor } from "../reliability/waitFor.js";
import { startStack, type Stack } from "../helpers/startStack.js";
import { createGatewayClient, type GatewayClient } from "./gatewayClient.js";

// Every example operation of the README (schema/operations/*.graphql), run through its generated
// TypedDocumentNode against the gateway on the simulator. Ids come from list operations first, as a
// real client gets them.

let stack: Stack;
let client: GatewayClient;
/** Subscriptions run over WebSocket (the HTTP client does not see them). */
const subscriptionsRun = new Set<string>();
beforeAll(async () => {
  stack = await startStack();
  client = createGatewayClient(stack.gateway.url);
});
afterAll(() => stack.close());
beforeEach(() => stack.sim.clearRequests());

const HOUR = 3_600_000;

describe("the example operations through the generated client", () => {
  it("BackupSessionsDashboard: reports and the latest sessions with their links in five EM calls", async () => {
    await client.data(LowSpaceRepositoriesDocument); // log on before counting
    stack.sim.clearRequests();
    const data = await client.data(BackupSessionsDashboardDocument, { first: 20 });
    expect(data.summary.overview?.scheduledJobs).toBeGreaterThan(0);
    const sessions = data.backupJobSessions!.nodes;
    expect(sessions).toHaveLength(20);
    for (const session of sessions) {
      expect(session.job?.name).toBeTruthy();
      expect(session.backupServer?.version).toBeTruthy();
      for (const task of session.taskSessions!.nodes) expect(["WARNING", "FAILED"]).toContain(task.result);
    }
    expect(stack.upstream("")).toHaveLength(5);
    const running = await client.data(BackupSessionsDashboardDocument, {
      first: 5,
      filter: { state: { ne: "STOPPED" as never } },
    });
    for (const session of running.backupJobSessions!.nodes) expect(session.state).not.toBe("STOPPED");
  });

  it("LastNightFailedVms: failed VMs since a time in one EM call", async () => {
    await client.data(LowSpaceRepositoriesDocument);
    stack.sim.clearRequests();
    const since = new Date(Date.now() - 30 * 24 * HOUR).toISOString();
    const page = (await client.data(LastNightFailedVmsDocument, { since })).backupTaskSessions!;
    expect(page.nodes.length).toBeGreaterThan(0);
    for (const node of page.nodes) {
      expect(Date.parse(node.creationTimeUtc)).toBeGreaterThanOrEqual(Date.parse(since));
      expect(node.reason).toBeTruthy();
      expect(node.session?.name).toMatch(/@/);
    }
    // totalCount is counted by EM separately unless the page holds every row.
    expect(stack.upstream("/query").length).toBeLessThanOrEqual(2);
  });

  it("JobsLastResult: every backup job with its latest session, in two EM calls", async () => {
    await client.data(LowSpaceRepositoriesDocument);
    stack.sim.clearRequests();
    const since = new Date(Date.now() - 2 * 24 * HOUR).toISOString();
    const jobs = (await client.data(JobsLastResultDocument, { since })).jobs!.nodes;
    expect(jobs.length).toBeGreaterThan(20);
    expect(jobs.every((job) => job.jobType !== "REPLICA")).toBe(true);
    const withSession = jobs.filter((job) => job.backupSessions!.nodes.length === 1);
    expect(withSession.length).toBeGreaterThan(10);
    expect(stack.upstream("/query").map((r) => new URLSearchParams(r.query).get("type"))).toEqual([
      "Job",
      "BackupJobSession",
    ]);
  });

  it("LowSpaceRepositories: least free space first, with the computed share", async () => {
    const repositories = (await client.data(LowSpaceRepositoriesDocument)).repositories!.nodes;
    const shares = repositories.map((r) => r.freeSpacePercent!);
    expect(shares.some((share) => share < 10)).toBe(true);
    const free = repositories.map((r) => r.freeSpace!);
    expect([...free].sort((a, b) => a - b)).toEqual(free);
  });

  it("SitesOverview: each site's health and figures, and the failed sessions naming their site", async () => {
    const data = await client.data(SitesOverviewDocument, { first: 5 });
    expect(data.sites).toEqual([
      expect.objectContaining({
        name: "default",
        apiVersion: "v1_7",
        health: "UP",
        circuitBreaker: "CLOSED",
      }),
    ]);
    expect(data.sites[0]!.summary.overview!.failedVms).toBeGreaterThanOrEqual(0);
    expect(data.backupJobSessions!.nodes.length).toBeGreaterThan(0);
    for (const session of data.backupJobSessions!.nodes) expect(session.site.name).toBe("default");
  });

  it("JobSuccessRate: three counts of one job's sessions over 7 days", async () => {
    const since = new Date(Date.now() - 7 * 24 * HOUR).toISOString();
    const job = (await client.data(JobSuccessRateDocument, { jobName: "Backup Job 1", since })).jobs!
      .nodes[0]!;
    expect(job.name).toBe("Backup Job 1");
    expect(job.finished!.totalCount).toBeGreaterThanOrEqual(6);
    expect(job.successful!.totalCount + job.failed!.totalCount).toBeLessThanOrEqual(job.finished!.totalCount);
    expect(job.successful!.totalCount).toBeGreaterThan(0);
  });

  it("FailedReplicaJobSessions: a filtered list with its links and the failed VMs", async () => {
    const data = await client.data(FailedReplicaJobSessionsDocument, { first: 5 });
    const connection = data.replicaJobSessions!;
    expect(connection.nodes.length).toBeGreaterThan(0);
    expect(connection.totalCount).toBeGreaterThanOrEqual(connection.nodes.length);
    for (const session of connection.nodes) {
      expect(session.job?.name).toBeTruthy();
      expect(session.backupServer?.name).toBeTruthy();
      for (const task of session.taskSessions!.nodes) expect(["WARNING", "FAILED"]).toContain(task.result);
    }
    const lists = stack.upstream("/query").map((request) => new URLSearchParams(request.query).get("type"));
    expect(lists).toContain("ReplicaJobSession");
    expect(lists).toContain("ReplicaTaskSession");
  });

  it("CdpReplicaSessionsPage: two pages through the cursor, disjoint and newest first", async () => {
    const first = (await client.data(CdpReplicaSessionsPageDocument, { first: 3 })).cdpReplicaSessions!;
    expect(first.edges).toHaveLength(3);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (
      await client.data(CdpReplicaSessionsPageDocument, { first: 3, after: first.pageInfo.endCursor })
    ).cdpReplicaSessions!;
    expect(second.edges).toHaveLength(3);
    const ids = [...first.edges, ...second.edges].map((edge) => edge.node.id);
    expect(new Set(ids).size).toBe(6);
    const times = [...first.edges, ...second.edges].map((edge) => Date.parse(edge.node.creationTimeUtc));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(first.edges[0]!.node.policy?.name).toBeTruthy();
    expect(first.edges[0]!.node.backupServer?.name).toBeTruthy();
  });

  it("CdpTaskSessionsInWindow: the README's filter with variables, evaluated by EM", async () => {
    const page = (await client.data(CdpReplicaSessionsPageDocument, { first: 10 })).cdpReplicaSessions!;
    // A session that has just started may have no task session yet; any VM of the page will do.
    const vm = page.edges.flatMap((edge) => edge.node.taskSessions!.nodes)[0]!.vmDisplayName;
    const now = Date.now();
    const variables = {
      from: new Date(now - 48 * HOUR).toISOString(),
      to: new Date(now + HOUR).toISOString(),
      vm,
      minSize: 100_000_000_000,
    };
    stack.sim.clearRequests();
    const nodes = (await client.data(CdpTaskSessionsInWindowDocument, variables)).cdpReplicaTaskSessions!
      .nodes;
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      expect(
        node.vmDisplayName.toLowerCase() === vm.toLowerCase() || node.totalSize! > variables.minSize,
      ).toBe(true);
    }
    const sizes = nodes.map((node) => node.totalSize ?? 0);
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
    const [query] = stack.upstream("/query");
    expect(new URLSearchParams(query!.query).get("filter")).toContain("VmDisplayName");
  });

  it("Lookup and NodesByIds: objects by the ids a list returned", async () => {
    const failed = (await client.data(FailedReplicaJobSessionsDocument, { first: 1 })).replicaJobSessions!;
    const jobId = failed.nodes[0]!.job!.id;
    const page = (await client.data(CdpReplicaSessionsPageDocument, { first: 1 })).cdpReplicaSessions!;
    const session = page.edges[0]!.node;

    const lookup = await client.data(LookupDocument, { sessionId: session.id, jobId });
    expect(lookup.cdpReplicaSession).toMatchObject({
      name: session.name,
      policy: { name: session.policy!.name },
    });
    expect(lookup.node).toMatchObject({ __typename: "Job", id: jobId, name: failed.nodes[0]!.job!.name });

    const unknown = "urn:veeam:Job:00000000-0000-4000-8000-000000000000";
    const { nodes } = await client.data(NodesByIdsDocument, { ids: [session.policy!.id, jobId, unknown] });
    expect(nodes.map((node) => node?.__typename ?? null)).toEqual(["CdpPolicy", "Job", null]);
    expect(nodes[0]).toMatchObject({ id: session.policy!.id, name: session.policy!.name });
  });

  it("LiveBackupProgress: a subscription, over graphql-ws, starts and ends cleanly", async () => {
    const ws = wsClient(stack.gateway.url);
    const received = subscribeWs(ws, print(LiveBackupProgressDocument), {
      filter: { state: { ne: "STOPPED" } },
    });
    // Events come as sessions change (test/integration/subscriptions.test.ts follows them); here the
    // operation must be accepted and its feed must start polling.
    await waitFor(
      () => stack.upstream("/query").some((r) => r.query.includes("type=BackupJobSession")),
      "the feed's first poll",
    );
    expect(received.errors).toEqual([]);
    received.stop();
    await ws.dispose();
    subscriptionsRun.add("LiveBackupProgress");
  });

  it("ran every generated operation", () => {
    const documents = Object.keys(generated)
      .filter((name) => name.endsWith("Document"))
      .map((name) => name.slice(0, -"Document".length));
    expect(documents.length).toBeGreaterThan(0);
    expect([...client.operationsRun, ...subscriptionsRun].sort()).toEqual(documents.sort());
  });
});
