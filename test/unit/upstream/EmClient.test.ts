import { afterEach, describe, expect, it } from "vitest";
import type { EmClient } from "../../../src/upstream/EmClient.js";
import type { UpstreamCallEvent } from "../../../src/upstream/UpstreamCallEvent.js";
import {
  EmBadRequestError,
  EmBadResponseError,
  EmForbiddenError,
  EmNotFoundError,
  EmTimeoutError,
  EmUnauthorizedError,
  EmUnavailableError,
  UpstreamError,
} from "../../../src/upstream/UpstreamError.js";
import { attribute, childText } from "../../../src/upstream/xmlNodes.js";
import { CDP_QUERY_RESULT, errorXml, REFS_QUERY_RESULT, REPLICA_JOB_SESSION } from "./emSamples.js";
import { sendXml, startStubEm, type StubEm, type StubEmOptions } from "./stubEm.js";
import { recordingLogger, testClient, type TestClientOverrides } from "./testClient.js";

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

const JOB_SESSION_PATH = "/replicaSessions/04f694ad-664c-4603-a747-00edecae4f17?format=Entity";

describe("EmClient requests", () => {
  it("logs on once, then sends the token and Accept: application/xml on every GET", async () => {
    const { stub, client, events } = await setup({
      handler: (req, res) => req.url === `/api${JOB_SESSION_PATH}` && sendXml(res, REPLICA_JOB_SESSION),
    });
    const root = await client.get(JOB_SESSION_PATH);
    await client.get(JOB_SESSION_PATH);
    expect(root.name).toBe("ReplicaJobSession");
    expect(childText(root, "JobName")).toBe("Replication Job 1");
    expect(stub.logons()).toBe(1);
    expect(stub.calls()).toHaveLength(2);
    for (const call of stub.calls()) {
      expect(call.headers["x-restsvcsessionid"]).toBe(stub.issuedTokens[0]);
      expect(call.headers.accept).toBe("application/xml");
    }
    expect(events.map((e) => [e.method, e.endpoint, e.status, e.attempt])).toEqual([
      ["POST", "logon", 201, 1],
      ["GET", "entity", 200, 1],
      ["GET", "entity", 200, 1],
    ]);
    expect(events.every((e) => e.durationMs >= 0)).toBe(true);
  });

  it("accepts an absolute EM Href under the base path and uses only its path", async () => {
    const { stub, client } = await setup({
      handler: (req, res) => req.url === `/api${JOB_SESSION_PATH}` && sendXml(res, REPLICA_JOB_SESSION),
    });
    const root = await client.get(`https://localhost:9398/api${JOB_SESSION_PATH}`);
    expect(root.name).toBe("ReplicaJobSession");
    expect(stub.calls()).toHaveLength(1);
    await expect(client.get("https://localhost:9398/other/x")).rejects.toBeInstanceOf(RangeError);
    await expect(client.get("//evil/api/x")).rejects.toBeInstanceOf(RangeError);
  });

  it("builds query URLs with the filter encoded exactly once and reads the page", async () => {
    const { stub, client } = await setup({
      handler: (req, res) => req.url!.startsWith("/api/query?") && sendXml(res, CDP_QUERY_RESULT),
    });
    const page = await client.query({
      type: "CdpReplicaSession",
      filter: 'CreationTimeUTC>="2025-06-15";Name=="CDP Policy@x"',
      sortDesc: "CreationTimeUTC",
      pageSize: 50,
      page: 2,
    });
    expect(stub.calls()[0]!.url).toBe(
      "/api/query?type=CdpReplicaSession&format=Entities" +
        "&filter=CreationTimeUTC%3E%3D%222025-06-15%22%3BName%3D%3D%22CDP%20Policy%40x%22" +
        "&sortDesc=CreationTimeUTC&pageSize=50&page=2",
    );
    const query = new URL(`http://x${stub.calls()[0]!.url}`).searchParams;
    expect(query.get("filter")).toBe('CreationTimeUTC>="2025-06-15";Name=="CDP Policy@x"');
    expect(page.items.map((item) => item.name)).toEqual(["CdpPolicySession"]);
    expect(page).toMatchObject({ pageNum: 1, pageSize: 100, pagesCount: 1 });
  });

  it("reads References pages and rejects malformed queries locally", async () => {
    const { stub, client } = await setup({
      handler: (req, res) => req.url!.startsWith("/api/query?") && sendXml(res, REFS_QUERY_RESULT),
    });
    const page = await client.query({ type: "BackupServer", format: "References", pageSize: 1, page: 1 });
    expect(stub.calls()[0]!.url).toBe("/api/query?type=BackupServer&format=References&pageSize=1&page=1");
    expect(page.items.map((r) => attribute(r, "Name"))).toEqual(["172.17.53.47"]);
    expect(page.pagesCount).toBe(2);
    await expect(client.query({ type: "Job", pageSize: 0, page: 1 })).rejects.toBeInstanceOf(RangeError);
    await expect(client.query({ type: "Job", pageSize: 10, page: 1.5 })).rejects.toBeInstanceOf(RangeError);
    expect(stub.calls()).toHaveLength(1);
  });

  it("rejects a query answer that is not a QueryResult", async () => {
    const { client } = await setup({ handler: (_req, res) => sendXml(res, REPLICA_JOB_SESSION) });
    await expect(client.query({ type: "Job", pageSize: 1, page: 1 })).rejects.toBeInstanceOf(
      EmBadResponseError,
    );
  });
});

describe("EmClient status mapping", () => {
  const cases: [number, new (...args: never[]) => UpstreamError, string][] = [
    [400, EmBadRequestError, "EM_BAD_REQUEST"],
    [403, EmForbiddenError, "EM_FORBIDDEN"],
    [404, EmNotFoundError, "EM_NOT_FOUND"],
    [500, EmUnavailableError, "EM_UNAVAILABLE"],
    [405, EmUnavailableError, "EM_UNAVAILABLE"],
    [302, EmUnavailableError, "EM_UNAVAILABLE"],
  ];
  for (const [status, errorClass, code] of cases) {
    it(`maps ${status} to ${errorClass.name} with EM's message, without retrying`, async () => {
      const { stub, client } = await setup({
        handler: (_req, res) => sendXml(res, errorXml(`Failure number ${status}.`, status), status),
      });
      const error = await client.get("/query?type=Job&pageSize=1&page=1").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(errorClass);
      expect(error).toMatchObject({ code, status, method: "GET", emMessage: `Failure number ${status}.` });
      expect((error as Error).message).toContain(`GET ${stub.url}/query?type=Job&pageSize=1&page=1`);
      expect((error as Error).message).toContain(`Failure number ${status}.`);
      expect(stub.calls()).toHaveLength(1);
    });
  }

  it("refuses non-XML, malformed and oversized bodies", async () => {
    const { client } = await setup(
      {
        handler: (req, res) => {
          if (req.url === "/api/json") return sendXml(res, "{}", 200, { "Content-Type": "application/json" });
          if (req.url === "/api/bad") return sendXml(res, "<a><b></a>");
          if (req.url === "/api/doctype") return sendXml(res, `<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>`);
          if (req.url === "/api/big") return sendXml(res, `<a>${"x".repeat(5_000)}</a>`);
          if (req.url === "/api/chunked") {
            // No Content-Length: the cap must trip while reading.
            res.writeHead(200, { "Content-Type": "application/xml" });
            res.write("<a>");
            for (let i = 0; i < 20; i++) res.write("x".repeat(1_000));
            res.end("</a>");
            return true;
          }
          return false;
        },
      },
      { maxResponseBytes: 4_096 },
    );
    for (const path of ["/json", "/bad", "/doctype", "/big", "/chunked"]) {
      const error = await client.get(path).catch((e: unknown) => e);
      expect(error, path).toBeInstanceOf(EmBadResponseError);
      expect((error as EmBadResponseError).code).toBe("EM_BAD_RESPONSE");
    }
  });
});

describe("EmClient retries", () => {
  it("retries 503 twice and succeeds on the third attempt", async () => {
    const { stub, client, events } = await setup({
      handler: (_req, res, { seen }) =>
        seen < 2
          ? sendXml(res, errorXml("Service unavailable", 503), 503)
          : sendXml(res, REPLICA_JOB_SESSION),
    });
    const root = await client.get(JOB_SESSION_PATH);
    expect(root.name).toBe("ReplicaJobSession");
    expect(stub.calls()).toHaveLength(3);
    expect(events.filter((e) => e.method === "GET").map((e) => [e.status, e.attempt])).toEqual([
      [503, 1],
      [503, 2],
      [200, 3],
    ]);
  });

  it("gives up after the retry budget with EmUnavailableError", async () => {
    const { stub, client } = await setup({ handler: (_req, res) => sendXml(res, "", 502) });
    const error = await client.get(JOB_SESSION_PATH).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmUnavailableError);
    expect((error as EmUnavailableError).status).toBe(502);
    expect(stub.calls()).toHaveLength(3);
  });

  it("does not retry at all with maxRetries 0", async () => {
    const { stub, client } = await setup(
      { handler: (_req, res) => sendXml(res, "", 503) },
      { retry: { maxRetries: 0 } },
    );
    await expect(client.get(JOB_SESSION_PATH)).rejects.toBeInstanceOf(EmUnavailableError);
    expect(stub.calls()).toHaveLength(1);
  });

  it("waits at least Retry-After seconds before retrying", async () => {
    const arrivals: number[] = [];
    const { stub, client } = await setup(
      {
        handler: (_req, res, { seen }) => {
          arrivals.push(performance.now());
          return seen === 0
            ? sendXml(res, "", 503, { "Retry-After": "1" })
            : sendXml(res, REPLICA_JOB_SESSION);
        },
      },
      { retry: { maxRetries: 2, minDelayMs: 1, maxDelayMs: 5_000 } },
    );
    await client.get(JOB_SESSION_PATH);
    expect(stub.calls()).toHaveLength(2);
    // Lower bound only: without Retry-After the backoff here would be at most 1 ms.
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(900);
  });

  it("retries a connection reset by EM", async () => {
    const { stub, client } = await setup({
      handler: (req, res, { seen }) => {
        if (seen === 0) {
          req.socket.destroy();
          return true;
        }
        return sendXml(res, REPLICA_JOB_SESSION);
      },
    });
    expect((await client.get(JOB_SESSION_PATH)).name).toBe("ReplicaJobSession");
    expect(stub.calls()).toHaveLength(2);
  });

  it("reports a refused connection as EmUnavailableError after retrying, with status 0 events", async () => {
    const stub = await startStubEm();
    const url = stub.url;
    await stub.stop();
    const { client, events } = testClient(url);
    cleanups.push(() => client.close());
    const error = await client.get(JOB_SESSION_PATH).catch((e: unknown) => e);
    // The logon is the first exchange and is never retried.
    expect(error).toBeInstanceOf(EmUnavailableError);
    expect((error as Error).message).toContain("ECONNREFUSED");
    expect(events).toEqual([
      expect.objectContaining({ method: "POST", endpoint: "logon", status: 0, attempt: 1 }),
    ]);
  });
});

describe("EmClient timeouts", () => {
  it("maps a missing response to EmTimeoutError without retrying", async () => {
    const { stub, client } = await setup({ handler: () => true }, { headersTimeoutMs: 100 });
    const error = await client.get(JOB_SESSION_PATH).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmTimeoutError);
    expect((error as EmTimeoutError).code).toBe("EM_TIMEOUT");
    expect(stub.calls()).toHaveLength(1);
  });

  it("maps a stalled body to EmTimeoutError", async () => {
    const { client } = await setup(
      {
        handler: (_req, res) => {
          res.writeHead(200, { "Content-Type": "application/xml" });
          res.write("<QueryResult>");
          return true;
        },
      },
      { bodyTimeoutMs: 100 },
    );
    await expect(client.get(JOB_SESSION_PATH)).rejects.toBeInstanceOf(EmTimeoutError);
  });
});

describe("EmClient sessions", () => {
  it("re-logs on exactly once when 50 concurrent requests find the token expired", async () => {
    const { stub, client } = await setup({
      logonDelayMs: 20,
      handler: (req, res) =>
        req.url!.startsWith("/api/replicaSessions/") && sendXml(res, REPLICA_JOB_SESSION),
    });
    await client.get("/replicaSessions/warmup?format=Entity");
    stub.expireAll();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => client.get(`/replicaSessions/${i}?format=Entity`)),
    );
    expect(results).toHaveLength(50);
    expect(stub.logons()).toBe(2);
    // 1 warm-up + 50 refused + 50 repeated.
    expect(stub.calls()).toHaveLength(101);
    expect(
      stub
        .calls()
        .slice(-50)
        .every((c) => c.headers["x-restsvcsessionid"] === stub.issuedTokens[1]),
    ).toBe(true);
  });

  it("gives up with EmUnauthorizedError when a fresh token is refused too", async () => {
    const { stub, client } = await setup({
      handler: (_req, res) => sendXml(res, errorXml("Access is denied.", 401), 401),
    });
    const error = await client.get(JOB_SESSION_PATH).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmUnauthorizedError);
    expect(stub.logons()).toBe(2);
    expect(stub.calls()).toHaveLength(2);
  });

  it("reports refused service credentials as EmUnauthorizedError", async () => {
    const { stub, client } = await setup(
      {},
      { auth: { mode: "service", username: "admin", password: "not-it" } },
    );
    await expect(client.get(JOB_SESSION_PATH)).rejects.toBeInstanceOf(EmUnauthorizedError);
    expect(stub.calls()).toHaveLength(0);
  });

  it("logs the session out on close and then refuses calls", async () => {
    const { stub, client } = await setup({ handler: (_req, res) => sendXml(res, REPLICA_JOB_SESSION) });
    await client.get(JOB_SESSION_PATH);
    expect(client.stats().sessions).toBe(1);
    await client.close();
    expect(stub.logouts()).toBe(1);
    expect(stub.requests.at(-1)!.url).toBe(`/api/logonSessions/${stub.issuedSessionIds[0]}`);
    await expect(client.get(JOB_SESSION_PATH)).rejects.toBeInstanceOf(EmUnavailableError);
    await client.close();
    expect(stub.logouts()).toBe(1);
  });

  it("warns once about tlsInsecure for an https EM, and not for a plain-http one", async () => {
    const logger = recordingLogger();
    const auth = { mode: "service", username: "admin", password: "pw" } as const;
    const { client: https } = testClient("https://em01.invalid:9398/api", {
      auth,
      tlsInsecure: true,
      logger,
    });
    cleanups.push(() => https.close({ timeoutMs: 100 }));
    expect(logger.lines.filter((l) => l.startsWith("warn") && l.includes("tlsInsecure"))).toHaveLength(1);
    await setup({}, { tlsInsecure: true, logger }); // the stub EM is plain http
    expect(logger.lines.filter((l) => l.startsWith("warn") && l.includes("tlsInsecure"))).toHaveLength(1);
  });
});

describe("EmClient in-flight sharing", () => {
  it("shares one request and one result among identical concurrent GETs", async () => {
    const { stub, client } = await setup({
      handler: (_req, res) => {
        setTimeout(() => sendXml(res, REPLICA_JOB_SESSION), 30);
        return true;
      },
    });
    const [a, b, c] = await Promise.all([
      client.get(JOB_SESSION_PATH),
      client.get(JOB_SESSION_PATH),
      client.get(JOB_SESSION_PATH),
    ]);
    expect(stub.calls()).toHaveLength(1);
    expect(a).toBe(b);
    expect(b).toBe(c);
    // Nothing is cached once the request has completed.
    await client.get(JOB_SESSION_PATH);
    expect(stub.calls()).toHaveLength(2);
  });

  it("does not share requests for different URLs", async () => {
    const { stub, client } = await setup({ handler: (_req, res) => sendXml(res, REPLICA_JOB_SESSION) });
    await Promise.all([client.get("/replicaSessions/a"), client.get("/replicaSessions/b")]);
    expect(stub.calls()).toHaveLength(2);
  });

  it("lets one waiter abort while the others still get the shared result", async () => {
    const { stub, client } = await setup({
      handler: (_req, res) => {
        setTimeout(() => sendXml(res, REPLICA_JOB_SESSION), 50);
        return true;
      },
    });
    await client.get("/warmup").catch(() => undefined);
    const controller = new AbortController();
    const aborted = client.get(JOB_SESSION_PATH, { signal: controller.signal });
    const kept = client.get(JOB_SESSION_PATH);
    controller.abort(new Error("caller went away"));
    await expect(aborted).rejects.toThrow("caller went away");
    expect((await kept).name).toBe("ReplicaJobSession");
    expect(stub.calls()).toHaveLength(2);
  });

  it("reports exchanges to the per-call listener of the call that made them", async () => {
    const { client } = await setup({ handler: (_req, res) => sendXml(res, REPLICA_JOB_SESSION) });
    const mine: UpstreamCallEvent[] = [];
    await client.get(JOB_SESSION_PATH, { onCall: (e) => mine.push(e) });
    expect(mine.map((e) => e.endpoint)).toEqual(["logon", "entity"]);
    const later: UpstreamCallEvent[] = [];
    await client.get(JOB_SESSION_PATH, { onCall: (e) => later.push(e) });
    expect(later.map((e) => e.endpoint)).toEqual(["entity"]);
  });
});

describe("EmClient connection pool", () => {
  it("keeps working with one connection after every kind of failure", async () => {
    const { stub, client } = await setup(
      {
        handler: (req, res) => {
          switch (req.url) {
            case "/api/s404":
              return sendXml(res, errorXml("not found", 404), 404);
            case "/api/s400":
              return sendXml(res, errorXml("bad filter", 400), 400);
            case "/api/s503":
              return sendXml(res, errorXml("busy", 503), 503);
            case "/api/big":
              return sendXml(res, `<a>${"x".repeat(10_000)}</a>`);
            case "/api/huge-error":
              return sendXml(res, `<Error Message="${"y".repeat(100_000)}"/>`, 500);
            case "/api/stall":
              return true;
            case "/api/bad":
              return sendXml(res, "<a>");
            default:
              return sendXml(res, REPLICA_JOB_SESSION);
          }
        },
      },
      { maxConnections: 1, maxResponseBytes: 4_096, headersTimeoutMs: 150 },
    );
    for (const path of ["/s404", "/s400", "/s503", "/big", "/huge-error", "/stall", "/bad"]) {
      await expect(client.get(path), path).rejects.toBeInstanceOf(UpstreamError);
      expect((await client.get(JOB_SESSION_PATH)).name, `after ${path}`).toBe("ReplicaJobSession");
    }
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => client.get(`/ok/${i}`)));
    expect(results).toHaveLength(5);
    expect(client.stats()).toMatchObject({ pending: 0, running: 0, sessions: 1 });
    expect(client.stats().connected).toBeLessThanOrEqual(1);
    expect(stub.logons()).toBe(1);
  });
});
