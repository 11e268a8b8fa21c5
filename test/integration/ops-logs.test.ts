import { describe, expect, it } from "vitest";
import { emSessionSecrets } from "../helpers/emSessionIds.js";
import { startStack } from "../helpers/startStack.js";

const PASSWORD = "Pa55-w0rd!Secret#42";
const USERS = [
  { username: "svc-graphql", password: PASSWORD },
  { username: "alice", password: "Alice-Only-S3cret" },
];
const LIST = `query Sessions { replicaJobSessions(first: 2) { nodes { id name job { name } } } }`;

function operationLines(logs: readonly string[]): any[] {
  return logs.map((line) => JSON.parse(line)).filter((entry) => entry.msg === "graphql operation");
}

describe("request ids", () => {
  it("takes a sane x-request-id, generates one otherwise, echoes it and logs it on the operation line", async () => {
    const stack = await startStack();
    try {
      const given = await stack.query(LIST, undefined, { "x-request-id": "req-abc_123:4" });
      expect(given.headers.get("x-request-id")).toBe("req-abc_123:4");
      const generated = await stack.query(LIST);
      const generatedId = generated.headers.get("x-request-id");
      expect(generatedId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      const insane = await stack.query(LIST, undefined, { "x-request-id": "two words\u00e9" });
      expect(insane.headers.get("x-request-id")).not.toContain("two words");

      const lines = operationLines(stack.logs);
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatchObject({
        requestId: "req-abc_123:4",
        operationName: "Sessions",
        operationType: "query",
        errorCodes: [],
      });
      expect(lines[0].upstreamCalls).toBeGreaterThan(0);
      expect(typeof lines[0].durationMs).toBe("number");
      expect(lines[1].requestId).toBe(generatedId);
      expect(lines[2].requestId).toBe(insane.headers.get("x-request-id"));
    } finally {
      await stack.close();
    }
  });
});

describe("secrets never reach the logs", () => {
  it("keeps the configured password and EM session tokens out of every line, upstream errors included", async () => {
    const stack = await startStack({
      simulator: { users: USERS },
      env: { VEEAM_EM_USERNAME: "svc-graphql", VEEAM_EM_PASSWORD: PASSWORD, LOG_LEVEL: "trace" },
    });
    let secrets: string[] = [];
    try {
      expect((await stack.query(LIST)).errors).toBeUndefined();
      // Idle expiry → 401 → re-logon.
      stack.sim.expireSessions();
      expect((await stack.query(LIST)).errors).toBeUndefined();
      // 5xx with an EM error body, outlasting the retries.
      stack.sim.faults.inject(
        { kind: "status", status: 500, message: "Internal failure" },
        { pathPrefix: "/query", times: 3 },
      );
      expect((await stack.query(LIST)).errors?.[0]?.extensions?.code).toBe("UPSTREAM_UNAVAILABLE");
      // A reset, a malformed body, a body that is not the documented shape (mapping error, logged in full).
      stack.sim.faults.inject({ kind: "reset" }, { pathPrefix: "/query" });
      await stack.query(LIST);
      stack.sim.faults.clear();
      stack.sim.faults.inject({ kind: "malformed" }, { pathPrefix: "/query", times: 1 });
      expect((await stack.query(LIST)).errors?.[0]?.extensions?.code).toBe("UPSTREAM_BAD_RESPONSE");
      stack.sim.faults.inject(
        {
          kind: "body",
          body: `<?xml version="1.0"?><QueryResult xmlns="http://www.veeam.com/ent/v1.0"><Entities><ReplicaJobSessions><ReplicaJobSession Type="ReplicaJobSession"/></ReplicaJobSessions></Entities><PagingInfo PageNum="1" PageSize="2" PagesCount="1"/></QueryResult>`,
          contentType: "application/xml",
        },
        { pathPrefix: "/query", times: 1 },
      );
      await stack.query(LIST);
      // Logon refused (EM answers 401 to the logon itself).
      stack.sim.expireSessions();
      stack.sim.faults.inject({ kind: "status", status: 401 }, { pathPrefix: "/sessionMngr", times: 1 });
      expect((await stack.query(LIST)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      expect((await stack.query(LIST)).errors).toBeUndefined();
      secrets = await emSessionSecrets(stack.sim.url, "svc-graphql", PASSWORD);
    } finally {
      await stack.close();
    }
    expect(secrets.length).toBeGreaterThan(0);
    const basic = Buffer.from(`svc-graphql:${PASSWORD}`).toString("base64");
    const all = stack.logs.join("\n");
    expect(stack.logs.length).toBeGreaterThan(8);
    expect(all).toContain("EM said"); // the upstream errors were logged…
    for (const secret of [PASSWORD, basic, ...secrets]) expect(all).not.toContain(secret); // …without secrets
  });

  it("keeps passthrough clients' passwords out of the logs, refused ones included", async () => {
    const stack = await startStack({
      simulator: { users: USERS },
      env: { VEEAM_EM_AUTH_MODE: "passthrough", LOG_LEVEL: "trace" },
    });
    const basic = (password: string) => `Basic ${Buffer.from(`alice:${password}`).toString("base64")}`;
    try {
      const ok = await stack.query(LIST, undefined, { authorization: basic("Alice-Only-S3cret") });
      expect(ok.errors).toBeUndefined();
      const refused = await stack.query(LIST, undefined, { authorization: basic("Wrong-Guess-99") });
      expect(refused.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    } finally {
      await stack.close();
    }
    const all = stack.logs.join("\n");
    for (const secret of ["Alice-Only-S3cret", "Wrong-Guess-99", basic("Alice-Only-S3cret").slice(6)]) {
      expect(all).not.toContain(secret);
    }
  });
});
