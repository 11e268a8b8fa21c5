import type { ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import type { CircuitBreakerSnapshot } from "../../../src/upstream/CircuitBreaker.js";
import type { EmClient } from "../../../src/upstream/EmClient.js";
import { RetryBudget } from "../../../src/upstream/RetryBudget.js";
import type { UpstreamCallEvent } from "../../../src/upstream/UpstreamCallEvent.js";
import {
  EmBadResponseError,
  EmCircuitOpenError,
  EmSaturatedError,
  EmTimeoutError,
  EmUnavailableError,
} from "../../../src/upstream/UpstreamError.js";
import { errorXml, REPLICA_JOB_SESSION } from "./emSamples.js";
import { sendXml, startStubEm, type StubEm, type StubEmOptions } from "./stubEm.js";
import { testClient, type TestClientOverrides } from "./testClient.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(
  stubOptions: StubEmOptions = {},
  overrides: TestClientOverrides = {},
): Promise<{ stub: StubEm; client: EmClient; events: UpstreamCallEvent[] }> {
  const stub = await startStubEm(stubOptions);
  cleanups.push(() => stub.stop());
  const { client, events } = testClient(stub.url, overrides);
  cleanups.push(() => client.close());
  return { stub, client, events };
}

const path = (n: number): string => `/replicaSessions/00000000-0000-0000-0000-${String(n).padStart(12, "0")}`;
const unavailable = (res: ServerResponse): true => sendXml(res, errorXml("Service unavailable", 503), 503);

/** Waits until the breaker's cool-down has passed (no timing assertion: it only waits). */
async function waitForRetryAt(client: EmClient): Promise<void> {
  const retryAt = client.stats().breaker.retryAt;
  if (retryAt) await sleep(Math.max(0, Date.parse(retryAt) - Date.now()) + 5);
}

describe("retry budget per operation", () => {
  it("is spent by the retries of every call that carries it, after which failures are final", async () => {
    const { stub, client } = await setup({ handler: (_req, res) => unavailable(res) });
    const budget = new RetryBudget(3);
    const call = { retryBudget: budget };
    await expect(client.get(path(1), call)).rejects.toBeInstanceOf(EmUnavailableError);
    expect(stub.calls()).toHaveLength(3); // 1 + 2 retries (maxRetries)
    await expect(client.get(path(2), call)).rejects.toBeInstanceOf(EmUnavailableError);
    expect(stub.calls()).toHaveLength(5); // 1 + the last retry of the budget
    const error = await client.get(path(3), call).catch((e: unknown) => e);
    expect(stub.calls()).toHaveLength(6); // no retry left
    // The final error still carries EM's status and message.
    expect(error).toMatchObject({ status: 503, emMessage: "Service unavailable" });
    expect([budget.remaining, budget.used]).toEqual([0, 3]);
  });

  it("is created per operation by the client with the configured size", async () => {
    const { client } = await setup({}, { operationRetryBudget: 4 });
    expect(client.createRetryBudget().remaining).toBe(4);
    expect(client.createRetryBudget()).not.toBe(client.createRetryBudget());
  });

  it("does not retry when Retry-After asks for longer than the longest retry delay", async () => {
    const { stub, client } = await setup(
      { handler: (_req, res) => sendXml(res, errorXml("Maintenance", 503), 503, { "Retry-After": "120" }) },
      { retry: { maxRetries: 2, minDelayMs: 1, maxDelayMs: 1_000 } },
    );
    const error = await client.get(path(1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmUnavailableError);
    expect(error).toMatchObject({ status: 503, emMessage: "Maintenance" });
    expect(stub.calls()).toHaveLength(1);
  });
});

describe("circuit breaker", () => {
  it("opens after the threshold, fails fast without reaching EM, and closes after a successful probe", async () => {
    let healthy = false;
    const changes: CircuitBreakerSnapshot[] = [];
    const { stub, client } = await setup(
      { handler: (_req, res) => (healthy ? sendXml(res, REPLICA_JOB_SESSION) : unavailable(res)) },
      {
        retry: { maxRetries: 0 },
        breaker: { failureThreshold: 2, coolDownMs: 500 },
        onBreakerChange: (state) => changes.push(state),
      },
    );
    await expect(client.get(path(1))).rejects.toBeInstanceOf(EmUnavailableError);
    expect(client.stats().breaker).toEqual({ state: "closed", consecutiveFailures: 1 });
    await expect(client.get(path(2))).rejects.toBeInstanceOf(EmUnavailableError);
    expect(client.stats().breaker).toMatchObject({ state: "open", consecutiveFailures: 2 });

    const callsWhenOpened = stub.calls().length;
    const fast = await client.get(path(3)).catch((e: unknown) => e);
    expect(fast).toBeInstanceOf(EmCircuitOpenError);
    expect((fast as EmCircuitOpenError).code).toBe("EM_UNAVAILABLE");
    expect((fast as EmCircuitOpenError).retryAt).toBe(client.stats().breaker.retryAt);
    expect((fast as Error).message).toMatch(/circuit breaker is open after 2 consecutive failures/);
    expect((fast as Error).message).toContain(path(3));
    expect(stub.calls()).toHaveLength(callsWhenOpened);

    healthy = true;
    await waitForRetryAt(client);
    expect((await client.get(path(4))).name).toBe("ReplicaJobSession");
    expect(stub.calls()).toHaveLength(callsWhenOpened + 1);
    expect(client.stats().breaker).toEqual({ state: "closed", consecutiveFailures: 0 });
    expect(changes.map((c) => c.state)).toEqual(["open", "half-open", "closed"]);
  });

  it("lets exactly one probe through while half-open; a failed probe re-opens it", async () => {
    let mode: "down" | "slow-down" = "down";
    const held: ServerResponse[] = [];
    const { stub, client } = await setup(
      {
        handler: (_req, res) => {
          if (mode === "down") return unavailable(res);
          held.push(res);
          return true;
        },
      },
      { retry: { maxRetries: 0 }, breaker: { failureThreshold: 1, coolDownMs: 100 } },
    );
    await expect(client.get(path(1))).rejects.toBeInstanceOf(EmUnavailableError);
    await waitForRetryAt(client);
    mode = "slow-down";
    const before = stub.calls().length;
    const results = Array.from({ length: 5 }, (_, i) => client.get(path(10 + i)).catch((e: unknown) => e));
    // The four non-probes fail fast while the probe is held by EM.
    const fastFailures = await Promise.all(results.slice(1));
    for (const failure of fastFailures) expect(failure).toBeInstanceOf(EmCircuitOpenError);
    expect(client.stats().breaker.state).toBe("half-open");
    while (held.length === 0) await sleep(5);
    expect(stub.calls().length - before).toBe(1);
    unavailable(held[0]!);
    expect(await results[0]).toBeInstanceOf(EmUnavailableError);
    expect(client.stats().breaker).toMatchObject({ state: "open", consecutiveFailures: 2 });
  });

  it("counts timeouts and connection failures, but not 4xx, 500 or local refusals", async () => {
    const { client } = await setup(
      {
        handler: (req, res) => {
          if (req.url!.includes("notfound")) return sendXml(res, errorXml("No such", 404), 404);
          if (req.url!.includes("bad")) return sendXml(res, errorXml("Bad filter", 400), 400);
          if (req.url!.includes("bug")) return sendXml(res, errorXml("Object reference", 500), 500);
          if (req.url!.includes("reset")) {
            req.socket.destroy();
            return true;
          }
          return true; // stall: the headers timeout fires
        },
      },
      {
        retry: { maxRetries: 0 },
        headersTimeoutMs: 100,
        breaker: { failureThreshold: 2, coolDownMs: 60_000 },
      },
    );
    for (const kind of ["notfound", "bad", "bug", "notfound", "bad", "bug"]) {
      await client.get(`/x/${kind}`).catch(() => undefined);
    }
    expect(client.stats().breaker).toEqual({ state: "closed", consecutiveFailures: 0 });
    await expect(client.get("/x/reset")).rejects.toBeInstanceOf(EmUnavailableError);
    await expect(client.get("/x/stall")).rejects.toBeInstanceOf(EmTimeoutError);
    expect(client.stats().breaker.state).toBe("open");
  });

  it("stops a call's retries once other calls have opened the breaker", async () => {
    const { stub, client } = await setup(
      { handler: (_req, res) => unavailable(res) },
      {
        retry: { maxRetries: 5, minDelayMs: 30, maxDelayMs: 30 },
        breaker: { failureThreshold: 1, coolDownMs: 60_000 },
      },
    );
    // Both start while closed; the second starts only after the first has made two attempts, so the first
    // always exhausts its retries (and opens the breaker) before the second does: in lockstep, both could
    // legitimately finish all six attempts.
    const first = client.get(path(1)).catch((e) => e);
    while (stub.calls().length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    const second = client.get(path(2)).catch((e) => e);
    const results = await Promise.all([first, second]);
    for (const result of results) expect(result).toBeInstanceOf(EmUnavailableError);
    expect(stub.calls().length).toBeLessThan(12);
  });
});

describe("concurrency cap", () => {
  it("keeps at most maxConcurrentCalls exchanges on the wire and serves every queued call", async () => {
    let inFlight = 0;
    let peak = 0;
    const { client } = await setup(
      {
        handler: (_req, res) => {
          inFlight += 1;
          peak = Math.max(peak, inFlight);
          setTimeout(() => {
            inFlight -= 1;
            sendXml(res, REPLICA_JOB_SESSION);
          }, 10);
          return true;
        },
      },
      { maxConcurrentCalls: 3, maxConnections: 8 },
    );
    await client.get(path(0)); // logon first
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => client.get(path(i + 1))));
    expect(results).toHaveLength(20);
    expect(peak).toBeLessThanOrEqual(3);
    expect(client.stats().concurrency).toEqual({ active: 0, queued: 0, limit: 3 });
  });

  it("refuses with EmSaturatedError when the queue is full or the wait too long, never opening the breaker", async () => {
    const held: ServerResponse[] = [];
    const { stub, client } = await setup(
      {
        handler: (_req, res) => {
          held.push(res);
          return true;
        },
      },
      {
        maxConcurrentCalls: 1,
        maxQueuedCalls: 1,
        queueTimeoutMs: 50,
        breaker: { failureThreshold: 1, coolDownMs: 60_000 },
      },
    );
    const first = client.get(path(1));
    while (held.length === 0) await sleep(5);
    const queued = client.get(path(2)).catch((e: unknown) => e);
    const refused = await client.get(path(3)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(EmSaturatedError);
    expect((refused as EmSaturatedError).code).toBe("EM_UNAVAILABLE");
    expect((refused as Error).message).toMatch(/Too many Enterprise Manager calls are waiting/);
    const timedOut = await queued;
    expect(timedOut).toBeInstanceOf(EmSaturatedError);
    expect((timedOut as Error).message).toMatch(/No Enterprise Manager call slot became free within/);
    expect(client.stats().breaker.state).toBe("closed");
    expect(stub.calls()).toHaveLength(1);
    sendXml(held[0]!, REPLICA_JOB_SESSION);
    expect((await first).name).toBe("ReplicaJobSession");
    expect(client.stats().concurrency).toMatchObject({ active: 0, queued: 0 });
  });
});

describe("response size", () => {
  it("refuses a 100 MB chunked body within bounded memory, aborting the read past the cap", async () => {
    const total = 100 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, "<a>xxxxxxxxxxxxxxxxxxxxxxxxx</a>");
    let sent = 0;
    let peakRss = 0;
    const { client } = await setup(
      {
        handler: (_req, res) => {
          res.writeHead(200, { "Content-Type": "application/xml" }); // chunked: no Content-Length
          let closed = false;
          res.on("close", () => (closed = true));
          const pump = (): void => {
            while (!closed && sent < total) {
              peakRss = Math.max(peakRss, process.memoryUsage.rss());
              sent += chunk.length;
              if (!res.write(chunk)) {
                res.once("drain", pump);
                return;
              }
            }
            if (!closed) res.end();
          };
          pump();
          return true;
        },
      },
      { maxResponseBytes: 8 * 1024 * 1024 },
    );
    await client.get(path(0)).catch(() => undefined); // log on first
    const baseline = process.memoryUsage.rss();
    peakRss = baseline;
    const error = await client.get(path(1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmBadResponseError);
    expect((error as Error).message).toMatch(/larger than 8388608 bytes/);
    // The client stopped reading: EM could not push the whole 100 MB through.
    expect(sent).toBeLessThan(total / 2);
    // Generous margin over the 8 MiB cap; reading the whole body would take 100 MB or more.
    expect(peakRss - baseline).toBeLessThan(64 * 1024 * 1024);
    expect(client.stats().concurrency.active).toBe(0);
  });
});
