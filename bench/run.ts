import "reflect-metadata";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pino from "pino";
import { loadConfig } from "../src/config.js";
import { startGateway } from "../src/gateway.js";
import { EmScriptClient } from "./EmScriptClient.js";
import { GatewayClient } from "./gatewayClient.js";
import { measureWorkload, type WorkloadResult } from "./latencyRun.js";
import { runLoad } from "./loadRun.js";
import { startSimulatorProcess, type SimulatorProcess } from "./simulatorProcess.js";
import { describeMachine } from "./machine.js";
import { GOAL_RATIO, writeReport, type BenchResult } from "./report.js";
import { prepareWorkloads, type ClientPair } from "./workloads.js";
import { runWorkers } from "./workerRun.js";
import { runXml } from "./xmlRun.js";

/**
 * `npm run bench [-- --quick] [--latency <ms>] [--runs <n>] [--concurrency <n>] [--no-write]`
 *
 * Starts two simulators, each in a child process of its own as a real EM runs on its own host (scale 1 for
 * the session and lookup workloads, scale 10 for the 5,000-row search and the XML pages), with a gateway in
 * this process in front of each, runs every workload three ways
 * (direct-naive, direct-optimal, gateway), then the load run and the XML run, and writes
 * `bench/results/latest.json` and the generated part of `BENCHMARKS.md`. `--quick` finishes in under a
 * minute and does not overwrite the committed results unless `--write` is given.
 */
const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    latency: { type: "string", default: "20" },
    runs: { type: "string" },
    concurrency: { type: "string", default: "4" },
    write: { type: "boolean" },
    "no-write": { type: "boolean", default: false },
  },
});
const quick = values.quick ?? false;
const latencyMs = positive("--latency", values.latency!, true);
const runs = positive("--runs", values.runs ?? (quick ? "5" : "25"));
const naiveConcurrency = positive("--concurrency", values.concurrency!);
const warmup = quick ? 1 : 3;
const write = values["no-write"] ? false : (values.write ?? !quick);
const root = fileURLToPath(new URL("..", import.meta.url));
const loadAverage = loadavg()[0] ?? 0;

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const started = performance.now();

const main = await startStack(1);
const large = await startStack(10);
try {
  log(`simulators up (scale 1 and 10) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const { workloads } = await prepareWorkloads({
    main: main.clients,
    search: large.clients,
    naiveConcurrency,
  });
  for (const stack of [main, large]) await stack.sim.setLatency(latencyMs);

  const results: WorkloadResult[] = [];
  for (const workload of workloads) {
    const sim = workload.simulator === "main" ? main.sim : large.sim;
    const result = await measureWorkload(workload, sim, { runs, warmup });
    results.push(result);
    const ratio = result.gatewayOverOptimal;
    const verdict = ratio === null ? "no goal" : ratio <= GOAL_RATIO ? "goal met" : "goal MISSED";
    const { naive, optimal, gateway } = result.ways;
    log(
      `${workload.id}:\n` +
        `  EM calls    naive ${naive.upstreamCalls.max}, optimal ${optimal.upstreamCalls.max}, gateway ${gateway.upstreamCalls.max}` +
        ` (${gateway.upstreamCalls.max <= optimal.upstreamCalls.max ? "goal met: gateway ≤ optimal" : "goal MISSED: gateway > optimal"})\n` +
        `  median ms   naive ${naive.latencyMs.median.toFixed(0)}, optimal ${optimal.latencyMs.median.toFixed(0)}, gateway ${gateway.latencyMs.median.toFixed(0)}\n` +
        `  gateway ÷ optimal ${ratio?.toFixed(2) ?? "–"} (paired ${result.gatewayOverOptimalPaired.toFixed(2)}; ` +
        `goal ≤ ${GOAL_RATIO}: ${verdict}), same data: ${result.sameData ? "yes" : "NO"}`,
    );
  }

  for (const stack of [main, large]) await stack.sim.setLatency(null);
  log("load run");
  const load = await runLoad(
    {
      simUrl: main.sim.url,
      credentials: main.sim.credentials,
      em: main.clients.em,
      token: main.clients.em.token,
      simRequests: () => main.sim.requestCount(),
    },
    { connections: 8, durationSeconds: quick ? 2 : 10 },
  );
  await main.sim.clearRequests();

  log("XML run");
  const xml = await runXml(
    large.clients.em,
    quick
      ? [
          { entities: 1000, runs: 3 },
          { entities: 10000, runs: 1 },
        ]
      : [
          { entities: 1000, runs: 11 },
          { entities: 10000, runs: 3 },
        ],
  );

  const defaultWorkers = loadConfig({}).xmlWorkers;
  log(`worker run (XML_WORKERS=${defaultWorkers}, then 0)`);
  const workers = await runWorkers(
    large.clients.em,
    { url: large.sim.url, credentials: large.sim.credentials },
    {
      workerCounts: [defaultWorkers, 0],
      runs: quick ? 1 : 3,
      loadSeconds: quick ? 2 : 6,
      heavyConcurrency: 4,
    },
  );

  const result: BenchResult = {
    date: new Date().toISOString(),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
    mode: quick ? "quick" : "full",
    settings: { latencyMs, runs, warmup, naiveConcurrency, goalRatio: GOAL_RATIO },
    machine: describeMachine(loadAverage),
    workloads: results,
    load,
    xml,
    workers,
  };
  if (write) {
    await writeReport(result, { json: `${root}bench/results/latest.json`, markdown: `${root}BENCHMARKS.md` });
    log("wrote bench/results/latest.json and BENCHMARKS.md");
  } else {
    log(
      quick
        ? "quick mode: results not written (pass --write to write them)"
        : "results not written (--no-write)",
    );
  }
  for (const s of load.scenarios) {
    log(
      `${s.id}: ${s.requestsPerSecond.toFixed(0)} req/s, p99 ${s.latencyMs.p99} ms, ${s.upstreamPerOperation.toFixed(2)} EM req/op`,
    );
  }
  log(`gateway RSS peak ${(load.gatewayRss.peakBytes / 1e6).toFixed(0)} MB`);
  for (const p of xml.pages)
    log(`parse ${p.entities}: ${p.parseMs.median.toFixed(0)} ms, ${p.megabytesPerSecond.toFixed(1)} MB/s`);
  log(`event-loop delay p99 while parsing: ${xml.eventLoopDelayMs.whileParsing.p99.toFixed(0)} ms`);
  for (const m of workers.modes) {
    log(
      `XML_WORKERS=${m.workers}: event-loop p99 while decoding ${m.decodeEventLoopDelayMs.p99.toFixed(0)} ms, ` +
        `decode ${m.decodeMs.toFixed(0)} ms, peak RSS ${(m.decodePeakRssBytes / 1e6).toFixed(0)} MB, lookup p99 ` +
        `${m.lookupIdleMs.p99.toFixed(0)} → ${m.lookupLoadedMs.p99.toFixed(0)} ms under load (EM direct ` +
        `${m.directLookupIdleMs.p99.toFixed(0)} → ${m.directLookupLoadedMs.p99.toFixed(0)} ms), /healthz p99 ` +
        `${m.healthzLoadedMs.p99.toFixed(0)} ms, heavy ${m.heavyPerSecond.toFixed(1)}/s`,
    );
  }
  log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (results.some((r) => !r.sameData)) process.exitCode = 1;
} finally {
  await main.close();
  await large.close();
}

interface BenchStack {
  readonly sim: SimulatorProcess;
  readonly clients: ClientPair;
  close(): Promise<void>;
}

/** A simulator, a gateway in front of it (in this process, logging off) and both clients. */
async function startStack(scale: number): Promise<BenchStack> {
  const sim = await startSimulatorProcess({ scale });
  const config = loadConfig({
    VEEAM_EM_URL: sim.url,
    VEEAM_EM_USERNAME: sim.credentials.username,
    VEEAM_EM_PASSWORD: sim.credentials.password,
    PORT: "0",
    LOG_LEVEL: "silent",
  });
  const gateway = await startGateway(config, { logger: pino({ level: "silent" }) });
  const em = await EmScriptClient.logon(sim.url, sim.credentials);
  const client = new GatewayClient(gateway.url);
  return {
    sim,
    clients: { em, gateway: client },
    async close() {
      await client.close();
      await em.close();
      await gateway.stop();
      await sim.close();
    },
  };
}

function positive(flag: string, raw: string, allowZero = false): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new RangeError(`${flag} must be an integer ≥ ${allowZero ? 0 : 1}; got "${raw}"`);
  }
  return value;
}
