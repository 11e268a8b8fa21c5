import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "../../src/simulator/startSimulator.js";
import { startGatewayProcess, type GatewayProcess } from "../helpers/gatewayProcess.js";
import { subscribeWs, wsClient } from "../helpers/liveClients.js";
import { startRedis, type RedisServer } from "../helpers/redisServer.js";
import { waitFor } from "../reliability/waitFor.js";

/*
 * Live feeds across replicas (issue 18): two gateway processes sharing Debian's redis-server, in front of
 * one simulator whose clock the test moves. One of them holds each feed's lease and polls EM; the other
 * hears its events through Redis. Killing the holder (SIGKILL: no goodbye) moves the lease.
 */

const INTERVAL_MS = 1000;
let now = new Date("2025-11-05T21:30:00Z");
let sim: Simulator;
let redis: RedisServer;
let a: GatewayProcess;
let b: GatewayProcess;
let clock: NodeJS.Timeout | undefined;

beforeAll(async () => {
  [sim, redis] = await Promise.all([startSimulator({ port: 0, clock: () => now }), startRedis()]);
  const env = {
    VEEAM_EM_URL: sim.url,
    VEEAM_EM_USERNAME: sim.credentials.username,
    VEEAM_EM_PASSWORD: sim.credentials.password,
    REDIS_URL: redis.url,
    LIVE_POLL_INTERVAL_MS: String(INTERVAL_MS),
    XML_WORKERS: "0",
  };
  [a, b] = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)]);
}, 60_000);
afterAll(async () => {
  clearInterval(clock);
  a?.kill();
  b?.kill();
  await Promise.all([sim?.close(), redis?.stop()]);
});

function pollsSince(since: number): number {
  return sim.requests.filter(
    (r) =>
      r.path.toLowerCase().startsWith("/api/query") &&
      r.at.getTime() >= since &&
      new URLSearchParams(r.query).get("type") === "BackupJobSession",
  ).length;
}

async function metricOf(gateway: GatewayProcess, pattern: RegExp): Promise<number | undefined> {
  const text = await (await fetch(gateway.url.replace("/graphql", "/metrics"))).text();
  const match = pattern.exec(text);
  return match ? Number(match[1]) : undefined;
}

describe("two replicas sharing Redis", () => {
  it("poll EM once per interval for 10 subscribers on each, and the survivor takes over a killed holder's lease without missing the final state", async () => {
    const response = await fetch(a.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `{ backupJobSessions(first: 1, filter: { state: { eq: WORKING } }) { nodes { id } } }`,
      }),
    });
    const session = ((await response.json()) as any).data.backupJobSessions.nodes[0];
    const query = `subscription($filter: BackupJobSessionFilter) { backupJobSessionChanged(filter: $filter) { id state result progress } }`;
    const variables = { filter: { id: { eq: session.id } } };
    const onA = wsClient(a.url);
    const onB = wsClient(b.url);
    const fromA = Array.from({ length: 10 }, () => subscribeWs(onA, query, variables));
    await sleep(300); // A's feed takes the lease first
    const fromB = Array.from({ length: 10 }, () => subscribeWs(onB, query, variables));
    try {
      await sleep(INTERVAL_MS * 1.5);
      const from = Date.now();
      await sleep(INTERVAL_MS * 5);
      const polls = pollsSince(from);
      expect(polls).toBeGreaterThanOrEqual(4);
      expect(polls).toBeLessThanOrEqual(6);
      expect(await metricOf(a, /gateway_live_feeds\{role="polling"\} (\d+)/)).toBe(1);
      expect(await metricOf(b, /gateway_live_feeds\{role="listening"\} (\d+)/)).toBe(1);

      // Progress reaches B's subscribers through Redis, and A's own. Neither is first by rule: A hands a
      // change to its subscribers before it publishes it, but each side then executes and sends its events
      // on its own event loop, and A's is the busier one (it polls, parses and serves ten executions).
      clock = setInterval(() => (now = new Date(now.getTime() + 30_000)), 250);
      await waitFor(
        () => [...fromA, ...fromB].every((s) => s.events.length > 0),
        "A's subscribers, and B's through Redis, to hear A's polls",
        20_000,
      );

      // The holder dies without releasing its lease; B takes it within two intervals.
      a.kill();
      await a.exited;
      const killedAt = Date.now();
      await waitFor(() => pollsSince(killedAt) > 0, "B to poll in A's place", INTERVAL_MS * 4);
      // From the kill to B's first poll: the lease's 1.5 intervals plus B's next attempt (every half
      // interval), with a little room for two processes on two shared cores.
      const firstPoll = sim.requests.find(
        (r) => r.at.getTime() >= killedAt && new URLSearchParams(r.query).get("type") === "BackupJobSession",
      )!;
      expect(firstPoll.at.getTime() - killedAt).toBeLessThanOrEqual(INTERVAL_MS * 2 + 250);
      expect(await metricOf(b, /gateway_live_feeds\{role="polling"\} (\d+)/)).toBe(1);

      // The session runs on to its end; every subscriber on B sees its final state, once.
      clearInterval(clock);
      clock = setInterval(() => (now = new Date(now.getTime() + 120_000)), 250);
      await waitFor(
        () => fromB.every((s) => s.events.some((e) => e.backupJobSessionChanged.state === "STOPPED")),
        "the final state on B",
        30_000,
      );
      for (const subscription of fromB) {
        const events = subscription.events.map((e) => e.backupJobSessionChanged);
        expect(events.filter((e) => e.state === "STOPPED")).toHaveLength(1);
        expect(events[events.length - 1].result).not.toBe("NONE");
        for (let i = 1; i < events.length; i++) expect(events[i]).not.toEqual(events[i - 1]);
        expect(subscription.errors).toEqual([]);
      }
    } finally {
      clearInterval(clock);
      for (const subscription of [...fromA, ...fromB]) subscription.stop();
      await Promise.all([onA.dispose(), onB.dispose()]);
    }
  }, 90_000);
});
