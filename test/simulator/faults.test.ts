import { parseStringPromise } from "xml2js";
import { afterEach, describe, expect, it } from "vitest";
import { startSimulator } from "../../src/simulator/startSimulator.js";
import { basic, get, logon, NOW, useSimulator } from "./simulatorTestKit.js";

const sim = await useSimulator();
const token = await logon(sim);

afterEach(() => {
  sim.faults.clear();
  sim.clearRequests();
});

const statuses = () => sim.requests.map((r) => r.status);

describe("request log", () => {
  it("records method, raw path and query, status, duration and arrival time, oldest first", async () => {
    sim.clearRequests();
    const before = Date.now();
    await get(sim, token, "/query?type=Job&filter=Name%3D%3D%22x%22");
    await get(sim, token, "/nope");
    expect(sim.requests).toHaveLength(2);
    const [a, b] = sim.requests;
    expect(a).toMatchObject({
      method: "GET",
      path: "/api/query",
      query: "type=Job&filter=Name%3D%3D%22x%22",
      status: 200,
    });
    expect(a.durationMs).toBeGreaterThanOrEqual(0);
    expect(a.at.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(b).toMatchObject({ path: "/api/nope", query: "", status: 404 });
    sim.clearRequests();
    expect(sim.requests).toHaveLength(0);
  });
});

describe("status faults", () => {
  it("answers the next N matching requests with the status, Retry-After and an Error body", async () => {
    const fault = sim.faults.inject(
      { kind: "status", status: 503, retryAfter: 2 },
      { pathPrefix: "/QUERY", times: 2 },
    );
    const other = await get(sim, token, "/jobs");
    expect(other.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const res = await get(sim, token, "/query?type=Job");
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("2");
      expect(res.xml.Error.$.StatusCode).toBe("503");
      expect(res.xml.Error.FirstChanceExceptionMessage[0]).toMatch(/503/);
    }
    expect(fault.remaining).toBe(0);
    expect(fault.hits).toBe(2);
    expect((await get(sim, token, "/query?type=Job")).status).toBe(200);
    expect(statuses()).toEqual([200, 503, 503, 200]);
  });

  it("matches logon requests, methods and query substrings", async () => {
    sim.faults.inject(
      { kind: "status", status: 500, message: "boom" },
      { method: "post", pathPrefix: "/sessionMngr" },
    );
    const failed = await fetch(`${sim.url}/sessionMngr/?v=latest`, {
      method: "POST",
      headers: { Authorization: basic("demo", "demo") },
    });
    expect(failed.status).toBe(500);
    expect(await failed.text()).toContain('Message="boom"');
    await logon(sim);
    sim.faults.inject({ kind: "status", status: 500 }, { query: 'Name=="b"' });
    expect((await get(sim, token, "/query?type=Job&filter=Name%3D%3D%22a%22")).status).toBe(200);
    expect((await get(sim, token, "/query?type=Job&filter=Name%3D%3D%22b%22")).status).toBe(500);
    expect(statuses()).toEqual([500, 201, 200, 500]);
  });

  it("cancel() and clear() drop queued faults", async () => {
    const fault = sim.faults.inject({ kind: "status", status: 500 }, { times: 5 });
    fault.cancel();
    expect((await get(sim, token, "/jobs")).status).toBe(200);
    sim.faults.inject({ kind: "status", status: 500 }, { times: 5 });
    expect(sim.faults.pending).toHaveLength(1);
    sim.faults.clear();
    expect(sim.faults.pending).toHaveLength(0);
    expect((await get(sim, token, "/jobs")).status).toBe(200);
  });

  it("validates fault definitions", () => {
    expect(() => sim.faults.inject({ kind: "status", status: 42 })).toThrow(RangeError);
    expect(() => sim.faults.inject({ kind: "reset" }, { times: 0 })).toThrow(RangeError);
    expect(() => sim.faults.setLatency({ fixedMs: -1 })).toThrow(RangeError);
  });
});

describe("transport faults", () => {
  it("reset: the connection is dropped without a response (logged with status 0)", async () => {
    sim.faults.inject({ kind: "reset" }, { pathPrefix: "/jobs" });
    await expect(fetch(`${sim.url}/jobs`, { headers: { "X-RestSvcSessionId": token } })).rejects.toThrow();
    expect((await get(sim, token, "/jobs")).status).toBe(200);
    expect(statuses()).toEqual([0, 200]);
  });

  it("stallHeaders: nothing is sent until the client gives up", async () => {
    sim.faults.inject({ kind: "stallHeaders" });
    const controller = new AbortController();
    const pending = fetch(`${sim.url}/jobs`, {
      headers: { "X-RestSvcSessionId": token },
      signal: controller.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sim.requests.map((r) => [r.path, r.status])).toEqual([["/api/jobs", 0]]);
    controller.abort();
    await expect(pending).rejects.toThrow();
  });

  it("stallBody: headers and the first bytes of the real body, then nothing", async () => {
    const full = await get(sim, token, "/backupServers");
    sim.faults.inject({ kind: "stallBody", bytes: 100 });
    const controller = new AbortController();
    const res = await fetch(`${sim.url}/backupServers`, {
      headers: { "X-RestSvcSessionId": token },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(Number(res.headers.get("content-length"))).toBe(Buffer.byteLength(full.text));
    const reader = res.body!.getReader();
    let received = "";
    while (received.length < 100) received += Buffer.from((await reader.read()).value!).toString();
    expect(received).toBe(full.text.slice(0, 100));
    controller.abort();
    await expect(reader.read()).rejects.toThrow();
    expect(statuses()).toEqual([200, 200]);
  });

  it("truncate: a valid HTTP response whose XML is cut", async () => {
    const full = await get(sim, token, "/query?type=Job");
    sim.faults.inject({ kind: "truncate" }, { pathPrefix: "/query" });
    const res = await get(sim, token, "/query?type=Job").catch((e) => e);
    // get() parses XML; a cut document makes xml2js throw, so fetch the raw text instead.
    expect(res).toBeInstanceOf(Error);
    sim.faults.inject({ kind: "truncate", bytes: 120 }, { pathPrefix: "/query" });
    const raw = await fetch(`${sim.url}/query?type=Job`, { headers: { "X-RestSvcSessionId": token } });
    const text = await raw.text();
    expect(raw.status).toBe(200);
    expect(text).toBe(full.text.slice(0, 120));
    await expect(parseStringPromise(text)).rejects.toThrow();
  });

  it("malformed: 200 with XML that is not well-formed", async () => {
    sim.faults.inject({ kind: "malformed" });
    const res = await fetch(`${sim.url}/jobs`, { headers: { "X-RestSvcSessionId": token } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/xml/);
    const text = await res.text();
    expect(text.startsWith("<?xml")).toBe(true);
    await expect(parseStringPromise(text)).rejects.toThrow();
  });

  it("body: a caller-supplied body (string or Buffer) and content type", async () => {
    const hostile =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><QueryResult>&lol2;</QueryResult>';
    sim.faults.inject({ kind: "body", body: hostile }, { pathPrefix: "/query" });
    const a = await fetch(`${sim.url}/query?type=Job`, { headers: { "X-RestSvcSessionId": token } });
    expect(a.status).toBe(200);
    expect(await a.text()).toBe(hostile);
    sim.faults.inject({
      kind: "body",
      body: Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
      contentType: "application/json",
      status: 202,
    });
    const b = await fetch(`${sim.url}/jobs`, { headers: { "X-RestSvcSessionId": token } });
    expect(b.status).toBe(202);
    expect(b.headers.get("content-type")).toBe("application/json");
    expect(Buffer.from(await b.arrayBuffer())).toEqual(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]));
    expect(statuses()).toEqual([200, 202]);
  });

  it("body with chunked: Transfer-Encoding chunked, no Content-Length, the whole body", async () => {
    const body = Buffer.alloc(300 * 1024, "<a>x</a>");
    sim.faults.inject({ kind: "body", body, chunked: true }, { pathPrefix: "/query" });
    const response = await fetch(`${sim.url}/query?type=Job`, { headers: { "X-RestSvcSessionId": token } });
    expect(response.headers.get("transfer-encoding")).toBe("chunked");
    expect(response.headers.get("content-length")).toBeNull();
    expect(Buffer.from(await response.arrayBuffer())).toEqual(body);
  });
});

describe("latency", () => {
  it("adds the configured delay to every response", async () => {
    sim.faults.setLatency({ fixedMs: 60, jitterMs: 20 });
    expect(sim.faults.latency).toEqual({ fixedMs: 60, jitterMs: 20 });
    await Promise.all([get(sim, token, "/jobs"), get(sim, token, "/backupServers")]);
    for (const r of sim.requests) expect(r.durationMs).toBeGreaterThanOrEqual(59);
    sim.faults.setLatency(undefined);
    expect(sim.faults.latency).toBeUndefined();
  });

  it("can be set at start", async () => {
    const slow = await startSimulator({ clock: () => NOW, latency: { fixedMs: 40 } });
    try {
      await fetch(`${slow.url}/`).then((r) => r.text());
      expect(slow.requests[0].durationMs).toBeGreaterThanOrEqual(39);
    } finally {
      await slow.close();
    }
  });
});

describe("close", () => {
  it("closes the server even with stalled requests and pending latency timers", async () => {
    const s = await startSimulator({ clock: () => NOW });
    s.faults.inject({ kind: "stallHeaders" });
    const stalled = fetch(`${s.url}/`).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 30));
    s.faults.inject({ kind: "stallBody" });
    const partial = fetch(`${s.url}/`)
      .then((r) => r.text())
      .catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 30));
    s.faults.setLatency({ fixedMs: 60_000 });
    const delayed = fetch(`${s.url}/`).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await s.close();
    expect(await stalled).toBeInstanceOf(Error);
    expect(await partial).toBeInstanceOf(Error);
    expect(await delayed).toBeInstanceOf(Error);
    await s.close(); // idempotent
  });
});
