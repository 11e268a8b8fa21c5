import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { emSessionSecrets } from "../helpers/emSessionIds.js";
import { startStack, type Stack } from "../helpers/startStack.js";

const LIST = `{ replicaJobSessions(first: 2) { nodes { id name } } }`;

describe("service account session", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.sim.clearRequests();
    stack.sim.faults.clear();
  });

  it.each([
    [500, "UPSTREAM_UNAVAILABLE"],
    [400, "BAD_USER_INPUT"],
  ] as const)(
    "never hands out the service account's SessionId that EM echoes in an HTTP %i error",
    async (status, code) => {
      expect((await stack.query(LIST)).errors).toBeUndefined(); // logged on
      const secrets = await emSessionSecrets(stack.sim.url, stack.sim.credentials.username, "demo");
      const ids = secrets.filter((secret) => secret.includes("-"));
      stack.sim.faults.inject(
        {
          kind: "status",
          status,
          message: ids.map((id, i) => `Session ${i % 2 ? id.toUpperCase() : id} is locked.`).join(" "),
        },
        { pathPrefix: "/query" },
      );
      const failed = await stack.query(LIST);
      expect(failed.errors?.[0]?.extensions?.code).toBe(code);
      if (status === 400) {
        // A rejected query keeps EM's words, which usually say what was wrong; the session ids are masked.
        expect(failed.errors?.[0]?.message).toMatch(/EM said: "Session \[redacted\].* is locked/);
      } else {
        expect(failed.errors?.[0]?.message).not.toContain("EM said");
      }
      const everything = [stack.logs.join("\n"), failed.text].join("\n").toLowerCase();
      for (const secret of secrets) expect(everything).not.toContain(secret.toLowerCase());
    },
  );

  it("logs on once and reuses the session across requests", async () => {
    await stack.query(LIST);
    await stack.query(LIST);
    await stack.query(LIST);
    expect(stack.upstream("/sessionMngr").length).toBeLessThanOrEqual(1);
    expect(stack.upstream("/query")).toHaveLength(3);
  });

  it("shares one upstream request between identical in-flight GETs", async () => {
    await stack.query(LIST);
    stack.sim.clearRequests();
    stack.sim.faults.setLatency({ fixedMs: 50 });
    try {
      await Promise.all(Array.from({ length: 10 }, () => stack.query(LIST)));
    } finally {
      stack.sim.faults.setLatency(undefined);
    }
    expect(stack.upstream("/query").length).toBeLessThan(10);
  });

  it("re-logs on exactly once when the session expires under 50 concurrent operations, and all succeed", async () => {
    await stack.query(LIST);
    stack.sim.expireSessions();
    stack.sim.clearRequests();
    const responses = await Promise.all(Array.from({ length: 50 }, () => stack.query(LIST)));
    for (const response of responses) expect(response.errors).toBeUndefined();
    expect(stack.upstream("/sessionMngr")).toHaveLength(1);
  });

  it("retries a GET on 503 with backoff and succeeds within the budget", async () => {
    stack.sim.faults.inject({ kind: "status", status: 503 }, { pathPrefix: "/query", times: 2 });
    const { data, errors } = await stack.query(LIST);
    expect(errors).toBeUndefined();
    expect(data!.replicaJobSessions.nodes).toHaveLength(2);
    expect(stack.upstream("/query")).toHaveLength(3);
  });

  it("retries after a connection reset", async () => {
    stack.sim.faults.inject({ kind: "reset" }, { pathPrefix: "/query", times: 1 });
    const { errors } = await stack.query(LIST);
    expect(errors).toBeUndefined();
  });

  it("gives UPSTREAM_UNAVAILABLE when 503s outlast the retries", async () => {
    stack.sim.faults.inject({ kind: "status", status: 503 }, { pathPrefix: "/query", times: 3 });
    const { data, errors } = await stack.query(LIST);
    expect(data?.replicaJobSessions).toBeNull();
    expect(errors?.[0]).toMatchObject({
      path: ["replicaJobSessions"],
      extensions: { code: "UPSTREAM_UNAVAILABLE" },
    });
    expect(stack.upstream("/query")).toHaveLength(3);
  });

  it("gives FORBIDDEN when EM answers 403", async () => {
    stack.sim.faults.inject(
      { kind: "status", status: 403, message: "Access denied" },
      { pathPrefix: "/query" },
    );
    const { errors } = await stack.query(LIST);
    expect(errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("gives UPSTREAM_BAD_RESPONSE for malformed and truncated XML", async () => {
    stack.sim.faults.inject({ kind: "malformed" }, { pathPrefix: "/query" });
    expect((await stack.query(LIST)).errors?.[0]?.extensions?.code).toBe("UPSTREAM_BAD_RESPONSE");
    stack.sim.faults.inject({ kind: "truncate" }, { pathPrefix: "/query" });
    expect((await stack.query(LIST)).errors?.[0]?.extensions?.code).toBe("UPSTREAM_BAD_RESPONSE");
    stack.sim.faults.inject(
      {
        kind: "body",
        body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><QueryResult>&a;</QueryResult>',
      },
      { pathPrefix: "/query" },
    );
    expect((await stack.query(LIST)).errors?.[0]?.extensions?.code).toBe("UPSTREAM_BAD_RESPONSE");
  });

  it("keeps the rest of the response when one link batch fails: that field null, with an error at its path", async () => {
    stack.sim.faults.inject(
      { kind: "status", status: 503 },
      { pathPrefix: "/query", query: "type=Job", times: 3 },
    );
    const { data, errors } = await stack.query(
      `{ replicaJobSessions(first: 3) { nodes { id name job { name description } backupServer { name version } } } }`,
    );
    const nodes = data!.replicaJobSessions.nodes;
    expect(nodes).toHaveLength(3);
    for (const node of nodes) {
      expect(node.job).toBeNull();
      expect(node.backupServer.version).toBeTruthy();
    }
    expect(errors).toHaveLength(3);
    expect(errors!.map((error) => error.path)).toEqual([
      ["replicaJobSessions", "nodes", 0, "job"],
      ["replicaJobSessions", "nodes", 1, "job"],
      ["replicaJobSessions", "nodes", 2, "job"],
    ]);
    for (const error of errors!) expect(error.extensions?.code).toBe("UPSTREAM_UNAVAILABLE");
  });
});

describe("timeouts", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      env: { VEEAM_EM_HEADERS_TIMEOUT_MS: "300", VEEAM_EM_BODY_TIMEOUT_MS: "300", VEEAM_EM_MAX_RETRIES: "0" },
    });
  });
  afterAll(() => stack.close());
  afterEach(() => stack.sim.faults.clear());

  it("gives UPSTREAM_TIMEOUT when EM sends no headers, and when the body stalls", async () => {
    await stack.query(LIST); // log on first, so the stall hits the query
    stack.sim.faults.inject({ kind: "stallHeaders" }, { pathPrefix: "/query" });
    expect((await stack.query(LIST)).errors?.[0]?.extensions?.code).toBe("UPSTREAM_TIMEOUT");
    stack.sim.faults.inject({ kind: "stallBody" }, { pathPrefix: "/query" });
    expect((await stack.query(LIST)).errors?.[0]?.extensions?.code).toBe("UPSTREAM_TIMEOUT");
    // The pool recovers: the next request works.
    expect((await stack.query(LIST)).errors).toBeUndefined();
  });
});

describe("credentials", () => {
  it("gives UNAUTHENTICATED when EM refuses the service account, without leaking the password", async () => {
    const stack = await startStack({ env: { VEEAM_EM_PASSWORD: "Wr0ng-P4ssw0rd!" } });
    try {
      const response = await stack.query(LIST);
      expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      expect(response.text).not.toContain("Wr0ng-P4ssw0rd!");
      expect(stack.logs.join("\n")).not.toContain("Wr0ng-P4ssw0rd!");
    } finally {
      await stack.close();
    }
  });

  it("never writes the password or the EM session token into logs or responses", async () => {
    const password = "S3cret-Passw0rd-42";
    const stack = await startStack({
      simulator: { users: [{ username: "svc", password }] },
      env: { VEEAM_EM_USERNAME: "svc", VEEAM_EM_PASSWORD: password, LOG_LEVEL: "trace" },
    });
    try {
      await stack.query(LIST);
      stack.sim.expireSessions();
      await stack.query(LIST);
      stack.sim.faults.inject({ kind: "status", status: 500 }, { pathPrefix: "/query", times: 3 });
      const failed = await stack.query(LIST);
      expect(failed.errors).toBeDefined();
      const logon = stack.sim.requests.find((request) => request.path.toLowerCase().includes("sessionmngr"));
      expect(logon).toBeDefined();
      const tokens = await emSessionSecrets(stack.sim.url, "svc", password);
      expect(tokens.length).toBeGreaterThan(2);
      const everything = [stack.logs.join("\n"), failed.text].join("\n");
      expect(everything).not.toContain(password);
      expect(everything).not.toContain(Buffer.from(`svc:${password}`).toString("base64"));
      for (const token of tokens) expect(everything).not.toContain(token);
    } finally {
      await stack.close();
    }
  });
});

describe("passthrough auth mode", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      simulator: {
        users: [
          { username: "alice", password: "alice-pw" },
          { username: "bob", password: "bob-pw" },
        ],
      },
      env: { VEEAM_EM_AUTH_MODE: "passthrough", VEEAM_EM_USERNAME: "", VEEAM_EM_PASSWORD: "" },
    });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.sim.clearRequests());

  const basic = (user: string, password: string) => ({
    authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`,
  });

  it("logs each client on with its own credentials and caches one session per credential pair", async () => {
    expect((await stack.query(LIST, {}, basic("alice", "alice-pw"))).errors).toBeUndefined();
    expect((await stack.query(LIST, {}, basic("bob", "bob-pw"))).errors).toBeUndefined();
    expect((await stack.query(LIST, {}, basic("alice", "alice-pw"))).errors).toBeUndefined();
    expect(stack.upstream("/sessionMngr")).toHaveLength(2);
  });

  it("refuses a request without credentials or with a wrong password as UNAUTHENTICATED", async () => {
    const anonymous = await stack.query(LIST);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(stack.upstream("/query")).toHaveLength(0);
    const wrong = await stack.query(LIST, {}, basic("alice", "bob-pw"));
    expect(wrong.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(stack.logs.join("\n")).not.toContain("alice-pw");
  });
});

describe("passthrough logon throttle", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      simulator: {
        users: [
          { username: "alice", password: "alice-pw" },
          { username: "bob", password: "bob-pw" },
          { username: "carol", password: "carol-pw" },
        ],
      },
      env: {
        VEEAM_EM_AUTH_MODE: "passthrough",
        VEEAM_EM_USERNAME: "",
        VEEAM_EM_PASSWORD: "",
        VEEAM_EM_LOGON_FAILURES_PER_USER: "5",
        VEEAM_EM_LOGON_FAILURES_OVERALL: "12",
      },
    });
  });
  afterAll(() => stack.close());

  const basic = (user: string, password: string) => ({
    authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`,
  });
  const logons = () => stack.upstream("/sessionMngr").length;

  it("refuses a user name locally after 5 failures, while correct logons of others and of proven credentials pass", async () => {
    expect((await stack.query(LIST, {}, basic("alice", "alice-pw"))).errors).toBeUndefined(); // proven
    expect((await stack.query(LIST, {}, basic("bob", "bob-pw"))).errors).toBeUndefined();
    stack.sim.clearRequests();
    for (let i = 0; i < 5; i++) {
      const wrong = await stack.query(LIST, {}, basic("ALICE", `guess-${i}`));
      expect(wrong.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    }
    expect(logons()).toBe(5);
    const throttled = await stack.query(LIST, {}, basic("alice", "guess-5"));
    expect(throttled.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(throttled.errors?.[0]?.extensions?.["retryAt"]).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(throttled.errors?.[0]?.message).toMatch(
      /Too many failed logons for this user name.*try again after/,
    );
    expect(logons()).toBe(5); // refused without asking EM
    // EM's idle expiry forces fresh logons: the proven password of alice and bob's still log on.
    stack.sim.expireSessions();
    expect((await stack.query(LIST, {}, basic("alice", "alice-pw"))).errors).toBeUndefined();
    expect((await stack.query(LIST, {}, basic("bob", "bob-pw"))).errors).toBeUndefined();
    expect(logons()).toBe(7);
  });

  it("during a spray over many user names, refuses unproven credentials but never a proven one", async () => {
    for (let i = 0; i < 7; i++) await stack.query(LIST, {}, basic(`sprayed-${i}`, "Winter2026!"));
    stack.sim.clearRequests();
    const sprayed = await stack.query(LIST, {}, basic("sprayed-99", "Winter2026!"));
    expect(sprayed.errors?.[0]?.message).toMatch(/Too many failed logons to Enterprise Manager/);
    // carol never logged on before: refused during the spray, with the time to come back.
    expect(
      (await stack.query(LIST, {}, basic("carol", "carol-pw"))).errors?.[0]?.extensions?.["retryAt"],
    ).toBeDefined();
    expect(logons()).toBe(0);
    stack.sim.expireSessions();
    expect((await stack.query(LIST, {}, basic("bob", "bob-pw"))).errors).toBeUndefined();
    const metrics = await (await fetch(new URL("/metrics", stack.gateway.url))).text();
    expect(metrics).toMatch(/^em_logons_throttled_total\{site="default",scope="user"\} 1$/m);
    expect(metrics).toMatch(/^em_logons_throttled_total\{site="default",scope="overall"\} 2$/m);
  });
});
