import { execFile, fork } from "node:child_process";
import { once } from "node:events";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pino from "pino";
import { loadConfig } from "../src/config.js";
import { startGateway } from "../src/gateway.js";
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
  /** Peak RSS of the decoding process (a child of its own, worker threads included), bytes. */
  readonly decodePeakRssBytes: number;
  /** Lookup latency with the gateway idle, and while `heavyConcurrency` heavy queries run, ms. */
  readonly lookupIdleMs: { readonly p50: number; readonly p99: number };
  readonly lookupLoadedMs: { readonly p50: number; readonly p99: number };
  /** The lookup's EM query sent straight to the simulator, idle and under the same load, ms. */
  readonly directLookupIdleMs: { readonly p50: number; readonly p99: number };
  readonly directLookupLoadedMs: { readonly p50: number; readonly p99: number };
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
    const load = await measureLoad(em, sim, workers, options);
    modes.push({ workers, ...decode, ...load });
  }
  return { entities, bytes: body.length, heavyConcurrency: options.heavyConcurrency, modes };
}

/**
 * Decodes the page in a child process (`decodeChild.ts`) with the gateway's own settings, so that its peak
 * RSS is the decoder's, workers included, and not the benchmark process's.
 */
async function measureDecode(body: Buffer, entities: number, workers: number, runs: number) {
  const directory = await mkdtemp(join(tmpdir(), "bench-decode-"));
  const bodyPath = join(directory, "page.xml");
  await writeFile(bodyPath, body);
  try {
    const child = fork(await buildDecodeChild(), [], {
      execArgv: [],
      env: {
        ...process.env,
        XML_WORKERS: String(workers),
        BENCH_BODY_PATH: bodyPath,
        BENCH_ENTITIES: String(entities),
        BENCH_RUNS: String(runs),
      },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const exited = once(child, "exit");
    const [message] = (await Promise.race([
      once(child, "message"),
      exited.then(([code]) => {
        throw new Error(`the decode child exited with ${String(code)} before reporting`);
      }),
    ])) as [DecodeFigures & { rows: number }];
    await exited;
    if (message.rows !== entities) throw new Error(`the decode child mapped ${message.rows} rows`);
    const { decodeEventLoopDelayMs, decodeMs, decodePeakRssBytes } = message;
    return { decodeEventLoopDelayMs, decodeMs, decodePeakRssBytes };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/**
 * Compiles `decodeChild.ts` and what it loads (the decoder and its worker) to JavaScript under
 * `bench/.build/`, as `npm run build` compiles the gateway, so that the child's RSS is what a deployed
 * gateway's would be: under tsx, its loader adds about 35 MB to the process and as much to every worker.
 * Once per benchmark run.
 */
let decodeChildBuild: Promise<string> | undefined;
function buildDecodeChild(): Promise<string> {
  decodeChildBuild ??= (async () => {
    const root = fileURLToPath(new URL("..", import.meta.url));
    const outDir = join(root, "bench", ".build");
    await mkdir(outDir, { recursive: true });
    const tsconfig = join(outDir, "tsconfig.json");
    await writeFile(
      tsconfig,
      JSON.stringify({
        extends: "../../tsconfig.json",
        compilerOptions: { rootDir: "../..", outDir: ".", noEmit: false, sourceMap: false },
        files: ["../decodeChild.ts", "../../src/xml-workers/decodeWorker.ts"],
        include: [],
      }),
    );
    await promisify(execFile)(process.execPath, [
      join(root, "node_modules/typescript/bin/tsc"),
      "-p",
      tsconfig,
    ]);
    return join(outDir, "bench", "decodeChild.js");
  })();
  return decodeChildBuild;
}

type DecodeFigures = Pick<WorkerModeResult, "decodeEventLoopDelayMs" | "decodeMs" | "decodePeakRssBytes">;

async function measureLoad(
  em: EmScriptClient,
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
    // What is measured is parsing under load: every heavy query reads EM, as with a cold cache.
    CACHE: "off",
  });
  const gateway = await startGateway(config, { logger: pino({ level: "silent" }) });
  const client = new GatewayClient(gateway.url);
  try {
    const { backupServers } = await client.query<{ backupServers: { nodes: { id: string }[] } }>(
      `{ backupServers(first: 1) { nodes { id } } }`,
    );
    const id = backupServers.nodes[0]!.id;
    // The same lookup's EM query sent straight to the simulator: what EM itself takes, idle and under load.
    const directLookup = () =>
      em.getText(
        `/query?type=BackupServer&format=Entities&filter=${encodeURIComponent(`UID=="${id}"`)}&pageSize=1&page=1`,
      );
    await client.query(HEAVY); // warm-up
    const lookupIdle = await sampleLatency(() => client.query(LOOKUP, { id }), options.loadSeconds / 2);
    const directLookupIdle = await sampleLatency(directLookup, options.loadSeconds / 2);
    let heavyDone = 0;
    let stop = false;
    const heavy = Array.from({ length: options.heavyConcurrency }, async () => {
      while (!stop) {
        await client.query(HEAVY);
        heavyDone++;
      }
    });
    const loadStarted = performance.now();
    const [lookupLoaded, directLookupLoaded, healthzLoaded] = await Promise.all([
      sampleLatency(() => client.query(LOOKUP, { id }), options.loadSeconds),
      sampleLatency(directLookup, options.loadSeconds),
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
      directLookupIdleMs: directLookupIdle,
      directLookupLoadedMs: directLookupLoaded,
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
