import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../helpers/startStack.js";

// Hostile bodies from "EM" (a compromised host or a proxy in between): every one must be refused as
// UPSTREAM_BAD_RESPONSE, within bounded memory, with the gateway still serving afterwards.

const LIST = `{ replicaJobSessions(first: 2) { nodes { id name } } }`;
const NS = `xmlns="http://www.veeam.com/ent/v1.0"`;
const PAGING = `<PagingInfo PageNum="1" PageSize="2" PagesCount="1" />`;

const BILLION_LAUGHS =
  `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">` +
  Array.from(
    { length: 9 },
    (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`,
  ).join("") +
  `]><QueryResult ${NS}><Refs><Ref Name="&lol9;" /></Refs>${PAGING}</QueryResult>`;

const HOSTILE_BODIES: Record<string, string> = {
  "billion laughs": BILLION_LAUGHS,
  "an external entity": `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><QueryResult ${NS}><Refs><Ref Name="&xxe;" /></Refs>${PAGING}</QueryResult>`,
  "a parameter entity": `<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:1/evil.dtd"> %p;]><QueryResult ${NS}/>`,
  "a lower-case doctype": `<!doctype QueryResult><QueryResult ${NS}>${PAGING}</QueryResult>`,
  "an undeclared entity reference": `<QueryResult ${NS}><Refs><Ref Name="&xxe;" /></Refs>${PAGING}</QueryResult>`,
  "nesting 100 000 levels deep": `<QueryResult ${NS}>${"<a>".repeat(100_000)}${"</a>".repeat(100_000)}${PAGING}</QueryResult>`,
  "an unclosed deep nesting": `<QueryResult ${NS}>${"<a>".repeat(100_000)}`,
  "JSON where XML was expected": JSON.stringify({ QueryResult: { __proto__: { polluted: true } } }),
};

function expectUnpolluted(): void {
  expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  expect((Object.prototype as Record<string, unknown>)["polluted"]).toBeUndefined();
  expect((Object.prototype as Record<string, unknown>)["Name"]).toBeUndefined();
}

describe("hostile XML from upstream", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { VEEAM_EM_BREAKER_THRESHOLD: "0" } });
    await stack.query(LIST);
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.sim.faults.clear();
    stack.sim.clearRequests();
  });

  for (const [name, body] of Object.entries(HOSTILE_BODIES)) {
    it(`refuses ${name} as UPSTREAM_BAD_RESPONSE and keeps serving`, async () => {
      const contentType = name.startsWith("JSON") ? "application/json" : undefined;
      stack.sim.faults.inject({ kind: "body", body, contentType }, { pathPrefix: "/query" });
      const response = await stack.query(LIST);
      expect(response.status).toBe(200);
      expect(response.data?.replicaJobSessions).toBeNull();
      expect(response.errors?.map((e) => e.extensions?.code)).toEqual(["UPSTREAM_BAD_RESPONSE"]);
      expect(response.text).not.toContain("root:"); // nothing from /etc/passwd
      expect(stack.upstream("/query")).toHaveLength(1); // a bad body is not retried
      expectUnpolluted();
      expect((await stack.query(LIST)).errors).toBeUndefined();
    });
  }

  it("keeps __proto__, constructor and prototype element and attribute names away from prototypes", async () => {
    const uid = "urn:veeam:ReplicaJobSession:11111111-2222-3333-4444-555555555555";
    const evil =
      `<QueryResult ${NS}><Entities><ReplicaJobSessions>` +
      `<ReplicaJobSession __proto__="x" constructor="y" prototype="z" Href="https://em/api/replicaSessions/1" ` +
      `Type="ReplicaJobSession" Name="evil" UID="${uid}">` +
      `<__proto__><polluted>yes</polluted></__proto__><constructor><prototype><polluted>yes</polluted></prototype></constructor>` +
      `<JobUid>urn:veeam:Job:11111111-2222-3333-4444-555555555555</JobUid><JobName>evil job</JobName>` +
      `<JobType>Replica</JobType><CreationTimeUTC>2025-01-01T00:00:00Z</CreationTimeUTC><State>Stopped</State>` +
      `<Result>Success</Result><Progress>100</Progress><IsRetry>false</IsRetry>` +
      `</ReplicaJobSession></ReplicaJobSessions></Entities>${PAGING}</QueryResult>`;
    stack.sim.faults.inject({ kind: "body", body: evil }, { pathPrefix: "/query" });
    const response = await stack.query(LIST);
    expect(response.status).toBe(200);
    // The odd names are plain data the mapper ignores: the row maps, and no prototype changed.
    expect(response.errors).toBeUndefined();
    expect(response.data!.replicaJobSessions.nodes).toEqual([{ id: uid, name: "evil" }]);
    expectUnpolluted();
    expect((await stack.query(LIST)).errors).toBeUndefined();
  });

  it("refuses a link whose Href has a malformed %-escape as UPSTREAM_BAD_RESPONSE", async () => {
    const uid = "urn:veeam:ReplicaJobSession:11111111-2222-3333-4444-555555555555";
    const body =
      `<QueryResult ${NS}><Entities><ReplicaJobSessions>` +
      `<ReplicaJobSession Href="https://em/api/replicaSessions/1" Type="ReplicaJobSession" Name="s" UID="${uid}">` +
      `<Links><Link Href="https://em/api/backupServers/%E0%A4%A" Name="b" Type="BackupServerReference" Rel="Up" /></Links>` +
      `<JobUid>urn:veeam:Job:11111111-2222-3333-4444-555555555555</JobUid><JobName>j</JobName>` +
      `<JobType>Replica</JobType><CreationTimeUTC>2025-01-01T00:00:00Z</CreationTimeUTC><State>Stopped</State>` +
      `<Result>Success</Result><Progress>100</Progress><IsRetry>false</IsRetry>` +
      `</ReplicaJobSession></ReplicaJobSessions></Entities>${PAGING}</QueryResult>`;
    stack.sim.faults.inject({ kind: "body", body }, { pathPrefix: "/query" });
    const response = await stack.query(LIST);
    expect(response.errors?.map((e) => e.extensions?.code)).toEqual(["UPSTREAM_BAD_RESPONSE"]);
    expect(response.errors?.[0]?.message).toMatch(/BackupServerReference link has no usable Href/);
  });

  // With Content-Length the body is refused before reading; chunked (below), the read is aborted at the cap.
  it.each([false, true])("refuses a 100 MB body within bounded memory (chunked: %s)", async (chunked) => {
    // Allocated (and touched) before the baseline, so that the simulator's copy does not count.
    const body = Buffer.alloc(100 * 1024 * 1024, "<a>xxxxxxxxxxxx</a>");
    body.write(`<QueryResult ${NS}>`, 0);
    const baseline = process.memoryUsage();
    let peakRss = baseline.rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }, 5);
    try {
      stack.sim.faults.inject({ kind: "body", body, chunked }, { pathPrefix: "/query" });
      const response = await stack.query(LIST);
      expect(response.errors?.map((e) => e.extensions?.code)).toEqual(["UPSTREAM_BAD_RESPONSE"]);
      expect(response.errors?.[0]?.message).toMatch(/larger than \d+ bytes/);
    } finally {
      clearInterval(sampler);
    }
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    // Generous: far below the 100 MB (or the 200 MB of a decoded string) that reading it would cost.
    expect(peakRss - baseline.rss).toBeLessThan(64 * 1024 * 1024);
    expect((await stack.query(LIST)).errors).toBeUndefined();
  });
});
