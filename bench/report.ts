import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { format, resolveConfig } from "prettier";
import type { WorkloadResult } from "./latencyRun.js";
import type { LiveResult } from "./liveRun.js";
import { SITES_GOAL_RATIO, type SitesResult } from "./sitesRun.js";
import type { TracingResult } from "./tracingRun.js";
import type { LoadResult } from "./loadRun.js";
import type { MachineDescription } from "./machine.js";
import type { WorkerRunResult } from "./workerRun.js";
import type { XmlResult } from "./xmlRun.js";

/** Everything one `npm run bench` measured: the JSON file is exactly this. */
export interface BenchResult {
  readonly date: string;
  readonly command: string;
  readonly mode: "quick" | "full";
  readonly settings: {
    readonly latencyMs: number;
    readonly runs: number;
    readonly warmup: number;
    readonly naiveConcurrency: number;
    readonly goalRatio: number;
  };
  readonly machine: MachineDescription;
  readonly workloads: readonly WorkloadResult[];
  readonly load: LoadResult;
  /** Cache hits, misses and errors of the dashboard-refresh gateways over the whole workload run. */
  readonly cache?: Readonly<Record<string, { hits: number; misses: number; errors: number }>>;
  readonly xml: XmlResult;
  readonly workers: WorkerRunResult;
  readonly live?: LiveResult;
  readonly sites?: SitesResult;
  readonly tracing?: TracingResult;
}

/** The goal of the issue: the gateway within 15 % of the best hand-written client. */
export const GOAL_RATIO = 1.15;

const BEGIN = "<!-- bench:begin (written by `npm run bench`; edit outside these markers) -->";
const END = "<!-- bench:end -->";

/**
 * Writes the JSON result (formatted by Prettier, so `npm run lint` passes on the committed file) and
 * replaces the generated block of the Markdown note, keeping the prose around it.
 */
export async function writeReport(
  result: BenchResult,
  paths: { json: string; markdown: string },
): Promise<void> {
  mkdirSync(dirname(paths.json), { recursive: true });
  const options = (await resolveConfig(paths.json)) ?? {};
  writeFileSync(paths.json, await format(JSON.stringify(result), { ...options, parser: "json" }));
  const block = `${BEGIN}\n${renderMarkdown(result)}\n${END}`;
  const existing = existsSync(paths.markdown) ? readFileSync(paths.markdown, "utf8") : "";
  const start = existing.indexOf(BEGIN);
  const end = existing.indexOf(END);
  const next =
    start >= 0 && end > start
      ? existing.slice(0, start) + block + existing.slice(end + END.length)
      : `# Benchmarks\n\n${block}\n`;
  writeFileSync(paths.markdown, next);
}

/** The generated Markdown: settings, one table per workload, the load run and the XML numbers. */
export function renderMarkdown(r: BenchResult): string {
  const lines: string[] = [];
  const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  const x = (n: number | null) => (n === null ? "–" : `${n.toFixed(2)}×`);
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  lines.push(
    `Measured ${r.date} with \`${r.command}\` (${r.mode} mode): simulator latency ${r.settings.latencyMs} ms per request, ` +
      `${r.settings.runs} measured runs per way after ${r.settings.warmup} warm-up, the three ways in rotation; ` +
      `naive scripts keep ${r.settings.naiveConcurrency} GETs in flight.`,
    "",
    `Machine: ${r.machine.cpuModel}, \`nproc\` ${r.machine.nproc}, \`free -h\` "${r.machine.memory}", Node ${r.machine.node} ` +
      `(${r.machine.platform}); 1-minute load average at start ${r.machine.loadAverageAtStart.toFixed(2)} (a shared machine: ` +
      "read medians and ratios, not single times).",
    "",
    "### Summary",
    "",
    `| Workload | EM calls naive / optimal / gateway | median ms naive / optimal / gateway | gateway ÷ optimal (goal ≤ ${GOAL_RATIO}) | paired | naive ÷ gateway | same data |`,
    "| --- | --- | --- | --- | --- | --- | --- |",
  );
  for (const w of r.workloads) {
    const c = (way: keyof WorkloadResult["ways"]) => {
      const calls = w.ways[way].upstreamCalls;
      return calls.min === calls.max ? `${calls.min}` : `${calls.min}–${calls.max}`;
    };
    const m = (way: keyof WorkloadResult["ways"]) => ms(w.ways[way].latencyMs.median);
    const goalRatio = w.goalRatio ?? GOAL_RATIO;
    const goal =
      w.gatewayOverOptimal !== null && w.gatewayOverOptimal <= goalRatio
        ? `met${w.goalRatio ? ` ≤ ${goalRatio}` : ""}`
        : `missed${w.goalRatio ? ` ≤ ${goalRatio}` : ""}`;
    lines.push(
      `| ${w.title} | ${c("naive")} / ${c("optimal")} / ${c("gateway")} | ${m("naive")} / ${m("optimal")} / ${m("gateway")} | ` +
        `${x(w.gatewayOverOptimal)} (${goal}) | ${x(w.gatewayOverOptimalPaired)} | ${x(w.naiveOverGateway)} | ${w.sameData ? `yes (${w.rows} rows)` : "**NO**"} |`,
    );
  }
  lines.push(
    "",
    '"paired" is the median of the per-iteration ratios gateway ÷ optimal (each iteration runs the three ways back to ' +
      "back, so a noisy moment hits both sides); the goal column uses the ratio of the medians.",
  );
  for (const w of r.workloads) {
    lines.push(
      "",
      `### ${w.title}`,
      "",
      w.description,
      "",
      "| Way | EM calls | median ms | p95 ms | min ms | max ms |",
      "| --- | --- | --- | --- | --- | --- |",
    );
    for (const way of ["naive", "optimal", "gateway"] as const) {
      const s = w.ways[way];
      const calls =
        s.upstreamCalls.min === s.upstreamCalls.max
          ? `${s.upstreamCalls.min}`
          : `${s.upstreamCalls.min}–${s.upstreamCalls.max}`;
      lines.push(
        `| ${way} | ${calls} | ${ms(s.latencyMs.median)} | ${ms(s.latencyMs.p95)} | ${ms(s.latencyMs.min)} | ${ms(s.latencyMs.max)} |`,
      );
    }
    lines.push(
      "",
      "<details><summary>GraphQL operation</summary>",
      "",
      "```graphql",
      w.document,
      "```",
      "",
      "</details>",
    );
  }

  if (r.cache && Object.keys(r.cache).length > 0) {
    lines.push(
      "",
      "### Cache (dashboard refresh)",
      "",
      "Over the dashboard-refresh workloads (warm-up included), summed over entities; each hit is a row or a " +
        "session's task-session group that did not reach EM.",
      "",
      "| Cache | hits | misses | hit ratio | errors |",
      "| --- | --- | --- | --- | --- |",
    );
    for (const [backend, c] of Object.entries(r.cache)) {
      const ratio = c.hits / Math.max(1, c.hits + c.misses);
      lines.push(
        `| ${backend === "redis" ? "Redis" : "in-process"} | ${c.hits} | ${c.misses} | ${ratio.toFixed(2)} | ${c.errors} |`,
      );
    }
  }

  if (r.live) {
    const v = r.live;
    lines.push(
      "",
      "### Live progress (subscriptions)",
      "",
      `${v.subscribers} dashboards follow the running backup sessions for ${v.seconds} s (feeds poll every ` +
        `${v.intervalMs} ms; the simulator's clock runs ${v.speed}× so sessions progress, start and stop). ` +
        "Gateway: each a graphql-ws subscription; direct: each a script asking EM for its running sessions " +
        "every interval. Goal: one EM call per interval whatever the number of subscribers.",
      "",
      "| Way | EM calls per interval |",
      "| --- | --- |",
      `| gateway (one shared feed) | ${v.gatewayCallsPerInterval.toFixed(2)} |`,
      `| direct (one poller per dashboard) | ${v.directCallsPerInterval.toFixed(2)} |`,
      "",
      `Ratio ${v.ratio.toFixed(3)} (goal ≤ ${(1.2 / v.subscribers).toFixed(3)}: ` +
        `${v.ratio <= 1.2 / v.subscribers ? "met" : "MISSED"}); events per subscriber ` +
        `${v.eventsPerSubscriber.min}–${v.eventsPerSubscriber.max} (equal: every subscriber got every change).`,
    );
  }

  if (r.sites) {
    const v = r.sites;
    const sameCalls =
      v.calls.twoSites.first === v.calls.oneSite && v.calls.twoSites.second === v.calls.oneSite;
    lines.push(
      "",
      "### Several sites",
      "",
      `The backup-sessions workload (50 sessions with server, job and 10 task sessions each) on a gateway of ` +
        `one site and on a gateway of two sites (two simulators with data of their own, ${v.emLatencyMs} ms of ` +
        `latency each), ${v.runs} runs in alternation. Goals: each site costs the calls of one site; two ` +
        `sites answer within ${SITES_GOAL_RATIO}× of one (the sites are asked in parallel).`,
      "",
      "| Gateway | EM calls per run | median ms | p95 ms |",
      "| --- | --- | --- | --- |",
      `| one site | ${v.calls.oneSite} | ${v.oneSiteMs.median.toFixed(1)} | ${v.oneSiteMs.p95.toFixed(1)} |`,
      `| two sites | ${v.calls.twoSites.first} + ${v.calls.twoSites.second} | ${v.twoSitesMs.median.toFixed(1)} | ${v.twoSitesMs.p95.toFixed(1)} |`,
      "",
      `Calls per site: ${sameCalls ? "met" : "MISSED"}. Two ÷ one site (paired median) ${v.ratio.toFixed(2)}: ` +
        `${v.ratio <= SITES_GOAL_RATIO ? "met" : "MISSED"}.`,
    );
  }

  if (r.tracing) {
    const v = r.tracing;
    lines.push(
      "",
      "### Tracing",
      "",
      `The backup-sessions workload on a gateway without a tracer (tracing off: no OTLP endpoint) and on one ` +
        `tracing through the Node SDK and the OTLP/HTTP exporter to a receiver in the benchmark process, ` +
        `${v.runs} runs in alternation, ${v.emLatencyMs} ms of EM latency. Goal: off costs nothing measurable.`,
      "",
      "| Tracing | median ms | p95 ms |",
      "| --- | --- | --- |",
      `| off | ${v.offMs.median.toFixed(1)} | ${v.offMs.p95.toFixed(1)} |`,
      `| on (${v.spansPerOperation} spans per operation) | ${v.onMs.median.toFixed(1)} | ${v.onMs.p95.toFixed(1)} |`,
      "",
      `On ÷ off (paired median) ${v.ratio.toFixed(2)}. Off, an instrumentation point costs ` +
        `${v.offNanosPerPoint.toFixed(1)} ns (one check, timed over ten million calls); the ${v.spansPerOperation + 1} ` +
        `points of an operation cost ${(v.offShareOfOperation * 100).toFixed(4)} % of its median: ` +
        `${v.offShareOfOperation < 0.001 ? "nothing measurable (met)" : "MEASURABLE"}.`,
    );
  }

  const l = r.load;
  lines.push(
    "",
    "### Load run",
    "",
    `autocannon in the benchmark process, ${l.connections} connections, ${l.durationSeconds} s per scenario, simulator latency 0. ` +
      "The gateway and the simulator each run in a child process (so the gateway's RSS is its own); autocannon runs in " +
      "the parent, and all three compete for the machine's cores. autocannon reads no answer; the two " +
      '"client loop" rows are the fair throughput comparison: the same number of operations in flight from the ' +
      "benchmark process, each answer parsed as its client would (the gateway's JSON; EM's XML by the " +
      "hand-written optimal script with xml2js), one row per operation.",
    "",
    "| Scenario | HTTP req/s | operations/s | p50 ms | p99 ms | max ms | EM requests per operation | errors / non-2xx |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
  );
  for (const s of l.scenarios) {
    lines.push(
      `| ${s.title} | ${s.requestsPerSecond.toFixed(0)} | ${s.operationsPerSecond.toFixed(0)} | ${s.latencyMs.p50} | ${s.latencyMs.p99} | ${s.latencyMs.max} | ${s.upstreamPerOperation.toFixed(2)} | ${s.errors} / ${s.non2xx} |`,
    );
  }
  lines.push(
    "",
    `Gateway process RSS: ${mb(l.gatewayRss.afterWarmupBytes)} after start and warm-up, peak ${mb(l.gatewayRss.peakBytes)} over the whole load run.`,
  );

  const xml = r.xml;
  lines.push(
    "",
    "### XML parsing",
    "",
    "The gateway's configured parser (`parseXml`, xml2js underneath) on real `ReplicaTaskSession` query pages from the simulator.",
    "",
    "| Page | Size | median ms | p95 ms | runs | MB/s |",
    "| --- | --- | --- | --- | --- | --- |",
  );
  for (const p of xml.pages) {
    lines.push(
      `| ${p.entities.toLocaleString("en")} entities | ${mb(p.bytes)} | ${ms(p.parseMs.median)} | ${ms(p.parseMs.p95)} | ${p.parseMs.n} | ${p.megabytesPerSecond.toFixed(1)} |`,
    );
  }
  const d = xml.eventLoopDelayMs;
  lines.push(
    "",
    `Event-loop delay while parsing the largest page: p50 ${ms(d.whileParsing.p50)} ms, **p99 ${ms(d.whileParsing.p99)} ms**, max ${ms(d.whileParsing.max)} ms ` +
      `(idle baseline: p99 ${ms(d.idle.p99)} ms). The parsed tree of the largest page holds about ${mb(xml.largeTreeHeapBytes)} of heap.`,
  );
  lines.push("", ...workerSection(r.workers));
  return lines.join("\n");
}

/** The XML workers against XML_WORKERS=0, side by side (issue 16's goals). */
function workerSection(w: WorkerRunResult): string[] {
  const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  const lines = [
    "### XML workers",
    "",
    `The gateway's decoder (parse and map) on the ${w.entities.toLocaleString("en")}-row \`ReplicaTaskSession\` page (${mb(w.bytes)}), ` +
      `then a gateway per setting on the scale-10 simulator (latency 0): a \`backupServer(id)\` lookup and \`/healthz\` ` +
      `sampled every 20 ms, idle and while ${w.heavyConcurrency} heavy nested queries run without pause, and the lookup's EM query sent ` +
      `straight to the simulator beside them (what EM itself takes under that load). The decoder runs compiled, in a child ` +
      `process of its own, with the gateway's default XML settings: its peak RSS is the process's, worker threads included.`,
    "",
    "| XML_WORKERS | event-loop delay p99 while decoding (goal < 50 ms) | decode ms | peak RSS (goal ≤ 256 MB) | lookup p99 idle | lookup p99 loaded (goal ≤ 3× idle) | EM direct lookup p99 idle → loaded | /healthz p99 loaded (goal < 50 ms) | heavy queries/s |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const m of w.modes) {
    lines.push(
      `| ${m.workers} | ${ms(m.decodeEventLoopDelayMs.p99)} ms | ${ms(m.decodeMs)} | ${mb(m.decodePeakRssBytes)} | ${ms(m.lookupIdleMs.p99)} ms | ` +
        `${ms(m.lookupLoadedMs.p99)} ms (${(m.lookupLoadedMs.p99 / m.lookupIdleMs.p99).toFixed(1)}×) | ` +
        `${ms(m.directLookupIdleMs.p99)} → ${ms(m.directLookupLoadedMs.p99)} ms | ${ms(m.healthzLoadedMs.p99)} ms | ${m.heavyPerSecond.toFixed(1)} |`,
    );
  }
  return lines;
}
