import { setTimeout as sleep } from "node:timers/promises";
import { createClient } from "graphql-ws";
import pino from "pino";
import WebSocket from "ws";
import { loadConfig } from "../src/config.js";
import { startGateway } from "../src/gateway.js";
import { EmScriptClient } from "./EmScriptClient.js";
import { startSimulatorProcess } from "./simulatorProcess.js";

/** What the live run measured: EM calls per poll interval for the same dashboards, two ways. */
export interface LiveResult {
  readonly subscribers: number;
  readonly intervalMs: number;
  readonly seconds: number;
  /** Simulated seconds per real second during the run. */
  readonly speed: number;
  /** EM calls per interval: the gateway's one feed, and one polling script per dashboard. */
  readonly gatewayCallsPerInterval: number;
  readonly directCallsPerInterval: number;
  /** gateway ÷ direct. */
  readonly ratio: number;
  /** Events each subscriber received (all equal when the fan-out is right). */
  readonly eventsPerSubscriber: { readonly min: number; readonly max: number };
}

const FILTER = "State!=Stopped";
const QUERY = `subscription LiveBench { backupJobSessionChanged { id state progress result } }`;

/**
 * `subscribers` dashboards following the running backup sessions for `seconds`, on a simulator whose clock
 * runs `speed` times faster so that sessions progress, start and stop:
 *
 * - gateway: each dashboard a graphql-ws subscription to the gateway (`LIVE_POLL_INTERVAL_MS`), which polls
 *   EM for them all;
 * - direct: each dashboard a script that asks EM for its running sessions every interval, as dashboards do
 *   today (and then would still have to diff them itself).
 *
 * The simulator's request count over the window is the EM cost of each way.
 */
export async function runLive(options: {
  subscribers: number;
  intervalMs: number;
  seconds: number;
  speed: number;
}): Promise<LiveResult> {
  const sim = await startSimulatorProcess({ scale: 1, speed: options.speed });
  const gateway = await startGateway(
    loadConfig({
      VEEAM_EM_URL: sim.url,
      VEEAM_EM_USERNAME: sim.credentials.username,
      VEEAM_EM_PASSWORD: sim.credentials.password,
      PORT: "0",
      CACHE: "off",
      LOG_LEVEL: "silent",
      LIVE_POLL_INTERVAL_MS: String(options.intervalMs),
    }),
    { logger: pino({ level: "silent" }) },
  );
  const em = await EmScriptClient.logon(sim.url, sim.credentials);
  try {
    const ws = createClient({
      url: gateway.url.replace(/^http/, "ws"),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    const counts = Array.from({ length: options.subscribers }, () => 0);
    const stops = counts.map((_, i) =>
      ws.subscribe(
        { query: QUERY },
        { next: () => (counts[i]! += 1), error: () => undefined, complete: () => undefined },
      ),
    );
    await sleep(options.intervalMs * 2); // every feed started and past its baseline
    await sim.clearRequests();
    await sleep(options.seconds * 1000);
    const gatewayCalls = await sim.requestCount();
    for (const stop of stops) stop();
    await ws.dispose();
    const events = { min: Math.min(...counts), max: Math.max(...counts) };

    await sleep(options.intervalMs * 2);
    await sim.clearRequests();
    const deadline = performance.now() + options.seconds * 1000;
    await Promise.all(
      counts.map(async () => {
        while (performance.now() < deadline) {
          const tick = performance.now();
          await em.queryEntities({
            type: "BackupJobSession",
            filter: FILTER,
            sortAsc: "CreationTime",
            pageSize: 1000,
          });
          await sleep(Math.max(0, options.intervalMs - (performance.now() - tick)));
        }
      }),
    );
    const directCalls = await sim.requestCount();
    const intervals = (options.seconds * 1000) / options.intervalMs;
    const gatewayCallsPerInterval = gatewayCalls / intervals;
    const directCallsPerInterval = directCalls / intervals;
    return {
      subscribers: options.subscribers,
      intervalMs: options.intervalMs,
      seconds: options.seconds,
      speed: options.speed,
      gatewayCallsPerInterval,
      directCallsPerInterval,
      ratio: gatewayCallsPerInterval / directCallsPerInterval,
      eventsPerSubscriber: events,
    };
  } finally {
    await em.close();
    await gateway.stop();
    await sim.close();
  }
}
