import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../helpers/startStack.js";
import { sleepUntil, waitFor } from "./waitFor.js";

// Reliability scenarios driven through GraphQL against the simulator's faults. Each asserts what the client
// receives and how many upstream requests the simulator saw.

const LIST = `{ replicaJobSessions(first: 2) { nodes { id name } } }`;
const list = (first: number): string => `{ replicaJobSessions(first: ${first}) { nodes { id name } } }`;

/** Short backoff so the suite stays fast; Retry-After up to 1 s is still honoured. */
const FAST_RETRIES = {
  VEEAM_EM_MAX_RETRIES: "2",
  VEEAM_EM_RETRY_MIN_DELAY_MS: "1",
  VEEAM_EM_RETRY_MAX_DELAY_MS: "1000",
};

function expectPoolSettled(stack: Stack): void {
  const stats = stack.gateway.em.stats();
  expect(stats.connected).toBeLessThanOrEqual(stack.config.emMaxConnections);
  expect(stats).toMatchObject({ running: 0, pending: 0, concurrency: { active: 0, queued: 0 } });
}

describe("503 bursts and the circuit breaker", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      // The cool-down only needs to outlast the few fast requests made while the breaker is open.
      env: { ...FAST_RETRIES, VEEAM_EM_BREAKER_THRESHOLD: "2", VEEAM_EM_BREAKER_COOLDOWN_MS: "1000" },
    });
    await stack.query(LIST); // log on
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.sim.clearRequests();
    stack.sim.faults.clear();
  });

  it("rides out a 503 burst shorter than the retries: success, three upstream requests", async () => {
    stack.sim.faults.inject({ kind: "status", status: 503 }, { pathPrefix: "/query", times: 2 });
    const { data, errors } = await stack.query(LIST);
    expect(errors).toBeUndefined();
    expect(data!.replicaJobSessions.nodes).toHaveLength(2);
    expect(stack.upstream("/query")).toHaveLength(3);
    expect(stack.gateway.em.stats().breaker).toEqual({ state: "closed", consecutiveFailures: 0 });
  });

  it("opens on a longer burst, fails fast without reaching EM, probes once per cool-down, and recovers", async () => {
    // 3 + 3 requests exhaust two operations' retries; the 7th 503 answers the first probe.
    stack.sim.faults.inject({ kind: "status", status: 503 }, { pathPrefix: "/query", times: 7 });

    for (const expectedRequests of [3, 6]) {
      const failed = await stack.query(LIST);
      expect(failed.status).toBe(200);
      expect(failed.data?.replicaJobSessions).toBeNull();
      expect(failed.errors?.[0]?.extensions?.code).toBe("UPSTREAM_UNAVAILABLE");
      expect(stack.upstream("/query")).toHaveLength(expectedRequests);
    }
    const opened = stack.gateway.em.stats().breaker;
    expect(opened).toMatchObject({ state: "open", consecutiveFailures: 2 });

    // Open: every field fails fast with the breaker's message and retry time, and EM sees nothing.
    const fast = await stack.query(`{ a: ${list(1).slice(2, -2)} b: ${list(3).slice(2, -2)} }`);
    expect(fast.data).toEqual({ a: null, b: null });
    expect(fast.errors).toHaveLength(2);
    for (const error of fast.errors!) {
      expect(error.extensions?.code).toBe("UPSTREAM_UNAVAILABLE");
      expect(error.message).toMatch(/circuit breaker is open after 2 consecutive failures/);
      expect(error.extensions?.["retryAt"]).toBe(opened.retryAt);
    }
    expect(stack.upstream("/query")).toHaveLength(6);

    // The first probe meets the 7th 503: one request, no retry, open again.
    await sleepUntil(opened.retryAt);
    const probe = await stack.query(LIST);
    expect(probe.errors?.[0]?.extensions?.code).toBe("UPSTREAM_UNAVAILABLE");
    expect(probe.errors?.[0]?.message).not.toMatch(/circuit breaker/);
    expect(stack.upstream("/query")).toHaveLength(7);
    const reopened = stack.gateway.em.stats().breaker;
    expect(reopened).toMatchObject({ state: "open", consecutiveFailures: 3 });
    expect((await stack.query(LIST)).errors?.[0]?.message).toMatch(/circuit breaker is open/);
    expect(stack.upstream("/query")).toHaveLength(7);

    // EM is back: the next probe succeeds and closes the breaker.
    await sleepUntil(reopened.retryAt);
    const recovered = await stack.query(LIST);
    expect(recovered.errors).toBeUndefined();
    expect(recovered.data!.replicaJobSessions.nodes).toHaveLength(2);
    expect(stack.upstream("/query")).toHaveLength(8);
    expect(stack.gateway.em.stats().breaker).toEqual({ state: "closed", consecutiveFailures: 0 });
    expectPoolSettled(stack);
  });

  it("does not retry when Retry-After asks for longer than VEEAM_EM_RETRY_MAX_DELAY_MS", async () => {
    stack.sim.faults.inject({ kind: "status", status: 503, retryAfter: 120 }, { pathPrefix: "/query" });
    const { errors } = await stack.query(LIST);
    expect(errors?.[0]?.extensions?.code).toBe("UPSTREAM_UNAVAILABLE");
    expect(stack.upstream("/query")).toHaveLength(1);
    expect((await stack.query(LIST)).errors).toBeUndefined(); // one failure is under the threshold
  });

  it("honours a short Retry-After and succeeds", async () => {
    stack.sim.faults.inject({ kind: "status", status: 503, retryAfter: 0 }, { pathPrefix: "/query" });
    expect((await stack.query(LIST)).errors).toBeUndefined();
    expect(stack.upstream("/query")).toHaveLength(2);
  });
});

describe("retry budget per operation", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      env: { ...FAST_RETRIES, VEEAM_EM_RETRY_BUDGET: "3", VEEAM_EM_BREAKER_THRESHOLD: "0" },
    });
    await stack.query(LIST);
  });
  afterAll(() => stack.close());

  it("caps the retries of all the operation's upstream calls together", async () => {
    stack.sim.clearRequests();
    stack.sim.faults.inject({ kind: "status", status: 503 }, { pathPrefix: "/query", times: 100 });
    const fields = [1, 2, 3, 4].map((n) => `l${n}: replicaJobSessions(first: ${n}) { nodes { id } }`);
    const { data, errors } = await stack.query(`{ ${fields.join(" ")} }`);
    expect(data).toEqual({ l1: null, l2: null, l3: null, l4: null });
    expect(errors?.map((e) => e.extensions?.code)).toEqual(Array(4).fill("UPSTREAM_UNAVAILABLE"));
    // Four first attempts and three retries in all, instead of 4 × 3 without the budget.
    expect(stack.upstream("/query")).toHaveLength(7);
    stack.sim.faults.clear();
    // The next operation has a fresh budget.
    stack.sim.clearRequests();
    stack.sim.faults.inject({ kind: "status", status: 503 }, { pathPrefix: "/query", times: 2 });
    expect((await stack.query(LIST)).errors).toBeUndefined();
    expect(stack.upstream("/query")).toHaveLength(3);
  });
});

describe("transport faults", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      env: {
        ...FAST_RETRIES,
        VEEAM_EM_HEADERS_TIMEOUT_MS: "200",
        VEEAM_EM_BODY_TIMEOUT_MS: "200",
        VEEAM_EM_MAX_CONNECTIONS: "2",
        VEEAM_EM_BREAKER_THRESHOLD: "0",
      },
    });
    await stack.query(LIST);
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.sim.clearRequests();
    stack.sim.faults.clear();
  });

  const cases = [
    { name: "a connection reset, once", fault: { kind: "reset" }, times: 1, code: undefined, requests: 2 },
    {
      name: "connection resets outlasting the retries",
      fault: { kind: "reset" },
      times: 3,
      code: "UPSTREAM_UNAVAILABLE",
      requests: 3,
    },
    {
      name: "a headers timeout",
      fault: { kind: "stallHeaders" },
      times: 1,
      code: "UPSTREAM_TIMEOUT",
      requests: 1,
    },
    { name: "a stalled body", fault: { kind: "stallBody" }, times: 1, code: "UPSTREAM_TIMEOUT", requests: 1 },
    {
      name: "truncated XML",
      fault: { kind: "truncate" },
      times: 1,
      code: "UPSTREAM_BAD_RESPONSE",
      requests: 1,
    },
    {
      name: "malformed XML",
      fault: { kind: "malformed" },
      times: 1,
      code: "UPSTREAM_BAD_RESPONSE",
      requests: 1,
    },
  ] as const;

  for (const { name, fault, times, code, requests } of cases) {
    it(`${name}: ${code ?? "success"} after ${requests} upstream request(s), pool healthy afterwards`, async () => {
      stack.sim.faults.inject(fault, { pathPrefix: "/query", times });
      const response = await stack.query(LIST);
      expect(response.status).toBe(200);
      if (code === undefined) {
        expect(response.errors).toBeUndefined();
      } else {
        expect(response.data?.replicaJobSessions).toBeNull();
        expect(response.errors?.map((e) => e.extensions?.code)).toEqual([code]);
      }
      expect(stack.upstream("/query")).toHaveLength(requests);
      expect(stack.upstream("/sessionMngr")).toHaveLength(0);
      expectPoolSettled(stack);
      // No socket leaked: with only two connections, eight more operations at once still all succeed.
      const after = await Promise.all(Array.from({ length: 8 }, (_, i) => stack.query(list(i + 1))));
      for (const ok of after) expect(ok.errors).toBeUndefined();
      expectPoolSettled(stack);
    });
  }
});

describe("session expiry under load", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: FAST_RETRIES });
    await stack.query(LIST);
  });
  afterAll(() => stack.close());

  it("re-logs on exactly once when the session expires in the middle of 50 concurrent operations", async () => {
    stack.sim.clearRequests();
    stack.sim.faults.setLatency({ fixedMs: 15 });
    try {
      // Distinct page sizes: no two operations share an in-flight request.
      const pending = Array.from({ length: 50 }, (_, i) => stack.query(list(i + 1)));
      await waitFor(() => stack.upstream("/query").length >= 5, "the first answered queries");
      stack.sim.expireSessions();
      const responses = await Promise.all(pending);
      for (const response of responses) expect(response.errors).toBeUndefined();
      responses.forEach((response, i) => expect(response.data!.replicaJobSessions.nodes).toHaveLength(i + 1));
    } finally {
      stack.sim.faults.setLatency(undefined);
    }
    expect(stack.upstream("/sessionMngr")).toHaveLength(1);
    const queries = stack.upstream("/query");
    const rejected = queries.filter((request) => request.status === 401).length;
    expect(rejected).toBeGreaterThan(0); // the expiry really hit operations in flight
    expect(queries).toHaveLength(50 + rejected); // each rejected one was repeated exactly once
    expectPoolSettled(stack);
  });
});

describe("logon failures", () => {
  it("never retries a logon: one 503 on logon fails the operation after exactly one logon request", async () => {
    const stack = await startStack({ env: FAST_RETRIES });
    try {
      stack.sim.faults.inject({ kind: "status", status: 503 }, { pathPrefix: "/sessionMngr" });
      const failed = await stack.query(`{ a: ${list(1).slice(2, -2)} b: ${list(2).slice(2, -2)} }`);
      expect(failed.errors?.map((e) => e.extensions?.code)).toEqual([
        "UPSTREAM_UNAVAILABLE",
        "UPSTREAM_UNAVAILABLE",
      ]);
      expect(stack.upstream("/sessionMngr")).toHaveLength(1);
      expect(stack.upstream("/query")).toHaveLength(0);
      expect((await stack.query(LIST)).errors).toBeUndefined();
      expect(stack.upstream("/sessionMngr")).toHaveLength(2);
    } finally {
      await stack.close();
    }
  });
});

describe("concurrency cap", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      env: {
        VEEAM_EM_MAX_CONCURRENCY: "1",
        VEEAM_EM_QUEUE_LENGTH: "1",
        VEEAM_EM_HEADERS_TIMEOUT_MS: "500",
        VEEAM_EM_BREAKER_THRESHOLD: "2",
      },
    });
    await stack.query(LIST);
  });
  afterAll(() => stack.close());

  it("queues up to the limit and refuses the rest with UPSTREAM_UNAVAILABLE, without reaching EM", async () => {
    stack.sim.clearRequests();
    const em = stack.gateway.em;
    // The only slot is held by a request EM never answers (until the headers timeout).
    stack.sim.faults.inject({ kind: "stallHeaders" }, { pathPrefix: "/query" });
    const holder = stack.query(list(1));
    await waitFor(() => em.stats().concurrency.active === 1, "the slot to be taken");
    const queued = stack.query(list(2));
    await waitFor(() => em.stats().concurrency.queued === 1, "the queue to fill");

    const refused = await stack.query(list(3));
    expect(refused.data?.replicaJobSessions).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe("UPSTREAM_UNAVAILABLE");
    expect(refused.errors?.[0]?.message).toMatch(/Too many Enterprise Manager calls are waiting/);

    expect((await holder).errors?.[0]?.extensions?.code).toBe("UPSTREAM_TIMEOUT");
    expect((await queued).errors).toBeUndefined(); // served once the slot came free
    expect(stack.upstream("/query")).toHaveLength(2); // the refused operation never reached EM
    // Had the refusal counted as a failure, the timeout would have been the second and opened the breaker
    // (threshold 2), and the queued operation would have been refused too.
    expect(em.stats().breaker).toEqual({ state: "closed", consecutiveFailures: 0 });
    expectPoolSettled(stack);
  });
});
