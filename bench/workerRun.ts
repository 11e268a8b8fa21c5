import { monitorEventLoopDelay } from "node:perf_hooks";
import pino from "pino";
import { loadConfig } from "../src/config.js";
import { startGateway } from "../src/gateway.js";
import { REPLICA_TASK_SESSION } from "../src/modules/replica-task-session/replica-task-session.entity.js";
import { XmlWorkerDecoder } from "../src/xml-workers/XmlWorkerDecoder.js";
import type { EmScriptClient } from "./EmScriptClient.js";
import { GatewayClient } from "./gatewayClient.js";
import { percentile } from "./stats.js";

/*
 * What the XML workers are for (issue 16), with workers and with XML_WORKERS=0 side by side in one run:
 * the event loop while a 10,000-row page is parsed and mapped, and a simple lookup's and /healthz's
 * latency while heavy nested queries run.
 */

/** One decoder setting's figures. */
export interface WorkerModeResult {
  readonly workers: number;
  /** Event-loop delay while the 10,000-row page is decoded `runs` times, ms. */
  readonly decodeEventLoopDelayMs: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly decodeMs: number;
  /** Peak RSS of the process (worker threads included) while decoding, bytes. */
  readonly decodePeakRssBytes: number;
  /** Lookup latency with the gateway idle, and while `heavyConcurrency` heavy queries run, ms. */
  readonly lookupIdleMs: { readonly p50: number; readonly p99: number };
  readonly lookupLoadedMs: { readonly p50: number; readonly p99: number };
  readonly healthzLoadedMs: { readonly p50: number; readonly p99: number };
  readonly heavyPerSecond: number;
}

export interface WorkerRunResult {
  readonly entities: number;
  readonly bytes: number;
  readonly heavyConcurrency: number;
  readonly modes: readonly WorkerModeResult[];
}

const HEAVY = `{
  replicaTaskSessions(first: 500) { nodes { id name vmDisplayName state result totalSize session { id name } } }
  replicaJobSessions(first: 100) { nodes { id name taskSessions(first: 10) { nodes { id vmDisplayName totalSize } } } }
}`;
const LOOKUP = `query($id: ID!) { backupServer(id: $id) { id name version } }`;

/**
 * Runs the worker comparison against `simUrl` (the scale-10 simulator: its 10,000-row pages and heavy
 * nested queries), once per worker count in `workerCounts` (the configured default and 0).
 */
export async function runWorkers(
  em: EmScriptClient,
  sim: { url: string; credentials: { username: string; password: string } },
  options: { workerCounts: readonly number[]; runs: number; loadSeconds: number; heavyConcurrency: number },
): Promise<WorkerRunResult> {
  const entities = 10_000;
  const body = Buffer.from(
    await em.getText(
      `/query?type=ReplicaTaskSession&format=Entities&sortAsc=CreationTime&pageSize=${entities}&page=1`,
    ),
    "utf8",
  );
  const modes: WorkerModeResult[] = [];
  for (const workers of options.workerCounts) {
    const decode = await measureDecode(body, entities, workers, options.runs);
    const load = await measureLoad(sim, workers, options);
    modes.push({ workers, ...decode, ...load });
  }
  return { entities, bytes: body.length, heavyConcurrency: options.heavyConcurrency, modes };
}

async function measureDecode(body: Buffer, entities: number, workers: number, runs: number) {
  // xml2js holds a 10,000-row page in about 180 MB of tree: more than the default worker heap, which is
  // sized for the 1,000-row pages the gateway requests.
  const decoder = new XmlWorkerDecoder({
    workers,
    heapMb: 512,
    inlineBelowBytes: 64 * 1024,
    deadlineMs: 60_000,
  });
  const request = {
    format: "Entities" as const,
    maxDepth: 64,
    maxBytes: 64 * 1024 * 1024,
    maxNodes: entities * 256 + 1000,
    source: { method: "GET", url: "bench" },
  };
  try {
    await decoder.decode(body, request, REPLICA_TASK_SESSION.source); // warm-up (starts the worker)
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
    const histogram = monitorEventLoopDelay({ resolution: 5 });
    histogram.enable();
    const started = performance.now();
    try {
      for (let run = 0; run < runs; run++) await decoder.decode(body, request, REPLICA_TASK_SESSION.source);
    } finally {
      histogram.disable();
      clearInterval(sampler);
    }
    const ms = (ns: number) => ns / 1e6;
    return {
      decodeEventLoopDelayMs: {
        p50: ms(histogram.percentile(50)),
        p99: ms(histogram.percentile(99)),
        max: ms(histogram.max),
      },
      decodeMs: (performance.now() - started) / runs,
      decodePeakRssBytes: peakRss,
    };
  } finally {
    await decoder.close();
  }
}

async function measureLoad(
  sim: { url: string; credentials: { username: string; password: string } },
  workers: number,
  options: { loadSeconds: number; heavyConcurrency: number },
) {
  const config = loadConfig({
    VEEAM_EM_URL: sim.url,
    VEEAM_EM_USERNAME: sim.credentials.username,
    VEEAM_EM_PASSWORD: sim.credentials.password,
    PORT: "0",
    LOG_LEVEL: "silent",
    XML_WORKERS: String(workers),
  });
  const gateway = await startGateway(config, { logger: pino({ level: "silent" }) });
  const client = new GatewayClient(gateway.url);
  try {
    const { backupServers } = await client.query<{ backupServers: { nodes: { id: string }[] } }>(
      `{ backupServers(first: 1) { nodes { id } } }`,
    );
    const id = backupServers.nodes[0]!.id;
    await client.query(HEAVY); // warm-up
    const lookupIdle = await sampleLatency(() => client.query(LOOKUP, { id }), options.loadSeconds / 2);
    let heavyDone = 0;
    let stop = false;
    const heavy = Array.from({ length: options.heavyConcurrency }, async () => {
      while (!stop) {
        await client.query(HEAVY);
        heavyDone++;
      }
    });
    const loadStarted = performance.now();
    const [lookupLoaded, healthzLoaded] = await Promise.all([
      sampleLatency(() => client.query(LOOKUP, { id }), options.loadSeconds),
      sampleLatency(
        () => fetch(new URL("/healthz", gateway.url)).then((r) => r.arrayBuffer()),
        options.loadSeconds,
      ),
    ]);
    stop = true;
    await Promise.all(heavy);
    return {
      lookupIdleMs: lookupIdle,
      lookupLoadedMs: lookupLoaded,
      healthzLoadedMs: healthzLoaded,
      heavyPerSecond: heavyDone / ((performance.now() - loadStarted) / 1000),
    };
  } finally {
    await client.close();
    await gateway.stop();
  }
}

/** Calls `call` one after another, 20 ms apart, for `seconds`; p50 and p99 of their latency. */
async function sampleLatency(call: () => Promise<unknown>, seconds: number) {
  const samples: number[] = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}
