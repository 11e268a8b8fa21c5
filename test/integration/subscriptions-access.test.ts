import { createHash } from "node:crypto";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "../../src/simulator/startSimulator.js";
import { subscribeSse, subscribeWs, wsClient } from "../helpers/liveClients.js";
import { startStack, type Stack } from "../helpers/startStack.js";
import { waitFor } from "../reliability/waitFor.js";

/*
 * Who may subscribe, how many, and what happens at shutdown (issue 18): passthrough identities never share
 * a feed, client authentication applies to both transports, the gateway-wide limit, SSE as curl does it,
 * and a stopping gateway completes subscriptions and closes their connections.
 */

const INTERVAL_MS = 1000;
const now = new Date("2025-11-05T21:30:00Z");
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const KEY = "live-test-key-0123456789";
const SUBSCRIBE = `subscription Live { replicaJobSessionChanged { id state } }`;

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    clock: () => now,
    users: [
      { username: "alice", password: "alice-password" },
      { username: "bob", password: "bob-password" },
    ],
  });
});
afterAll(() => sim.close());

function pollsSince(since: number): number {
  return sim.requests.filter(
    (r) => r.at.getTime() >= since && new URLSearchParams(r.query).get("type") === "ReplicaJobSession",
  ).length;
}

describe("passthrough", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      sharedSimulator: sim,
      env: { VEEAM_EM_AUTH_MODE: "passthrough", LIVE_POLL_INTERVAL_MS: String(INTERVAL_MS) },
    });
  });
  afterAll(() => stack.close());

  it("ends a subscription whose credentials EM refuses with UNAUTHENTICATED", async () => {
    const mallory = wsClient(stack.gateway.url, { authorization: basic("alice", "not-her-password") });
    const refused = subscribeWs(mallory, SUBSCRIBE);
    try {
      await waitFor(() => refused.errors.length > 0, "the refusal", 5_000);
      expect(refused.errors[0]).toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
      expect(stack.logs.join("\n")).not.toContain("not-her-password");
    } finally {
      await mallory.dispose();
    }
  });

  it("gives each identity its own feed polling as that identity, and refuses a subscriber without credentials", async () => {
    const alice = wsClient(stack.gateway.url, { authorization: basic("alice", "alice-password") });
    const bob = wsClient(stack.gateway.url, { Authorization: basic("bob", "bob-password") });
    const nobody = wsClient(stack.gateway.url);
    const subscriptions = [
      subscribeWs(alice, SUBSCRIBE),
      subscribeWs(alice, SUBSCRIBE),
      subscribeWs(bob, SUBSCRIBE),
    ];
    const anonymous = subscribeWs(nobody, SUBSCRIBE);
    try {
      await waitFor(() => anonymous.errors.length > 0, "the anonymous refusal");
      expect(anonymous.errors[0]).toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
      await sleep(INTERVAL_MS * 1.5);
      const from = Date.now();
      await sleep(INTERVAL_MS * 4);
      // Two feeds (alice's two subscriptions share one), each polling once per interval.
      const polls = pollsSince(from);
      expect(polls).toBeGreaterThanOrEqual(6);
      expect(polls).toBeLessThanOrEqual(10);
      const metrics = await (await fetch(stack.gateway.url.replace("/graphql", "/metrics"))).text();
      expect(metrics).toMatch(/gateway_live_feeds\{role="polling"\} 2\b/);
      // Each feed logs on as its own user: two sessions, and no log line or metric names a password.
      expect(stack.logs.join("\n")).not.toMatch(/alice-password|bob-password/);
      expect(metrics).not.toMatch(/alice|bob/);
      expect(subscriptions.every((s) => s.errors.length === 0)).toBe(true);
    } finally {
      for (const subscription of subscriptions) subscription.stop();
      await Promise.all([alice.dispose(), bob.dispose(), nobody.dispose()]);
    }
  });
});

describe("client authentication and limits", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      sharedSimulator: sim,
      env: {
        VEEAM_EM_USERNAME: "alice",
        VEEAM_EM_PASSWORD: "alice-password",
        CLIENT_AUTH: "api-key",
        CLIENT_API_KEYS: sha256(KEY),
        LIVE_POLL_INTERVAL_MS: String(INTERVAL_MS),
        LIVE_MAX_SUBSCRIPTIONS: "2",
        LIVE_KEEPALIVE_MS: "1000",
        LIVE_MAX_FEEDS: "1",
      },
    });
  });
  afterAll(() => stack.close());

  it("closes a WebSocket without a valid key (4403) and answers SSE without one with 401", async () => {
    let closed: { code?: number } | undefined;
    const refused = wsClient(
      stack.gateway.url,
      { "x-api-key": "wrong" },
      { onClosed: (e) => (closed = e as any) },
    );
    const attempt = subscribeWs(refused, SUBSCRIBE);
    await waitFor(() => attempt.errors.length > 0, "the refusal");
    expect(closed?.code).toBe(4403);
    await refused.dispose();
    const response = await fetch(`${stack.gateway.url}/stream`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ query: SUBSCRIBE }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: "UNAUTHENTICATED" } }] });
  });

  it("refuses WebSocket upgrades and SSE requests from a foreign page's origin (403)", async () => {
    const socket = new WebSocket(stack.gateway.url.replace(/^http/, "ws"), "graphql-transport-ws", {
      headers: { origin: "https://evil.example" },
    });
    const [error] = (await once(socket, "error")) as [Error];
    expect(error.message).toMatch(/403/);
    const response = await fetch(`${stack.gateway.url}/stream?query=${encodeURIComponent(SUBSCRIBE)}`, {
      headers: { accept: "text/event-stream", origin: "https://evil.example", "x-api-key": KEY },
    });
    expect(response.status).toBe(403);
  });

  it("closes a WebSocket that never sends connection_init within LIVE_KEEPALIVE_MS (4408)", async () => {
    const socket = new WebSocket(stack.gateway.url.replace(/^http/, "ws"), "graphql-transport-ws");
    const [code] = (await once(socket, "close")) as [number];
    expect(code).toBe(4408);
  });

  it("refuses a new feed beyond LIVE_MAX_FEEDS, while subscribers of a feed that exists still join it", async () => {
    const client = wsClient(stack.gateway.url, { "x-api-key": KEY });
    const byJob = (name: string) =>
      `subscription { backupJobSessionChanged(filter: { jobName: { eq: "${name}" } }) { id } }`;
    const first = subscribeWs(client, byJob("a"));
    await sleep(200);
    const second = subscribeWs(client, byJob("b"));
    const joining = subscribeWs(client, byJob("a"));
    try {
      await waitFor(() => second.errors.length > 0, "the second feed's refusal");
      expect(second.errors[0]).toMatchObject({
        extensions: { code: "TOO_MANY_SUBSCRIPTIONS", limit: "LIVE_MAX_FEEDS" },
      });
      await sleep(200);
      expect(first.errors).toEqual([]);
      expect(joining.errors).toEqual([]);
    } finally {
      first.stop();
      joining.stop();
      await client.dispose();
    }
  });

  it("refuses subscriptions beyond LIVE_MAX_SUBSCRIPTIONS across connections, with TOO_MANY_SUBSCRIPTIONS", async () => {
    const one = wsClient(stack.gateway.url, { "x-api-key": KEY });
    const two = wsClient(stack.gateway.url, { authorization: `Bearer ${KEY}` });
    const first = [subscribeWs(one, SUBSCRIBE), subscribeWs(two, SUBSCRIBE)];
    await sleep(300);
    const third = subscribeSse(stack.gateway.url, SUBSCRIBE, undefined, { "x-api-key": KEY });
    try {
      await waitFor(() => third.errors.length > 0, "the third's refusal");
      expect(third.errors[0]).toMatchObject({
        extensions: { code: "TOO_MANY_SUBSCRIPTIONS", limit: "LIVE_MAX_SUBSCRIPTIONS" },
      });
      expect(first.every((s) => s.errors.length === 0)).toBe(true);
    } finally {
      for (const subscription of first) subscription.stop();
      third.dispose();
      await Promise.all([one.dispose(), two.dispose()]);
    }
  });

  it("opens an SSE stream as curl does (a POST with Accept: text/event-stream) and ends it when the client hangs up", async () => {
    const controller = new AbortController();
    const response = await fetch(`${stack.gateway.url}/stream`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream", "x-api-key": KEY },
      body: JSON.stringify({ query: SUBSCRIBE }),
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    const { value } = await reader.read();
    // graphql-sse opens the stream with a comment line (and repeats it every 12 s as keep-alive).
    expect(new TextDecoder().decode(value)).toMatch(/^:/);
    controller.abort();
    await reader.cancel().catch(() => undefined);
    // The client hanging up ends the subscription and, as the last subscriber, its feed.
    const metrics = () => fetch(stack.gateway.url.replace("/graphql", "/metrics")).then((r) => r.text());
    await expect.poll(metrics, { timeout: 5_000 }).toMatch(/gateway_live_subscriptions 0\b/);
  });
});

describe("shutdown", () => {
  it("completes every subscription and closes WebSockets with 1001 and SSE streams, then stops", async () => {
    const stack = await startStack({
      sharedSimulator: sim,
      env: {
        VEEAM_EM_USERNAME: "alice",
        VEEAM_EM_PASSWORD: "alice-password",
        LIVE_POLL_INTERVAL_MS: String(INTERVAL_MS),
      },
    });
    let closed: { code?: number } | undefined;
    const ws = wsClient(stack.gateway.url, undefined, { onClosed: (e) => (closed = e as any) });
    const overWs = subscribeWs(ws, SUBSCRIBE);
    const overSse = subscribeSse(stack.gateway.url, SUBSCRIBE);
    await sleep(INTERVAL_MS);
    const started = Date.now();
    await stack.close();
    expect(Date.now() - started).toBeLessThan(5_000); // not the 10 s shutdown bound: nothing held it
    await waitFor(() => overWs.completed && overSse.completed, "both subscriptions to complete");
    expect(closed?.code).toBe(1001);
    expect(overWs.errors).toEqual([]);
    // Each operation has its start and end logged, with its transport, as HTTP operations are.
    const lines = stack.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const transport of ["websocket", "sse"])
      for (const msg of ["graphql operation started", "graphql operation ended"])
        expect(
          lines.some(
            (l) => l["msg"] === msg && l["transport"] === transport && l["operationName"] === "Live",
          ),
        ).toBe(true);
    overSse.dispose();
    await ws.dispose();
  });
});
