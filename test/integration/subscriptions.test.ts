import { setTimeout as sleep } from "node:timers/promises";
import { ApolloClient, gql, InMemoryCache } from "@apollo/client";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wsUrlOf, subscribeSse, subscribeWs, wsClient } from "../helpers/liveClients.js";
import { startStack, type Stack } from "../helpers/startStack.js";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { waitFor } from "../reliability/waitFor.js";

/*
 * Live progress (issue 18) through the real clients: graphql-ws, graphql-sse and Apollo Client's
 * WebSocket link, against the gateway on the simulator. The simulator's clock is a variable that the tests
 * move, so sessions progress and stop when a test says so; feeds poll every second (the minimum).
 */

const INTERVAL_MS = 1000;
let now = new Date("2025-11-05T21:30:00Z");
let stack: Stack;
let clock: NodeJS.Timeout | undefined;

/** Moves the simulated clock by `minutes` every 250 ms until `stopClock()`. */
function runClock(minutesPerTick: number): void {
  stopClock();
  clock = setInterval(() => (now = new Date(now.getTime() + minutesPerTick * 60_000)), 250);
}
function stopClock(): void {
  clearInterval(clock);
}

beforeAll(async () => {
  stack = await startStack({
    simulator: { clock: () => now },
    env: {
      LIVE_POLL_INTERVAL_MS: String(INTERVAL_MS),
      VEEAM_EM_MAX_RETRIES: "0",
      VEEAM_EM_BREAKER_COOLDOWN_MS: "1500",
      LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: "25",
    },
  });
  await stack.query(`{ backupServers(first: 1) { nodes { id } } }`); // log on before counting
});
afterAll(async () => {
  stopClock();
  await stack.close();
});

/** Query-service calls of `type` the simulator received since `since`. */
function pollsOf(type: string, since: number): number {
  return stack
    .upstream("/query")
    .filter((r) => r.at.getTime() >= since && new URLSearchParams(r.query).get("type") === type).length;
}

/**
 * A backup session running now, with at least a few simulated minutes to go. Earlier tests move the clock
 * on, so when none is running the clock is moved to the next one that is.
 */
async function runningBackupSession(): Promise<{ id: string; jobUid: string; jobName: string }> {
  for (let step = 0; step < 300; step++) {
    const { data } = await stack.query(`{
      backupJobSessions(first: 20, filter: { state: { eq: WORKING } }) { nodes { id jobUid jobName progress } }
    }`);
    const session = data!.backupJobSessions.nodes.find((s: { progress: number }) => s.progress < 60);
    if (session) return session;
    now = new Date(now.getTime() + 10 * 60_000);
  }
  throw new Error("no backup session runs in the next two days of the simulated clock");
}

const FOLLOW = `subscription Follow($filter: BackupJobSessionFilter) {
  backupJobSessionChanged(filter: $filter) {
    id state result progress endTimeUtc
    job { name }
    taskSessions(first: 10) { nodes { vmDisplayName state } }
  }
}`;

describe("subscriptions over graphql-ws", () => {
  it("follows a running session from its progress to Stopped: each change once, in order, nested fields fresh", async () => {
    const session = await runningBackupSession();
    const client = wsClient(stack.gateway.url);
    const received = subscribeWs(client, FOLLOW, { filter: { jobUid: { eq: session.jobUid } } });
    try {
      await sleep(INTERVAL_MS * 1.5); // the feed's baseline poll
      runClock(2);
      const mine = () =>
        received.events.map((e) => e.backupJobSessionChanged).filter((s: any) => s.id === session.id);
      await waitFor(() => mine().some((s: any) => s.state === "STOPPED"), "the session to stop", 60_000);
      stopClock();
      await sleep(INTERVAL_MS * 2);
      const events = mine();
      expect(received.errors).toEqual([]);
      expect(events.length).toBeGreaterThanOrEqual(2);
      // In order: progress never goes back; no event repeats the one before it; Stopped comes last, once.
      for (let i = 1; i < events.length; i++) {
        expect(events[i].progress).toBeGreaterThanOrEqual(events[i - 1].progress);
        expect(events[i]).not.toEqual(events[i - 1]);
      }
      const last = events[events.length - 1];
      expect(events.filter((e: any) => e.state === "STOPPED")).toEqual([last]);
      expect(["SUCCESS", "WARNING", "FAILED"]).toContain(last.result);
      expect(last.endTimeUtc).not.toBeNull();
      expect(last.job.name).toBe(session.jobName);
      // Nested fields were read for this event, not cached from the first: every task is done.
      expect(last.taskSessions.nodes.every((t: any) => t.state === "COMPLETED")).toBe(true);
    } finally {
      stopClock();
      received.stop();
      await client.dispose();
    }
  });

  it("follows the task sessions of a running session: each VM's progress, then each completes, one by one", async () => {
    const session = await runningBackupSession();
    const client = wsClient(stack.gateway.url);
    const received = subscribeWs(
      client,
      `subscription($filter: BackupTaskSessionFilter) { backupTaskSessionChanged(filter: $filter) { id vmDisplayName state progress result session { id } } }`,
      { filter: { jobSessionUid: { eq: session.id } } },
    );
    try {
      await sleep(INTERVAL_MS * 1.5);
      const { data } = await stack.query(
        `query($id: ID!) { backupJobSession(id: $id) { taskSessions { nodes { id state } } } }`,
        { id: session.id },
      );
      const tasks: Array<{ id: string; state: string }> = data!.backupJobSession.taskSessions.nodes;
      const open = tasks.filter((t) => t.state !== "COMPLETED").map((t) => t.id);
      expect(open.length).toBeGreaterThan(0);
      runClock(2);
      const completed = () =>
        new Set(
          received.events
            .map((e) => e.backupTaskSessionChanged)
            .filter((t: any) => t.state === "COMPLETED")
            .map((t: any) => t.id),
        );
      await waitFor(() => open.every((id) => completed().has(id)), "every open task to complete", 60_000);
      stopClock();
      const events = received.events.map((e) => e.backupTaskSessionChanged);
      expect(events.every((t: any) => t.session.id === session.id)).toBe(true);
      for (const id of open) {
        const mine = events.filter((t: any) => t.id === id);
        expect(mine.filter((t: any) => t.state === "COMPLETED")).toHaveLength(1);
        expect(mine.at(-1).state).toBe("COMPLETED");
        expect(["SUCCESS", "WARNING", "FAILED"]).toContain(mine.at(-1).result);
      }
      // One by one: the completions arrived in more than one event batch.
      const firstCompletion = events.findIndex((t: any) => t.state === "COMPLETED");
      expect(events.slice(firstCompletion + 1).some((t: any) => t.state !== "COMPLETED")).toBe(
        open.length > 1,
      );
    } finally {
      stopClock();
      received.stop();
      await client.dispose();
    }
  });

  it("20 subscribers of one filter cost one EM poll per interval, and none once they all left", async () => {
    const clients = Array.from({ length: 4 }, () => wsClient(stack.gateway.url));
    const subscriptions = Array.from({ length: 20 }, (_, i) =>
      subscribeWs(clients[i % 4]!, `subscription { replicaJobSessionChanged { id state progress } }`),
    );
    try {
      await sleep(INTERVAL_MS * 1.5);
      const from = Date.now();
      await sleep(INTERVAL_MS * 4);
      const polls = pollsOf("ReplicaJobSession", from);
      expect(polls).toBeGreaterThanOrEqual(3);
      expect(polls).toBeLessThanOrEqual(5);
      const metrics = await (await fetch(stack.gateway.url.replace("/graphql", "/metrics"))).text();
      expect(metrics).toMatch(/gateway_live_subscriptions 20\b/);
      expect(metrics).toMatch(/gateway_live_feeds\{role="polling"\} 1\b/);
      expect(metrics).toMatch(
        /gateway_live_polls_total\{site="default",entity="ReplicaJobSession",outcome="unchanged"\} \d+/,
      );
    } finally {
      for (const subscription of subscriptions) subscription.stop();
    }
    await sleep(INTERVAL_MS * 1.5);
    const after = Date.now();
    await sleep(INTERVAL_MS * 2.5);
    expect(pollsOf("ReplicaJobSession", after)).toBe(0);
    await Promise.all(clients.map((client) => client.dispose()));
  });

  it("keeps subscribers connected while EM is down, with no false events, and catches up when it is back", async () => {
    const session = await runningBackupSession();
    const client = wsClient(stack.gateway.url);
    const received = subscribeWs(client, FOLLOW, { filter: { id: { eq: session.id } } });
    try {
      await sleep(INTERVAL_MS * 1.5);
      const outage = stack.sim.faults.inject(
        { kind: "status", status: 503 },
        { pathPrefix: "/query", times: 1_000_000 },
      );
      runClock(1);
      await sleep(INTERVAL_MS * 4);
      stopClock();
      expect(received.events).toEqual([]);
      expect(received.errors).toEqual([]);
      expect(received.completed).toBe(false);
      outage.cancel();
      // The breaker half-opens after its 1.5 s cool-down; the next poll sees what changed meanwhile.
      await waitFor(() => received.events.length > 0, "the change made during the outage", 20_000);
      const event = received.events[0]!.backupJobSessionChanged;
      expect(event.id).toBe(session.id);
      expect(received.errors).toEqual([]);
    } finally {
      stopClock();
      received.stop();
      await client.dispose();
    }
  });

  it("refuses more subscriptions per connection than LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION, with a code", async () => {
    const client = wsClient(stack.gateway.url);
    const subscriptions = Array.from({ length: 26 }, () =>
      subscribeWs(client, `subscription { cdpReplicaSessionChanged { id } }`),
    );
    try {
      await waitFor(() => subscriptions.some((s) => s.errors.length > 0), "a refusal");
      await sleep(200);
      const refused = subscriptions.filter((s) => s.errors.length > 0);
      expect(refused.map((s) => s.errors)).toHaveLength(1);
      expect(refused[0]!.errors[0]).toMatchObject({
        extensions: { code: "TOO_MANY_SUBSCRIPTIONS", limit: "LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION" },
      });
    } finally {
      for (const subscription of subscriptions) subscription.stop();
      await client.dispose();
    }
  });

  it("rejects a bad filter before polling, with BAD_USER_INPUT and the argument path", async () => {
    const client = wsClient(stack.gateway.url);
    const received = subscribeWs(
      client,
      `subscription { backupJobSessionChanged(filter: { name: { in: [] }, or: [{ jobName: { eq: "x\\u0001" } }] }) { id } }`,
    );
    try {
      await waitFor(() => received.errors.length > 0 || received.completed, "the answer");
      expect(received.errors[0]).toMatchObject({
        extensions: { code: "BAD_USER_INPUT", argumentPath: ["filter", "or", 0, "jobName", "eq"] },
      });
    } finally {
      await client.dispose();
    }
  });

  it("applies the HTTP limits to operations over WebSocket (depth, cost)", async () => {
    const client = wsClient(stack.gateway.url);
    const deep = subscribeWs(
      client,
      `subscription { backupJobSessionChanged { taskSessions { nodes { session { taskSessions { nodes { session { taskSessions { nodes { session { job { backupServer { id } } } } } } } } } } } } }`,
    );
    const costly = subscribeWs(
      client,
      `subscription { backupJobSessionChanged { taskSessions(first: 500) { nodes { session { taskSessions(first: 500) { nodes { session { taskSessions(first: 500) { nodes { id } } } } } } } } } }`,
    );
    try {
      await waitFor(() => deep.errors.length > 0 && costly.errors.length > 0, "both refusals");
      expect(deep.errors[0]).toMatchObject({
        extensions: { code: "GRAPHQL_VALIDATION_FAILED", limit: "MAX_DEPTH" },
      });
      expect(costly.errors[0]).toMatchObject({
        extensions: { code: "GRAPHQL_VALIDATION_FAILED", limit: "MAX_COST" },
      });
    } finally {
      await client.dispose();
    }
  });

  it("says where subscriptions are served when one is POSTed to /graphql", async () => {
    const { status, errors } = await stack.query(`subscription { backupJobSessionChanged { id } }`);
    expect(status).toBe(400);
    expect(errors?.[0]).toMatchObject({
      message: expect.stringContaining("/graphql/stream"),
      extensions: { code: "BAD_REQUEST" },
    });
  });
});

describe("subscriptions over graphql-sse and Apollo Client", () => {
  it("graphql-sse's client receives the changes on /graphql/stream", async () => {
    const session = await runningBackupSession();
    const received = subscribeSse(stack.gateway.url, FOLLOW, { filter: { id: { eq: session.id } } });
    try {
      await sleep(INTERVAL_MS * 1.5);
      runClock(1);
      await waitFor(() => received.events.length >= 1, "a change", 15_000);
      stopClock();
      expect(received.errors).toEqual([]);
      expect(received.events[0]!.backupJobSessionChanged).toMatchObject({
        id: session.id,
        job: { name: session.jobName },
      });
    } finally {
      stopClock();
      received.stop();
      received.dispose();
    }
  });

  it("Apollo Client 4 with its GraphQLWsLink receives the changes", async () => {
    const session = await runningBackupSession();
    const ws = createClient({ url: wsUrlOf(stack.gateway.url), webSocketImpl: WebSocket, retryAttempts: 0 });
    const apollo = new ApolloClient({ link: new GraphQLWsLink(ws), cache: new InMemoryCache() });
    const events: any[] = [];
    const subscription = apollo
      .subscribe({ query: gql(FOLLOW), variables: { filter: { id: { eq: session.id } } } })
      .subscribe({ next: (result) => events.push(result) });
    try {
      await sleep(INTERVAL_MS * 1.5);
      runClock(1);
      await waitFor(() => events.length >= 1, "a change", 20_000);
      stopClock();
      expect(events[0].data.backupJobSessionChanged).toMatchObject({
        id: session.id,
        __typename: "BackupJobSession",
      });
    } finally {
      stopClock();
      subscription.unsubscribe();
      apollo.stop();
      await ws.dispose();
    }
  });
});
