import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Gateway } from "../../src/gateway.js";
import { startSimulator, type Simulator } from "../../src/simulator/startSimulator.js";
import { startRedis, type RedisServer } from "../helpers/redisServer.js";
import { startStack, type Stack } from "../helpers/startStack.js";

// The cross-request cache against a real Redis (Debian's redis-server, started here on a free port), with
// gateways on one simulator; calls are counted in the simulator's request log.

let now = new Date("2025-11-05T12:00:00Z");
let sim: Simulator;
let redis: RedisServer;
const stacks: Stack[] = [];

beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    clock: () => now,
    users: [
      { username: "demo", password: "demo" },
      { username: "alice", password: "alice-pass" },
      { username: "bob", password: "bob-pass" },
    ],
  });
  redis = await startRedis();
});

afterAll(async () => {
  await Promise.all(stacks.map((stack) => stack.close()));
  await redis?.stop();
  await sim?.close();
});

async function gateway(env: Record<string, string> = {}): Promise<{ gateway: Gateway; logs: string[] }> {
  const stack = await startStack({ sharedSimulator: sim, env: { REDIS_URL: redis.url, ...env } });
  stacks.push(stack);
  return { gateway: stack.gateway, logs: stack.logs };
}

async function query(
  target: Gateway,
  document: string,
  variables?: object,
  headers: Record<string, string> = {},
) {
  const stack = stacks.find((s) => s.gateway === target)!;
  const { data, errors } = await stack.query(document, variables as Record<string, unknown>, headers);
  expect(errors).toBeUndefined();
  return data!;
}

/** EM queries the simulator answered while `run` ran (logons not counted). */
async function countingQueries<T>(run: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  sim.clearRequests();
  const result = await run();
  // Writes back to the cache run in the background: let them land before the next step reads.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const queries = sim.requests
    .filter((r) => r.path.endsWith("/query"))
    .map((r) => decodeURIComponent(r.query));
  return { result, queries };
}

const NESTED = `{
  cdpReplicaSessions(first: 10, filter: { state: { eq: STOPPED } }) {
    nodes { id state backupServer { name version } policy { name description } taskSessions(first: 10) { nodes { id name state } } }
  }
}`;

describe("two gateway replicas sharing one Redis", () => {
  it("a nested query answered by A costs B only the list call, with the same answer", async () => {
    const a = await gateway();
    const b = await gateway();
    const first = await countingQueries(() => query(a.gateway, NESTED));
    expect(first.queries).toHaveLength(4);
    expect(first.result.cdpReplicaSessions.nodes).toHaveLength(10);
    const second = await countingQueries(() => query(b.gateway, NESTED));
    expect(second.queries).toHaveLength(1);
    expect(second.queries[0]).toContain("type=CdpReplicaSession");
    expect(second.result).toEqual(first.result);
  });

  it("answers every query while Redis is down, logs the outage once, and uses Redis again when it is back", async () => {
    const { gateway: target, logs } = await gateway();
    const expected = await query(target, NESTED);
    await redis.stop();
    try {
      for (let i = 0; i < 3; i++) {
        const { result, queries } = await countingQueries(() => query(target, NESTED));
        expect(result).toEqual(expected);
        expect(queries).toHaveLength(4);
      }
      const warnings = logs.filter((line) => line.includes("cache unavailable"));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).not.toContain("demo");
      const metrics = await (await fetch(new URL("/metrics", target.url))).text();
      expect(metrics).toMatch(/gateway_cache_errors_total\{entity="BackupServer"\} [1-9]/);
    } finally {
      await redis.start();
    }
    // ioredis reconnects by itself (at most 2 s between attempts); the next queries fill and use the cache.
    await expect
      .poll(
        async () => {
          await query(target, NESTED);
          return (await countingQueries(() => query(target, NESTED))).queries.length;
        },
        { timeout: 10_000, interval: 250 },
      )
      .toBe(1);
    expect(logs.filter((line) => line.includes("cache available again"))).toHaveLength(1);
  });
});

describe("a slow Redis", () => {
  it("answers from EM when Redis stalls past CACHE_TIMEOUT_MS, without waiting for it", async () => {
    const { gateway: target } = await gateway({ CACHE_KEY_PREFIX: "slow", CACHE_TIMEOUT_MS: "50" });
    const expected = await query(target, NESTED);
    const { Redis } = await import("ioredis");
    const client = new Redis(redis.url);
    try {
      // DEBUG SLEEP blocks the whole server, as a Redis stuck on a slow disk or a long command would.
      const sleeping = client.call("DEBUG", "SLEEP", "4");
      await new Promise((resolve) => setTimeout(resolve, 50));
      const started = performance.now();
      const { result, queries } = await countingQueries(() => query(target, NESTED));
      // Not a timing goal: the bound only tells "did not wait for the stalled Redis" (4 s) from "went to EM".
      expect(performance.now() - started).toBeLessThan(3000);
      expect(result).toEqual(expected);
      expect(queries).toHaveLength(4);
      await sleeping;
    } finally {
      client.disconnect();
    }
  });
});

describe("passthrough scopes", () => {
  it("never serves a row read for one EM user to another; the same user, on another replica, shares it", async () => {
    const env = { VEEAM_EM_AUTH_MODE: "passthrough", CACHE_SCOPE_SECRET: "a-secret-of-at-least-16-chars" };
    const a = await gateway(env);
    const b = await gateway(env);
    const basic = (user: string, password: string) => ({
      authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`,
    });
    const alice = await countingQueries(() =>
      query(a.gateway, NESTED, undefined, basic("alice", "alice-pass")),
    );
    expect(alice.queries).toHaveLength(4);
    const bob = await countingQueries(() => query(a.gateway, NESTED, undefined, basic("bob", "bob-pass")));
    expect(bob.queries).toHaveLength(4);
    const aliceOnB = await countingQueries(() =>
      query(b.gateway, NESTED, undefined, basic("alice", "alice-pass")),
    );
    expect(aliceOnB.queries).toHaveLength(1);
    // Keys name a keyed hash of the identity, never the user name or the password.
    const { Redis } = await import("ioredis");
    const client = new Redis(redis.url);
    try {
      const keys = await client.keys("*");
      expect(keys.some((key) => key.includes(":user-"))).toBe(true);
      for (const key of keys) expect(key).not.toMatch(/alice|bob|pass/i);
    } finally {
      client.disconnect();
    }
    // A wrong password is another identity: it reaches EM, which refuses it.
    const response = await fetch(a.gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...basic("alice", "wrong") },
      body: JSON.stringify({ query: NESTED }),
    });
    const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("freshness", () => {
  it("never serves a running session stale; once stopped, it and its task sessions come from the cache", async () => {
    const { gateway: target } = await gateway({ CACHE_KEY_PREFIX: "freshness" });
    const running = await query(
      target,
      `{ backupJobSessions(first: 5, filter: { state: { ne: STOPPED } }) { nodes { id progress } } }`,
    );
    const ids = running.backupJobSessions.nodes.map((s: { id: string }) => s.id);
    expect(ids.length).toBeGreaterThan(0);
    const LOOKUP = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on BackupJobSession { id state progress
      taskSessions(first: 20) { nodes { state } } } } }`;
    const before = await countingQueries(() => query(target, LOOKUP, { ids }));
    expect(before.queries).toHaveLength(2); // the sessions, their task sessions: neither cached
    const again = await countingQueries(() => query(target, LOOKUP, { ids }));
    expect(again.queries).toHaveLength(2);

    now = new Date(now.getTime() + 30 * 60 * 1000);
    const moved = await countingQueries(() => query(target, LOOKUP, { ids }));
    expect(moved.queries).toHaveLength(2);
    const progressed = moved.result.nodes.some(
      (s: { progress: number }, i: number) => s.progress !== before.result.nodes[i].progress,
    );
    expect(progressed).toBe(true);

    now = new Date(now.getTime() + 3 * 60 * 60 * 1000);
    const stopped = await countingQueries(() => query(target, LOOKUP, { ids }));
    for (const session of stopped.result.nodes) expect(session.state).toBe("STOPPED");
    const cached = await countingQueries(() => query(target, LOOKUP, { ids }));
    expect(cached.queries).toHaveLength(0);
    expect(cached.result).toEqual(stopped.result);
  });

  it("CACHE_LIVE_TTL_S opens a window in which lists and running sessions come from the cache, then EM again", async () => {
    const { gateway: target } = await gateway({ CACHE_KEY_PREFIX: "live", CACHE_LIVE_TTL_S: "1" });
    // The newest sessions, running or not: a list, which only the live window lets the cache answer.
    const LIVE = `{ backupJobSessions(first: 5) { nodes { id state progress } } }`;
    const first = await countingQueries(() => query(target, LIVE));
    expect(first.queries).toHaveLength(1);
    expect(first.result.backupJobSessions.nodes).toHaveLength(5);
    const within = await countingQueries(() => query(target, LIVE));
    expect(within.queries).toHaveLength(0);
    expect(within.result).toEqual(first.result);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await countingQueries(() => query(target, LIVE))).queries).toHaveLength(1);
  });

  it("treats garbage in Redis as a miss and answers from EM", async () => {
    const { gateway: target } = await gateway({ CACHE_KEY_PREFIX: "garbage" });
    const expected = await countingQueries(() => query(target, NESTED));
    const { Redis } = await import("ioredis");
    const client = new Redis(redis.url);
    try {
      const keys = await client.keys("garbage:*");
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) await client.set(key, key.includes("children") ? "not v8" : "\u00ff\u000f{}");
    } finally {
      client.disconnect();
    }
    const after = await countingQueries(() => query(target, NESTED));
    expect(after.result).toEqual(expected.result);
    expect(after.queries).toHaveLength(4);
  });

  it("without REDIS_URL, caches in the process (bounded by CACHE_MAX_MB)", async () => {
    const { gateway: target } = await gateway({ REDIS_URL: "", CACHE_MAX_MB: "1" });
    expect((await countingQueries(() => query(target, NESTED))).queries).toHaveLength(4);
    expect((await countingQueries(() => query(target, NESTED))).queries).toHaveLength(1);
    const metrics = await (await fetch(new URL("/metrics", target.url))).text();
    expect(metrics).toMatch(/gateway_cache_hits_total\{entity="CdpReplicaTaskSession.children"\} 10/);
    expect(metrics).toMatch(/gateway_cache_written_bytes_total\{entity="BackupServer"\} [1-9]/);
  });

  it("CACHE=off reads EM every time", async () => {
    const { gateway: target } = await gateway({ CACHE: "off" });
    await query(target, NESTED);
    expect((await countingQueries(() => query(target, NESTED))).queries).toHaveLength(4);
  });
});
