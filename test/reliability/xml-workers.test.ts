import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../helpers/startStack.js";

/*
 * EM's XML parsed and mapped in worker threads (issue 16), through GraphQL: the same answers as parsing
 * inline, and hostile or overwhelming bodies failing only the call they came with, the pool recovering.
 * XML_INLINE_BELOW_BYTES=0 sends every body to a worker.
 */

const NOW = new Date("2025-11-05T12:00:00Z");
const NS = `xmlns="http://www.veeam.com/ent/v1.0"`;
const PAGING = `<PagingInfo PageNum="1" PageSize="500" PagesCount="1" />`;
const JOB_UID = "urn:veeam:Job:724e3c07-4e12-44f5-998f-d568071216d8";
const LIST = `{ jobs(first: 500) { nodes { id name } } }`;
const NESTED = `{
  backupJobSessions(first: 30) {
    nodes {
      id name state result progress creationTimeUtc endTimeUtc isRetry
      job { name platform nextRun }
      backupServer { name version }
      taskSessions(first: 10) { nodes { id vmDisplayName result reason totalSize endTimeUtc } }
    }
  }
  repositories(first: 20) { nodes { id name freeSpacePercent } }
}`;

const manyJobs = (count: number) =>
  `<QueryResult ${NS}><Entities><Jobs>${`<Job UID="${JOB_UID}" Name="a"><Description>d</Description></Job>`.repeat(count)}</Jobs></Entities>${PAGING}</QueryResult>`;

const workers = (env: Record<string, string> = {}) =>
  startStack({
    simulator: { clock: () => NOW },
    env: { XML_WORKERS: "1", XML_INLINE_BELOW_BYTES: "0", VEEAM_EM_BREAKER_THRESHOLD: "0", ...env },
  });

async function expectBadResponse(stack: Stack, document = LIST) {
  const response = await stack.query(document);
  expect(response.status).toBe(200);
  expect(response.errors?.map((e) => e.extensions?.code)).toEqual(["UPSTREAM_BAD_RESPONSE"]);
  return response.errors![0]!.message;
}

describe("XML parsed in workers", () => {
  let inWorkers: Stack;
  let inline: Stack;
  beforeAll(async () => {
    [inWorkers, inline] = await Promise.all([
      workers(),
      startStack({ simulator: { clock: () => NOW }, env: { XML_WORKERS: "0" } }),
    ]);
  });
  afterAll(() => Promise.all([inWorkers.close(), inline.close()]));
  beforeEach(() => inWorkers.sim.faults.clear());

  it("answers exactly as parsing inline, and says where it parsed in /metrics", async () => {
    const [a, b] = await Promise.all([inWorkers.query(NESTED), inline.query(NESTED)]);
    expect(a.errors).toBeUndefined();
    expect(a.data).toEqual(b.data);
    expect(a.data!.backupJobSessions.nodes).toHaveLength(30);
    const metrics = await (await fetch(new URL("/metrics", inWorkers.gateway.url))).text();
    expect(metrics).toMatch(/gateway_xml_decode_duration_seconds_count\{where="worker"\} [1-9]/);
    expect(metrics).toMatch(/gateway_xml_workers 1/);
    expect(metrics).toMatch(/gateway_xml_worker_queue_length 0/);
    expect(metrics).toMatch(/nodejs_eventloop_lag_p99_seconds/);
    const inlineMetrics = await (await fetch(new URL("/metrics", inline.gateway.url))).text();
    expect(inlineMetrics).not.toMatch(/gateway_xml_decode_duration_seconds_count\{where="worker"\}/);
    expect(inlineMetrics).toMatch(/gateway_xml_decode_duration_seconds_count\{where="inline"\} [1-9]/);
  });

  const HOSTILE: Record<string, string> = {
    "nesting 100 000 levels deep": `<QueryResult ${NS}>${"<a>".repeat(100_000)}${"</a>".repeat(100_000)}${PAGING}</QueryResult>`,
    "a 15 MB text node": `<QueryResult ${NS}><Entities><Jobs><Job UID="${JOB_UID}" Name="a"><Description>${"y".repeat(15_000_000)}</Description></Job></Jobs></Entities><PagingInfo PageNum="1" PageSize="500" PagesCount="1"></QueryResult>`,
    "malformed XML mid-page": manyJobs(200).slice(0, 20_000) + "<Job <<>>" + manyJobs(200).slice(20_000),
    "an entity declaration": `<!DOCTYPE r [<!ENTITY x "y">]><QueryResult ${NS}>${PAGING}</QueryResult>`,
    "__proto__ as an element": `<QueryResult ${NS}><Entities><Jobs><Job UID="${JOB_UID}" Name="a"><__proto__><polluted>1</polluted></__proto__></Job></Jobs></Entities>${PAGING}</QueryResult>`,
  };
  for (const [name, body] of Object.entries(HOSTILE)) {
    it(`refuses ${name} in the worker like inline, and the next call is answered`, async () => {
      inWorkers.sim.faults.inject({ kind: "body", body }, { pathPrefix: "/query" });
      const response = await inWorkers.query(LIST);
      if (name.startsWith("__proto__")) {
        // Harmless once parsed: an unknown child element is ignored, and nothing is polluted anywhere.
        expect(response.errors).toBeUndefined();
        expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
      } else {
        expect(response.errors?.map((e) => e.extensions?.code)).toEqual(["UPSTREAM_BAD_RESPONSE"]);
        expect(response.errors![0]!.message).toMatch(/Enterprise Manager sent|malformed|nest|DOCTYPE|entit/i);
      }
      expect((await inWorkers.query(LIST)).errors).toBeUndefined();
    });
  }
});

describe("a worker that fails", () => {
  it("out of its heap fails only that call; the pool replaces it and concurrent calls are answered", async () => {
    const stack = await workers({ XML_WORKER_HEAP_MB: "32" });
    try {
      const huge = `<QueryResult ${NS}><Entities><Jobs><Job Name="${"x".repeat(15_000_000)}" UID="${JOB_UID}"/></Jobs></Entities>${PAGING}</QueryResult>`;
      stack.sim.faults.inject({ kind: "body", body: huge }, { pathPrefix: "/query", query: "type=Job" });
      const [failed, other] = await Promise.all([
        expectBadResponse(stack),
        stack.query(`{ backupServers(first: 4) { nodes { name } } }`),
      ]);
      expect(failed).toMatch(/32 MB heap/);
      expect(other.errors).toBeUndefined();
      expect(other.data!.backupServers.nodes).toHaveLength(4);
      for (let i = 0; i < 3; i++) expect((await stack.query(LIST)).errors).toBeUndefined();
    } finally {
      await stack.close();
    }
  });

  it("past the parse deadline fails only that call, with a clear message; the next is answered", async () => {
    const stack = await workers({ XML_PARSE_DEADLINE_MS: "10" });
    try {
      stack.sim.faults.inject(
        { kind: "body", body: manyJobs(30_000) },
        { pathPrefix: "/query", query: "type=Job" },
      );
      expect(await expectBadResponse(stack)).toMatch(/longer than 10 ms/);
      // Small pages parse well inside even this deadline in a fresh worker.
      const after = await stack.query(`{ backupServers(first: 1) { nodes { name } } }`);
      expect(after.errors).toBeUndefined();
    } finally {
      await stack.close();
    }
  });
});
