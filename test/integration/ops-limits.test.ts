import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../helpers/startStack.js";

describe("per-operation abuse limits", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      env: {
        MAX_QUERY_DEPTH: "4",
        MAX_ALIASES: "2",
        MAX_TOKENS: "60",
        MAX_DIRECTIVES: "2",
        MAX_COST: "200",
        MAX_BODY_BYTES: "2048",
      },
    });
  });
  afterAll(() => stack.close());

  /** Each refusal is a 400 naming the limit, before any upstream call. */
  async function refused(document: string, code: string, message: RegExp, limit?: string) {
    stack.sim.clearRequests();
    const response = await stack.query(document);
    expect(response.status).toBe(400);
    expect(response.data).toBeUndefined();
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]!.message).toMatch(message);
    expect(response.errors![0]!.extensions).toMatchObject({ code, ...(limit ? { limit } : {}) });
    expect(stack.sim.requests).toHaveLength(0);
  }

  async function accepted(document: string) {
    const response = await stack.query(document);
    expect(response.errors).toBeUndefined();
    expect(response.status).toBe(200);
  }

  it("query depth (MAX_QUERY_DEPTH)", async () => {
    await accepted(`{ jobs(first: 1) { nodes { backupServer { id } } } }`);
    await refused(
      `{ replicaTaskSessions(first: 1) { nodes { session { job { id } } } } }`,
      "GRAPHQL_VALIDATION_FAILED",
      /^Query depth limit of 4 exceeded, found 5\.$/,
      "MAX_DEPTH",
    );
  });

  it("aliases (MAX_ALIASES)", async () => {
    await accepted(`{ a: jobs(first: 1) { nodes { id } } b: jobs(first: 1) { nodes { id } } }`);
    await refused(
      `{ a: jobs(first: 1) { nodes { id } } b: jobs(first: 1) { nodes { id } } c: jobs(first: 1) { nodes { id } } }`,
      "GRAPHQL_VALIDATION_FAILED",
      /Aliases limit of 2 exceeded, found 3/,
      "MAX_ALIASES",
    );
  });

  it("directives (MAX_DIRECTIVES)", async () => {
    await accepted(`{ jobs(first: 1) { nodes { id @include(if: true) name @skip(if: false) } } }`);
    await refused(
      `{ jobs(first: 1) @include(if: true) { nodes { id @include(if: true) name @skip(if: false) } } }`,
      "GRAPHQL_VALIDATION_FAILED",
      /Directives limit of 2 exceeded, found 3/,
      "MAX_DIRECTIVES",
    );
  });

  it("cost (MAX_COST) reads `first` from variables and defaults as it reads literals", async () => {
    const asVariable = `query Jobs($n: Int) { jobs(first: $n) { nodes { id name } } }`;
    const run = (variables: Record<string, unknown>) =>
      fetch(stack.gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: asVariable, variables }),
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as any }));
    expect((await run({ n: 5 })).body.errors).toBeUndefined();
    stack.sim.clearRequests();
    const refusedByVariable = await run({ n: 50 });
    expect(refusedByVariable.status).toBe(400);
    expect(refusedByVariable.body.errors[0].message).toBe(
      "Cost limit of 200 exceeded, found 475. The largest multiplier is 50 items at jobs: lower its `first` (or split the operation).",
    );
    expect(refusedByVariable.body.errors[0].extensions).toMatchObject({ limit: "MAX_COST", cost: 475 });
    // No `first` at all is DEFAULT_PAGE_SIZE (50) items, and so is a variable left out.
    await refused(`{ jobs { nodes { id name } } }`, "GRAPHQL_VALIDATION_FAILED", /found 475\./, "MAX_COST");
    expect((await run({})).status).toBe(400);
    expect(stack.sim.requests).toHaveLength(0);
  });

  it("cost (MAX_COST), with literal page sizes multiplying", async () => {
    await accepted(`{ jobs(first: 5) { nodes { id name } } }`);
    await refused(
      `{ jobs(first: 50) { nodes { id name } } }`,
      "GRAPHQL_VALIDATION_FAILED",
      /Cost limit of 200 exceeded/,
      "MAX_COST",
    );
  });

  it("tokens (MAX_TOKENS), counted while parsing", async () => {
    await accepted(`{ jobs(first: 1) { nodes { ${"id name ".repeat(10)} } } }`);
    await refused(
      `{ jobs(first: 1) { nodes { ${"id name ".repeat(30)} } } }`,
      "GRAPHQL_PARSE_FAILED",
      /Document contains more th.t 60 tokens/,
    );
  });

  it("request body size (MAX_BODY_BYTES): 413", async () => {
    const small = await stack.query(`{ jobs(first: 1) { nodes { id } } }`, { pad: "x".repeat(1500) });
    expect(small.status).toBe(200);
    const big = await stack.query(`{ jobs(first: 1) { nodes { id } } }`, { pad: "x".repeat(3000) });
    expect(big.status).toBe(413);
    expect(big.errors?.[0]).toMatchObject({
      message: "request body exceeds 2048 bytes",
      extensions: { code: "BAD_REQUEST", limit: "MAX_BODY_BYTES" },
    });
  });

  it("introspection is not counted against depth and cost, so explorers keep working", async () => {
    const response = await stack.query(
      `{ __schema { types { name fields { name type { name ofType { name } } } } } }`,
    );
    expect(response.errors).toBeUndefined();
  });
});

describe("HTTP-level protections", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { CORS_ORIGINS: "https://grafana.example.com" } });
  });
  afterAll(() => stack.close());
  const endpoint = () => stack.gateway.url;

  it("refuses batched HTTP requests", async () => {
    const response = await fetch(endpoint(), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([{ query: "{ __typename }" }, { query: "{ __typename }" }]),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/batching/i);
  });

  it("refuses requests a foreign page could send without a preflight (CSRF prevention)", async () => {
    const simplePost = await fetch(endpoint(), {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(simplePost.status).toBe(400);
    expect(await simplePost.text()).toMatch(/CSRF/);
    const simpleGet = await fetch(`${endpoint()}?query=${encodeURIComponent("{ __typename }")}`);
    expect(simpleGet.status).toBe(400);
    const preflightedGet = await fetch(`${endpoint()}?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { "apollo-require-preflight": "true" },
    });
    expect(preflightedGet.status).toBe(200);
  });

  it("answers CORS preflights for allowed origins only, and labels answers for them", async () => {
    const preflight = (origin: string) =>
      fetch(endpoint(), {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type",
        },
      });
    const allowed = await preflight("https://grafana.example.com");
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://grafana.example.com");
    expect(allowed.headers.get("access-control-allow-headers")).toContain("content-type");
    const foreign = await preflight("https://evil.example");
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();

    const fromAllowed = await stack.query(`{ __typename }`, undefined, {
      origin: "https://grafana.example.com",
    });
    expect(fromAllowed.headers.get("access-control-allow-origin")).toBe("https://grafana.example.com");
    expect(fromAllowed.headers.get("access-control-expose-headers")).toContain("x-request-id");
    const fromForeign = await stack.query(`{ __typename }`, undefined, { origin: "https://evil.example" });
    expect(fromForeign.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("allows no cross-origin caller by default", async () => {
    const plain = await startStack();
    try {
      const response = await fetch(plain.gateway.url, {
        method: "OPTIONS",
        headers: { origin: "https://grafana.example.com", "access-control-request-method": "POST" },
      });
      expect(response.status).toBe(403);
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await plain.close();
    }
  });
});

describe("introspection, suggestions and stack traces", () => {
  const INTROSPECT = `{ __schema { queryType { name } } }`;
  const TYPO = `{ jobz(first: 1) { nodes { id } } }`;

  it("by default: introspection and suggestions on, but no stack traces in errors", async () => {
    const stack = await startStack();
    try {
      expect((await stack.query(INTROSPECT)).data?.__schema.queryType.name).toBe("Query");
      const typo = await stack.query(TYPO);
      expect(typo.errors?.[0]?.message).toMatch(/Did you mean .*"jobs"/);
      expect(typo.errors?.[0]?.extensions?.stacktrace).toBeUndefined();
      expect(typo.text).not.toMatch(/stacktrace|\.ts:\d+/);
    } finally {
      await stack.close();
    }
  });

  it.each<Record<string, string>>([{ NODE_ENV: "development" }, { DEBUG_ERRORS: "true" }])(
    "stack traces only when asked for: %o",
    async (env) => {
      const stack = await startStack({ env });
      try {
        expect((await stack.query(TYPO)).errors?.[0]?.extensions?.stacktrace).toBeDefined();
      } finally {
        await stack.close();
      }
    },
  );

  it("NODE_ENV=production: introspection and suggestions off, never a stack trace", async () => {
    const stack = await startStack({ env: { NODE_ENV: "production" } });
    try {
      const introspection = await stack.query(INTROSPECT);
      expect(introspection.status).toBe(400);
      expect(introspection.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(introspection.errors?.[0]?.message).toMatch(/introspection/i);
      const typo = await stack.query(TYPO);
      expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
      stack.sim.faults.inject({ kind: "status", status: 503 }, { pathPrefix: "/query", times: 3 });
      const failed = await stack.query(`{ jobs(first: 1) { nodes { id } } }`);
      for (const response of [introspection, typo, failed])
        expect(response.text).not.toMatch(/stacktrace|\.ts:\d+/);
    } finally {
      await stack.close();
    }
  });

  it("NODE_ENV=production with INTROSPECTION=true and FIELD_SUGGESTIONS=true turns them back on", async () => {
    const stack = await startStack({
      env: { NODE_ENV: "production", INTROSPECTION: "true", FIELD_SUGGESTIONS: "true" },
    });
    try {
      expect((await stack.query(INTROSPECT)).errors).toBeUndefined();
      expect((await stack.query(TYPO)).errors?.[0]?.message).toMatch(/Did you mean .*"jobs"/);
    } finally {
      await stack.close();
    }
  });
});
