import { isDeepStrictEqual } from "node:util";
import { pairedRatio, ratio, summarize, type Summary } from "./stats.js";
import { WAYS, type Way, type Workload } from "./workloads.js";

/** Per way: upstream calls of one run and the latency summary over the measured runs. */
export interface WayResult {
  /** EM requests the simulator received during one run (the same in every run; min and max kept). */
  readonly upstreamCalls: { readonly min: number; readonly max: number };
  readonly latencyMs: Summary;
  /** Every measured sample, ms, in run order (paired with the other ways' samples of the same index). */
  readonly samplesMs: readonly number[];
}

/** The result of one workload. */
export interface WorkloadResult {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly document: string;
  readonly ways: Readonly<Record<Way, WayResult>>;
  /** The workload's own goal for gateway ÷ optimal, when it is not the default 1.15. */
  readonly goalRatio?: number;
  /** median(gateway) / median(optimal); the goal is ≤ 1.15 (or `goalRatio`). */
  readonly gatewayOverOptimal: number | null;
  /** Median of the per-iteration ratios gateway/optimal (steadier on a noisy machine). */
  readonly gatewayOverOptimalPaired: number;
  /** median(naive) / median(gateway). */
  readonly naiveOverGateway: number | null;
  /** True when all three ways returned the same normalized projection in every measured run. */
  readonly sameData: boolean;
  /** Rows in the projection (sessions, search rows or ids), to show the answer was not empty. */
  readonly rows: number;
}

/** What the runner needs from the simulator: its request log (in another process, hence async). */
export interface RequestLog {
  requestCount(): Promise<number>;
  clearRequests(): Promise<void>;
}

/**
 * Runs a workload `warmup` times then `runs` times each way, the three ways in alternation (naive, optimal,
 * gateway, naive, …, rotating which goes first) so that a noisy stretch of the machine hits all three. Each
 * run is timed alone (nothing else in flight) and its upstream calls are read from the simulator's log.
 */
export async function measureWorkload(
  workload: Workload,
  log: RequestLog,
  options: { runs: number; warmup: number },
): Promise<WorkloadResult> {
  const samples: Record<Way, number[]> = { naive: [], optimal: [], gateway: [] };
  const calls: Record<Way, number[]> = { naive: [], optimal: [], gateway: [] };
  let reference: unknown;
  let sameData = true;
  let rows = 0;

  for (let iteration = -options.warmup; iteration < options.runs; iteration++) {
    const order = rotate(WAYS, iteration);
    for (const way of order) {
      await log.clearRequests();
      const started = performance.now();
      const projection = await workload.run(way);
      const elapsed = performance.now() - started;
      const upstream = await log.requestCount();
      if (iteration < 0) continue;
      samples[way].push(elapsed);
      calls[way].push(upstream);
      if (reference === undefined) {
        reference = projection;
        rows = Array.isArray(projection) ? projection.length : 0;
      } else if (!isDeepStrictEqual(projection, reference)) {
        sameData = false;
      }
    }
  }

  const wayResult = (way: Way): WayResult => ({
    upstreamCalls: { min: Math.min(...calls[way]), max: Math.max(...calls[way]) },
    latencyMs: summarize(samples[way]),
    samplesMs: samples[way],
  });
  const ways: Record<Way, WayResult> = {
    naive: wayResult("naive"),
    optimal: wayResult("optimal"),
    gateway: wayResult("gateway"),
  };
  return {
    id: workload.id,
    title: workload.title,
    goalRatio: workload.goalRatio,
    description: workload.description,
    document: workload.document,
    ways,
    gatewayOverOptimal: ratio(ways.gateway.latencyMs.median, ways.optimal.latencyMs.median),
    gatewayOverOptimalPaired: pairedRatio(samples.gateway, samples.optimal),
    naiveOverGateway: ratio(ways.naive.latencyMs.median, ways.gateway.latencyMs.median),
    sameData,
    rows,
  };
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const shift = ((by % items.length) + items.length) % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
