import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { loadConfig } from "../src/config.js";
import { startGateway } from "../src/gateway.js";
import { inSpan } from "../src/telemetry/inSpan.js";
import { startTracing } from "../src/telemetry/startTracing.js";
import { activeTraceIds } from "../src/telemetry/traceIds.js";
import { GatewayClient, jobSessionsDocument } from "./gatewayClient.js";
import { startSimulatorProcess } from "./simulatorProcess.js";
import { pairedRatio, summarize, type Summary } from "./stats.js";

/** What the tracing run measured: the nested workload with tracing off and on, and what "off" costs. */
export interface TracingResult {
  readonly runs: number;
  readonly emLatencyMs: number;
  readonly offMs: Summary;
  readonly onMs: Summary;
  /** Median of the per-run ratios on ÷ off. */
  readonly ratio: number;
  /** Spans one traced run of the workload exported. */
  readonly spansPerOperation: number;
  /** What tracing off adds per instrumentation point (one check), in nanoseconds, measured in a loop. */
  readonly offNanosPerPoint: number;
  /** That cost for a whole operation (points ≈ spans + one log line), as a share of its median time. */
  readonly offShareOfOperation: number;
}

/**
 * The backup-sessions workload (50 sessions with server, job and 10 task sessions each) on two gateways in
 * front of one simulator (20 ms latency): one without a tracer (tracing off, as without an OTLP endpoint)
 * and one tracing through the real Node SDK and OTLP/HTTP exporter to a receiver in this process, in
 * alternation. Then what an instrumentation point costs with tracing off: the check `inSpan` and the log
 * mixin make, timed in a loop of a million calls against calling the work directly.
 *
 * Runs last in `npm run bench`: the SDK registers a global context manager and propagator for the process.
 */
export async function runTracing(options: {
  runs: number;
  warmup: number;
  latencyMs: number;
}): Promise<TracingResult> {
  let spans = 0;
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      spans += Buffer.concat(chunks).toString("utf8").split('"spanId"').length - 1;
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  Object.assign(process.env, {
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`,
    OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
  });
  const tracing = startTracing({ defaultServiceName: "bench", version: "bench" });
  const sim = await startSimulatorProcess({ scale: 1 });
  const env = {
    VEEAM_EM_URL: sim.url,
    VEEAM_EM_USERNAME: sim.credentials.username,
    VEEAM_EM_PASSWORD: sim.credentials.password,
    PORT: "0",
    CACHE: "off",
    LOG_LEVEL: "silent",
  };
  const logger = pino({ level: "silent" });
  const off = await startGateway(loadConfig(env), { logger });
  const on = await startGateway(loadConfig(env), { logger, tracer: tracing.tracer });
  const clients = { off: new GatewayClient(off.url), on: new GatewayClient(on.url) };
  const document = jobSessionsDocument("backupJobSessions");
  const variables = { first: 50, tasks: 10 };
  try {
    for (let i = 0; i < options.warmup; i++)
      for (const client of Object.values(clients)) await client.query(document, variables);
    await sim.setLatency(options.latencyMs);
    const times = { off: [] as number[], on: [] as number[] };
    const timed = async (client: GatewayClient) => {
      const started = performance.now();
      await client.query(document, variables);
      return performance.now() - started;
    };
    for (let run = 0; run < options.runs; run++) {
      times.off.push(await timed(clients.off));
      times.on.push(await timed(clients.on));
    }
    // Spans of one traced run, counted at the receiver.
    await tracing.flush();
    const before = spans;
    await clients.on.query(document, variables);
    await tracing.flush();
    const spansPerOperation = spans - before;
    const offNanosPerPoint = await offCost();
    const offMs = summarize(times.off);
    return {
      runs: options.runs,
      emLatencyMs: options.latencyMs,
      offMs,
      onMs: summarize(times.on),
      ratio: pairedRatio(times.on, times.off),
      spansPerOperation,
      offNanosPerPoint,
      offShareOfOperation: ((spansPerOperation + 1) * offNanosPerPoint) / (offMs.median * 1e6),
    };
  } finally {
    await Promise.all(Object.values(clients).map((client) => client.close()));
    await Promise.all([off.stop(), on.stop()]);
    await sim.close();
    await tracing.shutdown();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
}

/**
 * Nanoseconds an instrumentation point adds with tracing off: `inSpan` without a tracer (what batches, EM
 * calls, parses and logons go through) plus the log mixin's lookup, against calling the work directly. The
 * work returns one settled promise and nothing is awaited, so the loop times the calls and the check alone;
 * the best of five loops of ten million calls each.
 */
async function offCost(): Promise<number> {
  const settled = Promise.resolve(1);
  const work = () => settled;
  let sink = 0;
  const loop = (point: () => Promise<number>) => {
    const started = process.hrtime.bigint();
    for (let i = 0; i < 10_000_000; i++) if (point() === settled) sink += 1;
    return Number(process.hrtime.bigint() - started) / 10_000_000;
  };
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    const direct = loop(work);
    const instrumented = loop(() => {
      activeTraceIds();
      return inSpan(undefined, "bench", {}, work);
    });
    best = Math.min(best, Math.max(0, instrumented - direct));
  }
  if (sink === 0) throw new Error("the loops did not run");
  return best;
}
