import pino from "pino";
import { loadConfig } from "../src/config.js";
import { startGateway } from "../src/gateway.js";
import { GatewayClient, jobSessionsDocument } from "./gatewayClient.js";
import { startSimulatorProcess } from "./simulatorProcess.js";
import { pairedRatio, summarize, type Summary } from "./stats.js";

/** What the sites run measured: the nested workload on one site and on two, side by side. */
export interface SitesResult {
  readonly runs: number;
  /** Latency each simulated EM adds to every response, ms. */
  readonly emLatencyMs: number;
  /** EM calls of one run: the single-site gateway's, and each site's for the two-site gateway. */
  readonly calls: {
    readonly oneSite: number;
    readonly twoSites: { readonly first: number; readonly second: number };
  };
  readonly oneSiteMs: Summary;
  readonly twoSitesMs: Summary;
  /** Median of the per-run ratios two sites ÷ one site (goal ≤ 1.1: the sites are asked in parallel). */
  readonly ratio: number;
}

/** The goal of the run: two sites answer within this factor of one. */
export const SITES_GOAL_RATIO = 1.1;

/**
 * The nested workload (50 backup sessions with their server, job and 10 task sessions each) on a gateway
 * of one site and on a gateway of two sites (two simulators, each in a process of its own with data of its
 * own and the same latency), in alternation so that noise hits both. Each EM's calls are counted from its
 * own request log.
 */
export async function runSites(options: {
  runs: number;
  warmup: number;
  latencyMs: number;
}): Promise<SitesResult> {
  const [first, second] = await Promise.all([
    startSimulatorProcess({ scale: 1, seed: 1 }),
    startSimulatorProcess({ scale: 1, seed: 2 }),
  ]);
  const common = { PORT: "0", CACHE: "off", LOG_LEVEL: "silent" };
  const logger = pino({ level: "silent" });
  const one = await startGateway(
    loadConfig({
      ...common,
      VEEAM_EM_URL: first.url,
      VEEAM_EM_USERNAME: first.credentials.username,
      VEEAM_EM_PASSWORD: first.credentials.password,
    }),
    { logger },
  );
  const two = await startGateway(
    loadConfig({
      ...common,
      VEEAM_EM_SITES: JSON.stringify([
        { name: "first", url: first.url, ...first.credentials },
        { name: "second", url: second.url, ...second.credentials },
      ]),
    }),
    { logger },
  );
  const clients = { one: new GatewayClient(one.url), two: new GatewayClient(two.url) };
  const document = jobSessionsDocument("backupJobSessions");
  const variables = { first: 50, tasks: 10 };
  try {
    // Logons and connections before anything is timed or counted.
    for (let i = 0; i < options.warmup; i++)
      for (const client of Object.values(clients)) await client.query(document, variables);
    await Promise.all([first.setLatency(options.latencyMs), second.setLatency(options.latencyMs)]);
    const times = { one: [] as number[], two: [] as number[] };
    const calls = { one: 0, twoFirst: 0, twoSecond: 0 };
    const timed = async (client: GatewayClient) => {
      await Promise.all([first.clearRequests(), second.clearRequests()]);
      const started = performance.now();
      await client.query(document, variables);
      const ms = performance.now() - started;
      return { ms, first: await first.requestCount(), second: await second.requestCount() };
    };
    for (let run = 0; run < options.runs; run++) {
      const single = await timed(clients.one);
      const double = await timed(clients.two);
      times.one.push(single.ms);
      times.two.push(double.ms);
      calls.one = Math.max(calls.one, single.first);
      calls.twoFirst = Math.max(calls.twoFirst, double.first);
      calls.twoSecond = Math.max(calls.twoSecond, double.second);
    }
    return {
      runs: options.runs,
      emLatencyMs: options.latencyMs,
      calls: { oneSite: calls.one, twoSites: { first: calls.twoFirst, second: calls.twoSecond } },
      oneSiteMs: summarize(times.one),
      twoSitesMs: summarize(times.two),
      ratio: pairedRatio(times.two, times.one),
    };
  } finally {
    await Promise.all(Object.values(clients).map((client) => client.close()));
    await Promise.all([one.stop(), two.stop()]);
    await Promise.all([first.close(), second.close()]);
  }
}
