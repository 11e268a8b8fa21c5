import { monitorEventLoopDelay } from "node:perf_hooks";
import { setImmediate as nextTurn } from "node:timers/promises";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parseXml } from "../src/upstream/parseXml.js";
import type { EmScriptClient } from "./EmScriptClient.js";
import { summarize, type Summary } from "./stats.js";

/** Parse throughput of one page size. */
export interface ParseResult {
  readonly entities: number;
  readonly bytes: number;
  /** Wall time of one `parseXml` call. */
  readonly parseMs: Summary;
  /** bytes / median time, in MB/s (10^6 bytes). */
  readonly megabytesPerSecond: number;
}

/** The XML side of the benchmark. */
export interface XmlResult {
  readonly pages: readonly ParseResult[];
  /** Event-loop delay observed while the large page was parsed, and in an idle window for comparison. */
  readonly eventLoopDelayMs: {
    readonly whileParsing: { readonly p50: number; readonly p99: number; readonly max: number };
    readonly idle: { readonly p50: number; readonly p99: number; readonly max: number };
  };
  /** Heap growth while holding the parsed large page (the tree's own footprint, approximately). */
  readonly largeTreeHeapBytes: number;
}

/**
 * Fetches real `ReplicaTaskSession` query pages of each size from the simulator (it must hold at least the
 * largest number of rows: scale 10 has ~15,000) and times the gateway's configured parser on them,
 * `runs[i]` times each after one warm-up. Then parses the largest page `runs` times more under
 * `monitorEventLoopDelay` (10 ms resolution), with a timer ticking, to show how long the loop is blocked.
 */
export async function runXml(
  em: EmScriptClient,
  sizes: readonly { entities: number; runs: number }[],
): Promise<XmlResult> {
  const pages: ParseResult[] = [];
  let largest = "";
  for (const { entities, runs } of sizes) {
    const text = await em.getText(
      `/query?type=ReplicaTaskSession&format=Entities&sortAsc=CreationTime&pageSize=${entities}&page=1`,
    );
    if (text.length > largest.length) largest = text;
    parseXml(text); // warm-up
    const samples: number[] = [];
    for (let run = 0; run < runs; run++) {
      await nextTurn(); // let pending GC and timers run between samples
      const started = performance.now();
      parseXml(text);
      samples.push(performance.now() - started);
    }
    const parseMs = summarize(samples);
    const bytes = Buffer.byteLength(text, "utf8");
    pages.push({ entities, bytes, parseMs, megabytesPerSecond: bytes / 1e6 / (parseMs.median / 1000) });
  }

  const idle = await observeDelay(async () => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
  });
  const largestRuns = sizes[sizes.length - 1]?.runs ?? 1;
  const whileParsing = await observeDelay(async () => {
    for (let run = 0; run < largestRuns; run++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      parseXml(largest);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  });

  const gc = exposeGc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const tree = parseXml(largest);
  gc();
  const largeTreeHeapBytes = process.memoryUsage().heapUsed - before;
  void tree.name;

  return { pages, eventLoopDelayMs: { whileParsing, idle }, largeTreeHeapBytes };
}

async function observeDelay(work: () => Promise<void>) {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  // A ticking timer, as a server under load has: the delay shows in when it fires.
  const ticker = setInterval(() => undefined, 5);
  histogram.enable();
  try {
    await work();
  } finally {
    histogram.disable();
    clearInterval(ticker);
  }
  const ms = (ns: number) => ns / 1e6;
  return { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) };
}

/** A full GC on demand without `--expose-gc` on the command line (the flag is set, then read in a fresh context). */
function exposeGc(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}
