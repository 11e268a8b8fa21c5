import "reflect-metadata";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pino from "pino";
import { loadConfig } from "../src/config.js";
import { startGateway, type Gateway } from "../src/gateway.js";
import { startRedis, type RedisServer } from "../test/helpers/redisServer.js";
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
import { runLive } from "./liveRun.js";
import { runSites, SITES_GOAL_RATIO } from "./sitesRun.js";
import { runTracing } from "./tracingRun.js";

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

const main = await startStack(1, true);
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
    const goalRatio = workload.goalRatio ?? GOAL_RATIO;
    const verdict = ratio === null ? "no goal" : ratio <= goalRatio ? "goal met" : "goal MISSED";
    const { naive, optimal, gateway } = result.ways;
    log(
      `${workload.id}:\n` +
        `  EM calls    naive ${naive.upstreamCalls.max}, optimal ${optimal.upstreamCalls.max}, gateway ${gateway.upstreamCalls.max}` +
        ` (${gateway.upstreamCalls.max <= optimal.upstreamCalls.max ? "goal met: gateway ≤ optimal" : "goal MISSED: gateway > optimal"})\n` +
        `  median ms   naive ${naive.latencyMs.median.toFixed(0)}, optimal ${optimal.latencyMs.median.toFixed(0)}, gateway ${gateway.latencyMs.median.toFixed(0)}\n` +
        `  gateway ÷ optimal ${ratio?.toFixed(2) ?? "–"} (paired ${result.gatewayOverOptimalPaired.toFixed(2)}; ` +
        `goal ≤ ${goalRatio}: ${verdict}), same data: ${result.sameData ? "yes" : "NO"}`,
    );
  }

  const cache = await main.cacheCounts();
  for (const [backend, c] of Object.entries(cache)) {
    log(
      `cache (${backend}): ${c.hits} hits, ${c.misses} misses, hit ratio ${(c.hits / Math.max(1, c.hits + c.misses)).toFixed(2)}, ${c.errors} errors`,
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

  log("live run (20 subscribers)");
  const live = await runLive({ subscribers: 20, intervalMs: 1000, seconds: quick ? 5 : 15, speed: 60 });
  log(
    `live: EM calls per interval, gateway ${live.gatewayCallsPerInterval.toFixed(2)} vs direct ` +
      `${live.directCallsPerInterval.toFixed(2)} (ratio ${live.ratio.toFixed(3)}); events per subscriber ` +
      `${live.eventsPerSubscriber.min}–${live.eventsPerSubscriber.max}`,
  );

  log("sites run (one site and two)");
  const sites = await runSites({ runs: quick ? 5 : runs, warmup, latencyMs });
  log(
    `sites: EM calls per run ${sites.calls.oneSite} on one site, ${sites.calls.twoSites.first} + ` +
      `${sites.calls.twoSites.second} on two; median ${sites.oneSiteMs.median.toFixed(1)} vs ` +
      `${sites.twoSitesMs.median.toFixed(1)} ms, ratio ${sites.ratio.toFixed(2)} (goal ≤ ${SITES_GOAL_RATIO})`,
  );

  // Last: it starts the OpenTelemetry SDK, which registers a context manager for the whole process.
  log("tracing run (off and on)");
  const tracing = await runTracing({ runs: quick ? 5 : runs, warmup, latencyMs });
  log(
    `tracing: median ${tracing.offMs.median.toFixed(1)} ms off, ${tracing.onMs.median.toFixed(1)} ms on ` +
      `(ratio ${tracing.ratio.toFixed(2)}, ${tracing.spansPerOperation} spans); off costs ` +
      `${tracing.offNanosPerPoint.toFixed(1)} ns per point, ${(tracing.offShareOfOperation * 100).toFixed(4)} % of an operation`,
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
    cache,
    live,
    sites,
    tracing,
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
  /** Cache hits and misses of the cached gateways (summed over entities), read from their /metrics. */
  cacheCounts(): Promise<Record<string, { hits: number; misses: number; errors: number }>>;
  close(): Promise<void>;
}

/**
 * A simulator, a gateway in front of it with the cache off (in this process, logging off: every workload
 * measures what a first request costs) and both clients; with `cached`, also gateways with the cache on,
 * in memory and, when Debian's redis-server is installed, in a Redis started on a free port.
 */
async function startStack(scale: number, cached = false): Promise<BenchStack> {
  const sim = await startSimulatorProcess({ scale });
  const gatewayWith = (env: Record<string, string>) =>
    startGateway(
      loadConfig({
        VEEAM_EM_URL: sim.url,
        VEEAM_EM_USERNAME: sim.credentials.username,
        VEEAM_EM_PASSWORD: sim.credentials.password,
        PORT: "0",
        LOG_LEVEL: "silent",
        ...env,
      }),
      { logger: pino({ level: "silent" }) },
    );
  const gateways = { plain: await gatewayWith({ CACHE: "off" }) } as Record<string, Gateway>;
  let redis: RedisServer | undefined;
  if (cached) {
    gateways["memory"] = await gatewayWith({});
    redis = await startRedis().catch((error: unknown) => {
      log(`no Redis for the dashboard-refresh workload (${error instanceof Error ? error.message : error})`);
      return undefined;
    });
    if (redis) gateways["redis"] = await gatewayWith({ REDIS_URL: redis.url });
  }
  const em = await EmScriptClient.logon(sim.url, sim.credentials);
  const clients = Object.fromEntries(
    Object.entries(gateways).map(([name, gateway]) => [name, new GatewayClient(gateway.url)]),
  );
  return {
    sim,
    clients: {
      em,
      gateway: clients["plain"]!,
      cached: clients["memory"] ? { memory: clients["memory"], redis: clients["redis"] } : undefined,
    },
    async cacheCounts() {
      const counts: Record<string, { hits: number; misses: number; errors: number }> = {};
      for (const name of ["memory", "redis"]) {
        const gateway = gateways[name];
        if (!gateway) continue;
        const text = await (await fetch(new URL("/metrics", gateway.url))).text();
        const sum = (metric: string) =>
          [...text.matchAll(new RegExp(`^${metric}\\{[^}]*\\} (\\d+)`, "gm"))].reduce(
            (a, m) => a + Number(m[1]),
            0,
          );
        counts[name] = {
          hits: sum("gateway_cache_hits_total"),
          misses: sum("gateway_cache_misses_total"),
          errors: sum("gateway_cache_errors_total"),
        };
      }
      return counts;
    },
    async close() {
      for (const client of Object.values(clients)) await client.close();
      await em.close();
      for (const gateway of Object.values(gateways)) await gateway.stop();
      await redis?.stop();
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
