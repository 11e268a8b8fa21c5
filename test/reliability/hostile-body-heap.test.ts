import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "../../src/simulator/startSimulator.js";
import { postGraphQL, startGatewayProcess, type GatewayProcess } from "../helpers/gatewayProcess.js";

// A hostile EM (or whatever sits between it and the gateway) sends bodies just under the response cap
// that would take xml2js's tree to gigabytes: millions of tiny elements, millions of nesting levels, one
// element with a million attributes. The gateway runs in a child process with a 512 MiB heap, refuses
// each as UPSTREAM_BAD_RESPONSE, answers /healthz while it reads them, and is still alive afterwards.

const NS = `xmlns="http://www.veeam.com/ent/v1.0"`;
const PAGING = `<PagingInfo PageNum="1" PageSize="2" PagesCount="1" />`;
const LIST = `{ replicaJobSessions(first: 2) { nodes { id name } } }`;
/** Just under the default cap (16 MiB + 64 KiB), so the size check alone would let each through. */
const BODY_BYTES = 15 * 1024 * 1024;

function filled(open: string, unit: string, close: string): Buffer {
  const count = Math.floor((BODY_BYTES - open.length - close.length) / unit.length);
  return Buffer.from(open + unit.repeat(count) + close, "utf8");
}

const BODIES: Record<string, { body: Buffer; refused: boolean }> = {
  "3.9 million empty elements": {
    body: filled(`<QueryResult ${NS}><Refs>`, "<a/>", `</Refs>${PAGING}</QueryResult>`),
    refused: true,
  },
  "5 million levels of nesting": { body: filled(`<QueryResult ${NS}>`, "<a>", ""), refused: true },
  "one element with 1.4 million attributes": {
    body: Buffer.from(
      `<QueryResult ${NS}><Refs><Ref ` +
        Array.from({ length: 1_400_000 }, (_, i) => `a${i}=""`).join(" ") +
        ` /></Refs>${PAGING}</QueryResult>`,
      "utf8",
    ),
    refused: true,
  },
  // Legitimate in shape (EM ignores nothing, the gateway ignores unknown elements): parsed, slice by slice.
  "a 15 MiB text node": {
    body: filled(
      `<QueryResult ${NS}><Entities><ReplicaJobSessions /></Entities><Junk>`,
      "x",
      `</Junk>${PAGING}</QueryResult>`,
    ),
    refused: false,
  },
};

describe("a gateway with a 512 MiB heap against hostile bodies within the size cap", () => {
  let sim: Simulator;
  let gateway: GatewayProcess;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    gateway = await startGatewayProcess({
      NODE_OPTIONS: "--max-old-space-size=512",
      VEEAM_EM_URL: sim.url,
      VEEAM_EM_USERNAME: sim.credentials.username,
      VEEAM_EM_PASSWORD: sim.credentials.password,
      VEEAM_EM_BREAKER_THRESHOLD: "0",
    });
    expect((await postGraphQL(gateway.url, LIST)).errors).toBeUndefined();
  }, 30_000);
  afterAll(async () => {
    gateway?.kill();
    await sim?.close();
  });

  for (const [name, { body, refused }] of Object.entries(BODIES)) {
    it(`${refused ? "refuses" : "reads"} ${name}, answering /healthz meanwhile`, async () => {
      expect(body.length).toBeLessThan(16 * 1024 * 1024);
      sim.faults.inject({ kind: "body", body }, { pathPrefix: "/query" });
      let answered = false;
      const response = postGraphQL(gateway.url, LIST).finally(() => (answered = true));
      const health: number[] = [];
      while (!answered) {
        health.push((await fetch(new URL("/healthz", gateway.url))).status);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const result = await response;
      if (refused) {
        expect(result.data.replicaJobSessions).toBeNull();
        expect(result.errors.map((e: any) => e.extensions.code)).toEqual(["UPSTREAM_BAD_RESPONSE"]);
        expect(result.errors[0].message).toMatch(/more than \d+ elements and attributes|nested deeper/);
      } else {
        expect(result.errors).toBeUndefined();
        expect(result.data.replicaJobSessions.nodes).toEqual([]);
      }
      expect(health.every((status) => status === 200)).toBe(true);
      expect(gateway.process.exitCode).toBeNull();
      expect((await postGraphQL(gateway.url, LIST)).errors).toBeUndefined();
    }, 60_000);
  }
});
