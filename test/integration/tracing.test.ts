import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "../../src/simulator/startSimulator.js";
import { startTracing, type Tracing } from "../../src/telemetry/startTracing.js";
import { emSessionSecrets } from "../helpers/emSessionIds.js";
import { subscribeWs, wsClient } from "../helpers/liveClients.js";
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from "../helpers/otlpReceiver.js";
import { startStack, type Stack } from "../helpers/startStack.js";
import { waitFor } from "../reliability/waitFor.js";

/*
 * OpenTelemetry traces (issue 20), exported by the real Node SDK and OTLP/HTTP exporter to a receiver in this
 * process, configured the way users do it: OTEL_* variables. The gateway runs on the simulator with an
 * account whose password is distinctive, so that no span can carry it unnoticed.
 */

const USER = { username: "svc-tracing", password: "Tr4ce-Pa55word-Only" };
const PASSTHROUGH_USER = { username: "ops-alice", password: "Al1ce-Secret-Pa55" };
const SERVER = 2;
const CLIENT = 3;

let receiver: OtlpReceiver;
let tracing: Tracing;
let sim: Simulator;
let stack: Stack;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  // The SDK reads the standard variables itself, as it does in `npm start`.
  Object.assign(process.env, {
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
    OTEL_BSP_SCHEDULE_DELAY: "50",
  });
  tracing = startTracing({ defaultServiceName: "veeam-em-graphql-gateway", version: "test" });
  sim = await startSimulator({
    port: 0,
    users: [USER, { ...PASSTHROUGH_USER, role: "PortalUser" }],
  });
  stack = await startStack({
    sharedSimulator: sim,
    tracer: tracing.tracer,
    env: {
      VEEAM_EM_USERNAME: USER.username,
      VEEAM_EM_PASSWORD: USER.password,
      CACHE: "off",
      LIVE_POLL_INTERVAL_MS: "1000",
    },
  });
});
afterAll(async () => {
  await stack?.close();
  await tracing?.shutdown();
  await sim?.close();
  await receiver?.close();
});

/** The spans of `traceId` once exported (the batch processor sends them within ~50 ms of their end). */
async function traceOf(traceId: string, atLeast: number): Promise<ReceivedSpan[]> {
  await tracing.flush();
  await waitFor(
    () => receiver.spans.filter((span) => span.traceId === traceId).length >= atLeast,
    `${atLeast} spans of trace ${traceId}`,
  );
  await sleep(100);
  await tracing.flush();
  return receiver.spans.filter((span) => span.traceId === traceId);
}

const childrenOf = (spans: readonly ReceivedSpan[], parent: ReceivedSpan) =>
  spans.filter((span) => span.parentSpanId === parent.spanId);

function newTraceparent(): { header: string; traceId: string; parentId: string } {
  const traceId = randomBytes(16).toString("hex");
  const parentId = randomBytes(8).toString("hex");
  return { header: `00-${traceId}-${parentId}-01`, traceId, parentId };
}

const NESTED = `query Nested {
  backupJobSessions(first: 5) {
    nodes { id job { name description } backupServer { version } taskSessions { nodes { id } } }
  }
}`;

describe("a traced operation", () => {
  it("is one trace continuing the client's traceparent: operation → batches → EM calls → parses", async () => {
    await stack.query(`{ backupServers(first: 1) { nodes { id } } }`); // the logon is traced elsewhere
    const client = newTraceparent();
    const since = Date.now();
    const { errors } = await stack.query(NESTED, undefined, { traceparent: client.header });
    expect(errors).toBeUndefined();
    const spans = await traceOf(client.traceId, 12);

    const operation = spans.find((span) => span.kind === SERVER)!;
    expect(operation).toMatchObject({
      name: "query Nested",
      parentSpanId: client.parentId,
      attributes: {
        "graphql.operation.type": "query",
        "graphql.operation.name": "Nested",
        "http.request.method": "POST",
        "http.route": "/graphql",
        "http.response.status_code": 200,
      },
      status: { code: 0 },
    });
    expect(operation.resource["service.name"]).toBe("veeam-em-graphql-gateway");
    expect(operation.resource["service.version"] ?? "test").toBeDefined();

    // The list's EM call hangs off the operation; each link type is one batch with one EM call.
    const calls = spans.filter((span) => span.kind === CLIENT);
    const list = calls.find((span) => span.attributes["veeam.em.query_type"] === "BackupJobSession")!;
    expect(list.parentSpanId).toBe(operation.spanId);
    expect(list).toMatchObject({
      name: "GET /query",
      attributes: {
        "http.request.method": "GET",
        "http.response.status_code": 200,
        "veeam.em.endpoint": "query",
        "veeam.em.rows": 5,
        "veeam.em.site": "default",
        "server.address": "127.0.0.1",
      },
    });
    expect(String(list.attributes["url.full"])).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/api\/query\?type=BackupJobSession&/,
    );
    expect(list.attributes["http.response.body.size"]).toBeGreaterThan(1000);
    const [listParse] = childrenOf(spans, list);
    expect(listParse).toMatchObject({
      name: "parse EM XML",
      attributes: { "veeam.xml.where": "inline", "veeam.em.rows": 5 },
    });
    expect(listParse!.attributes["veeam.xml.bytes"]).toBe(list.attributes["http.response.body.size"]);

    const batches = childrenOf(spans, operation).filter((span) => span.name.startsWith("batch "));
    expect(batches.map((span) => span.name).sort()).toEqual([
      "batch BackupServer",
      "batch BackupTaskSession.children",
      "batch Job",
    ]);
    for (const batch of batches) {
      expect(batch.attributes["veeam.batch.keys"]).toBeGreaterThanOrEqual(1);
      expect(batch.attributes["veeam.batch.cache_hits"]).toBe(0);
      expect(batch.attributes["veeam.em.site"]).toBe("default");
      const [call] = childrenOf(spans, batch);
      expect(call).toMatchObject({ kind: CLIENT, name: "GET /query" });
      // A batch's call carries its OR filter in the URL (EM's own words; never a token: that is a header).
      expect(String(call!.attributes["url.full"])).toContain("filter=");
      expect(childrenOf(spans, call!).map((span) => span.name)).toEqual(["parse EM XML"]);
    }
    expect(
      batches.find((span) => span.name === "batch BackupTaskSession.children")!.attributes,
    ).toMatchObject({
      "veeam.batch.keys": 5,
    });

    // EM received the trace: every call of this operation carried a traceparent of this trace, naming the
    // call's own span as its parent.
    const received = sim.requests.filter((request) => request.at.getTime() >= since);
    expect(received).toHaveLength(4);
    for (const request of received) {
      const [, traceId, parentId] = request.traceparent!.split("-");
      expect(traceId).toBe(client.traceId);
      expect(calls.map((span) => span.spanId)).toContain(parentId);
    }

    // The operation's log line names its trace and span.
    const line = stack.logs
      .map((text) => JSON.parse(text) as Record<string, unknown>)
      .find((entry) => entry["operationName"] === "Nested" && entry["msg"] === "graphql operation");
    expect(line).toMatchObject({ trace_id: client.traceId, span_id: operation.spanId });
  });

  it("starts a trace of its own without a traceparent, and traces the logon and a parse in a worker", async () => {
    const fresh = await startStack({
      sharedSimulator: sim,
      tracer: tracing.tracer,
      env: {
        VEEAM_EM_USERNAME: USER.username,
        VEEAM_EM_PASSWORD: USER.password,
        CACHE: "off",
        // Every body to the XML worker, so the parse's span says where it ran.
        XML_WORKERS: "1",
        XML_INLINE_BELOW_BYTES: "0",
      },
    });
    try {
      const before = receiver.spans.length;
      await fresh.query(`query First { jobs(first: 2) { nodes { name } } }`);
      await tracing.flush();
      await waitFor(
        () => receiver.spans.slice(before).some((span) => span.name === "query First"),
        "the operation",
      );
      const operation = receiver.spans.slice(before).find((span) => span.name === "query First")!;
      expect(operation.parentSpanId).toBeUndefined();
      const spans = await traceOf(operation.traceId, 4);
      const logon = spans.find((span) => span.attributes["veeam.em.endpoint"] === "logon")!;
      expect(logon).toMatchObject({
        kind: CLIENT,
        name: "POST /sessionMngr/",
        attributes: { "http.request.method": "POST", "http.response.status_code": 201 },
      });
      // The logon was made for the list's call, under its span.
      const call = spans.find((span) => span.spanId === logon.parentSpanId)!;
      expect(call.name).toBe("GET /query");
      expect(childrenOf(spans, call).find((span) => span.name === "parse EM XML")?.attributes).toMatchObject({
        "veeam.xml.where": "worker",
        "veeam.em.rows": 2,
      });
    } finally {
      await fresh.close();
    }
  });

  it("marks an operation whose EM call failed, with the error's code and no message", async () => {
    const fault = sim.faults.inject({ kind: "status", status: 503 }, { pathPrefix: "/query", times: 10 });
    const client = newTraceparent();
    try {
      const { errors } = await stack.query(`query Broken { jobs(first: 1) { nodes { name } } }`, undefined, {
        traceparent: client.header,
      });
      expect(errors?.[0]?.extensions?.code).toBe("UPSTREAM_UNAVAILABLE");
    } finally {
      fault.cancel();
    }
    const spans = await traceOf(client.traceId, 2);
    const operation = spans.find((span) => span.kind === SERVER)!;
    expect(operation.status).toMatchObject({ code: 2, message: "UPSTREAM_UNAVAILABLE" });
    const call = spans.find((span) => span.kind === CLIENT)!;
    expect(call.status.code).toBe(2);
    expect(call.attributes).toMatchObject({
      "error.type": "EM_UNAVAILABLE",
      "http.response.status_code": 503,
    });
    expect(call.attributes["http.request.resend_count"]).toBe(2); // VEEAM_EM_MAX_RETRIES
  });
});

describe("secrets and traces", () => {
  it("no span holds a password, a user name, a session id or token, or an Authorization header", async () => {
    const passthrough = await startStack({
      sharedSimulator: sim,
      tracer: tracing.tracer,
      env: { VEEAM_EM_AUTH_MODE: "passthrough", CACHE: "off" },
    });
    try {
      const basic = Buffer.from(`${PASSTHROUGH_USER.username}:${PASSTHROUGH_USER.password}`).toString(
        "base64",
      );
      const answer = await passthrough.query(NESTED, undefined, { authorization: `Basic ${basic}` });
      expect(answer.errors).toBeUndefined();
      await stack.query(NESTED);
      await tracing.flush();
      await sleep(200);
      await tracing.flush();
      const sessions = await emSessionSecrets(sim.url, USER.username, USER.password);
      expect(sessions.length).toBeGreaterThan(2);
      const forbidden = [
        USER.password,
        PASSTHROUGH_USER.password,
        PASSTHROUGH_USER.username,
        USER.username,
        basic,
        Buffer.from(`${USER.username}:${USER.password}`).toString("base64"),
        ...sessions,
      ];
      expect(receiver.spans.length).toBeGreaterThan(20);
      for (const span of receiver.spans) {
        for (const secret of forbidden) expect(span.raw, `${span.name} holds a secret`).not.toContain(secret);
        expect(span.raw.toLowerCase()).not.toMatch(/authorization|x-restsvcsessionid|basic /);
      }
    } finally {
      await passthrough.close();
    }
  });
});

describe("traces of live feeds", () => {
  it("makes each poll a trace of its own, linked to the subscriptions it served", async () => {
    const client = wsClient(stack.gateway.url);
    const received = subscribeWs(client, `subscription Follow { backupJobSessionChanged { id } }`);
    let subscription: ReceivedSpan | undefined;
    try {
      await tracing.flush();
      await waitFor(
        () => receiver.spans.some((span) => span.name === "poll BackupJobSession"),
        "a poll's span",
        10_000,
      );
    } finally {
      received.stop();
      await client.dispose();
    }
    await tracing.flush();
    await waitFor(
      () => receiver.spans.some((span) => span.name === "subscription Follow"),
      "the subscription's span",
    );
    subscription = receiver.spans.find((span) => span.name === "subscription Follow")!;
    expect(subscription).toMatchObject({
      kind: SERVER,
      attributes: { "graphql.operation.type": "subscription" },
    });
    const polls = receiver.spans.filter((span) => span.name === "poll BackupJobSession");
    for (const poll of polls) {
      expect(poll.parentSpanId).toBeUndefined();
      expect(poll.traceId).not.toBe(subscription.traceId);
      expect(poll.links).toContainEqual({ traceId: subscription.traceId, spanId: subscription.spanId });
      expect(poll.attributes).toMatchObject({ "veeam.em.site": "default", "veeam.live.subscribers": 1 });
    }
    const poll = polls[0]!;
    const inPoll = await traceOf(poll.traceId, 2);
    expect(inPoll.some((span) => span.kind === CLIENT && span.parentSpanId === poll.spanId)).toBe(true);
  });
});

describe("tracing off", () => {
  it("a gateway without a tracer makes no span and sends EM no traceparent", async () => {
    const untraced = await startStack({
      sharedSimulator: sim,
      env: { VEEAM_EM_USERNAME: USER.username, VEEAM_EM_PASSWORD: USER.password, CACHE: "off" },
    });
    try {
      await tracing.flush();
      const before = receiver.spans.length;
      const since = Date.now();
      const client = newTraceparent();
      await untraced.query(NESTED, undefined, { traceparent: client.header });
      await tracing.flush();
      await sleep(200);
      expect(receiver.spans.slice(before).filter((span) => span.traceId === client.traceId)).toEqual([]);
      const requests = sim.requests.filter((request) => request.at.getTime() >= since);
      expect(requests.length).toBeGreaterThan(0);
      for (const request of requests) expect(request.traceparent).toBeUndefined();
      expect(untraced.logs.join("\n")).not.toContain("trace_id");
    } finally {
      await untraced.close();
    }
  });
});
