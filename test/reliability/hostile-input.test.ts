import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../helpers/startStack.js";

// Fuzzing through HTTP: whatever a client sends, the gateway answers with a clean GraphQL response (a result,
// or errors that each carry an extensions.code other than INTERNAL_SERVER_ERROR), never a 5xx, and keeps
// answering afterwards. Abuse limits (depth, aliases, tokens, body size) may refuse a document with a 4xx;
// that is clean too.

const LIST = `{ replicaJobSessions(first: 2) { nodes { id name } } }`;

interface RawResponse {
  readonly status: number;
  readonly text: string;
  readonly body: { data?: unknown; errors?: Array<{ message?: unknown; extensions?: { code?: unknown } }> };
}

async function post(stack: Stack, payload: unknown): Promise<RawResponse> {
  const response = await fetch(stack.gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(payload),
  });
  const text = await response.text();
  let body: RawResponse["body"];
  try {
    body = JSON.parse(text) as RawResponse["body"];
  } catch {
    throw new Error(`HTTP ${response.status} with a non-JSON body: ${text.slice(0, 200)}`);
  }
  return { status: response.status, text, body };
}

/** The invariant: no 5xx, and every error is coded and not an internal one. */
function expectClean(response: RawResponse, input: string): void {
  const where = `input ${JSON.stringify(input.slice(0, 120))} → ${response.text.slice(0, 300)}`;
  expect(response.status, where).toBeLessThan(500);
  const { errors } = response.body;
  if (response.status >= 400) expect(errors?.length, where).toBeGreaterThan(0);
  if (errors === undefined) {
    expect(response.body.data, where).toBeDefined();
    return;
  }
  for (const error of errors) {
    expect(typeof error.message, where).toBe("string");
    expect(typeof error.extensions?.code, where).toBe("string");
    expect(error.extensions?.code, where).not.toBe("INTERNAL_SERVER_ERROR");
  }
}

const NASTY_UNITS = [
  '"',
  '""',
  "'",
  ";",
  ",",
  "(",
  ")",
  "==",
  "!=",
  "<",
  ">=",
  "\\",
  "%",
  "%25",
  "&",
  "+",
  "#",
  "?",
  "/",
  " ",
  "\t",
  "\n",
  "\u0000",
  "\u0001",
  "\u007f",
  "\u00a0",
  "\u200b",
  "\u202e",
  "\ufeff",
  "\uffff",
  "\ud800",
  "\udfff",
  "é",
  "😀",
  "👩‍👩‍👧",
  "urn:veeam:",
  "*",
  "${",
  "<![CDATA[",
  "]]>",
  "&amp;",
  "<a>",
];

const oddString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 48 }),
  fc.string({ unit: "grapheme", maxLength: 48 }),
  fc.string({ unit: fc.constantFrom(...NASTY_UNITS), maxLength: 24 }),
  fc.string({ unit: fc.constantFrom("x", "é", "😀", '"', ";"), minLength: 3_000, maxLength: 12_000 }),
);

/** Filter templates: one variable `$v` of the given type in a position that reaches EM's filter. */
const FILTERS = [
  { type: "String!", filter: "{ name: { eq: $v } }", checksName: true },
  { type: "String!", filter: "{ jobName: { in: [$v, $v] } }", checksName: false },
  {
    type: "String!",
    filter: "{ or: [{ name: { ne: $v } }, { not: { backupServerName: { gte: $v } } }] }",
    checksName: false,
  },
  { type: "ID!", filter: "{ id: { eq: $v } }", checksName: false },
  { type: "ID!", filter: "{ jobUid: { notIn: [$v] } }", checksName: false },
  { type: "DateTime!", filter: "{ creationTimeUtc: { gte: $v } }", checksName: false },
] as const;

describe("hostile client input", () => {
  let stack: Stack;
  let realNames: string[];
  beforeAll(async () => {
    stack = await startStack();
    const { data } = await stack.query<{ replicaJobSessions: { nodes: { name: string }[] } }>(
      `{ replicaJobSessions(first: 20) { nodes { name } } }`,
    );
    realNames = data!.replicaJobSessions.nodes.map((node) => node.name);
  });
  afterAll(() => stack.close());

  it("answers fuzzed filter values cleanly, and exactly when the value is a real name", async () => {
    const value = fc.oneof(oddString, fc.constantFrom(...realNames));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FILTERS), value, async (template, v) => {
        const document = `query ($v: ${template.type}) { replicaJobSessions(first: 5, filter: ${template.filter}) { nodes { id name } } }`;
        const response = await post(stack, { query: document, variables: { v } });
        expectClean(response, v);
        const nodes = (
          response.body.data as { replicaJobSessions?: { nodes: { name: string }[] } } | undefined
        )?.replicaJobSessions?.nodes;
        if (template.checksName && nodes) {
          for (const node of nodes) expect(node.name.toLowerCase()).toBe(v.toLowerCase());
          if (realNames.includes(v)) expect(nodes.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 80 },
    );
    expect((await stack.query(LIST)).errors).toBeUndefined();
  });

  it("answers fuzzed GraphQL documents cleanly: deep nesting, alias floods, long strings, odd Unicode", async () => {
    const nestedLinks = (depth: number): string => {
      let selection = "id";
      for (let i = 0; i < depth; i++)
        selection = `job { replicaSessions(first: 1) { nodes { ${selection} } } }`;
      return `{ replicaJobSessions(first: 1) { nodes { ${selection} } } }`;
    };
    const documents = fc.oneof(
      fc.integer({ min: 1, max: 50_000 }).map((d) => `{${"a{".repeat(d)}b${"}".repeat(d)}}`),
      fc.integer({ min: 1, max: 40 }).map(nestedLinks),
      fc
        .integer({ min: 1, max: 20_000 })
        .map((n) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(" ")} }`),
      fc
        .integer({ min: 1, max: 300 })
        .map(
          (n) =>
            `{ ${Array.from({ length: n }, (_, i) => `r${i}: replicaJobSessions(first: 1) { nodes { id } }`).join(" ")} }`,
        ),
      fc
        .integer({ min: 1_000, max: 1_500_000 })
        .map(
          (n) =>
            `{ replicaJobSessions(first: 1, filter: { name: { eq: "${"x".repeat(n)}" } }) { nodes { id } } }`,
        ),
      oddString.map(
        (s) =>
          `{ replicaJobSessions(first: 1, filter: { name: { eq: ${JSON.stringify(s)} } }) { nodes { id } } }`,
      ),
      oddString.map((s) => `{ replicaJobSessions(first: 1) { nodes { id } } } # ${s}`),
      fc.string({ unit: "binary", maxLength: 200 }),
      fc.string({
        unit: fc.constantFrom(
          "{",
          "}",
          "(",
          ")",
          "[",
          "]",
          ":",
          "$",
          "@",
          "...",
          "query",
          "fragment",
          "on",
          "a",
          '"',
          "#",
          "\n",
          " ",
          ",",
          "1",
          "__typename",
        ),
        maxLength: 200,
      }),
      fc.constant(`query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }`),
      fc.integer({ min: 1, max: 5_000 }).map((n) => `{ __typename ${"@include(if: true) ".repeat(n)}}`),
      fc.integer({ min: 1, max: 100_000 }).map((n) => `{ replicaJobSessions(first: ${n}) { nodes { id } } }`),
      fc
        .integer()
        .map(
          (n) =>
            `{ replicaJobSessions(first: ${n}, after: "${"A".repeat(Math.abs(n) % 500)}") { nodes { id } } }`,
        ),
    );
    await fc.assert(
      fc.asyncProperty(documents, async (document) => {
        expectClean(await post(stack, { query: document }), document);
      }),
      { numRuns: 60 },
    );
    // Malformed envelopes too.
    for (const payload of [
      { query: 42 },
      { query: LIST, variables: "x" },
      [LIST],
      null,
      { query: LIST, operationName: {} },
    ]) {
      expectClean(await post(stack, payload), JSON.stringify(payload));
    }
    expect((await stack.query(LIST)).errors).toBeUndefined();
  });
  it("counts `first` passed as a variable like a literal: 15 nested fan-outs of 500 are refused before EM", async () => {
    const aliases = Array.from(
      { length: 15 },
      (_, i) =>
        `a${i}: replicaJobSessions(first: $n) { nodes { id taskSessions(first: $n) { nodes { id } } } }`,
    ).join(" ");
    stack.sim.clearRequests();
    const response = await post(stack, { query: `query Fan($n: Int) { ${aliases} }`, variables: { n: 500 } });
    expect(response.status).toBe(400);
    const error = response.body.errors![0] as { message: string; extensions: Record<string, unknown> };
    expect(error.extensions).toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED", limit: "MAX_COST" });
    expect(Number.isInteger(error.extensions["cost"])).toBe(true);
    expect(error.message).toMatch(
      /^Cost limit of 1000000 exceeded, found \d+\. The largest multiplier is 500 items at a\d+\.nodes\.taskSessions: lower its `first`/,
    );
    expect(stack.sim.requests).toHaveLength(0);
    // The same operation with a small page size runs.
    const small = await post(stack, { query: `query Fan($n: Int) { ${aliases} }`, variables: { n: 1 } });
    expect(small.body.errors).toBeUndefined();
  });

  it("refuses a filter variable nested 5,000 levels deep as BAD_USER_INPUT, before EM", async () => {
    // Written as text: JSON.stringify itself recurses and would overflow on the way out.
    const filter = '{"not":'.repeat(5_000) + '{"name":{"eq":"x"}}' + "}".repeat(5_000);
    const query = `query Deep($f: ReplicaJobSessionFilter) { replicaJobSessions(filter: $f) { nodes { id } } }`;
    stack.sim.clearRequests();
    const raw = await fetch(stack.gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: `{"query":${JSON.stringify(query)},"variables":{"f":${filter}}}`,
    });
    const response = { status: raw.status, body: (await raw.json()) as RawResponse["body"] };
    expect(response.status).toBe(400);
    const error = response.body.errors![0] as { message: string; extensions: Record<string, unknown> };
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", variable: "f" });
    expect((error.extensions["argumentPath"] as unknown[]).slice(0, 3)).toEqual(["f", "not", "not"]);
    expect(error.message).toMatch(/^Variable "\$f" is nested more than 100 levels deep \(at f\.not\.not/);
    expect(stack.sim.requests).toHaveLength(0);
    expect((await stack.query(LIST)).errors).toBeUndefined();
  });
});
