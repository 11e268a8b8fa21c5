import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import autocannon, { type AutocannonRequest } from "autocannon";
import { optimalCdpSessions } from "./directOptimal.js";
import { attr, type EmScriptClient } from "./EmScriptClient.js";
import { CDP_SESSIONS_DOCUMENT, GatewayClient } from "./gatewayClient.js";
import { percentile } from "./stats.js";

/** One autocannon run. */
export interface LoadScenario {
  readonly id: string;
  readonly title: string;
  /** HTTP requests per second autocannon completed (mean over the run). */
  readonly requestsPerSecond: number;
  /** Operations per second: requests per second divided by the HTTP requests one operation takes. */
  readonly operationsPerSecond: number;
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
  /** Upstream (simulator) requests per operation during the run, from the simulator's log. */
  readonly upstreamPerOperation: number;
  readonly errors: number;
  readonly non2xx: number;
}

/** The load run's results. */
export interface LoadResult {
  readonly connections: number;
  readonly durationSeconds: number;
  readonly scenarios: readonly LoadScenario[];
  /** The gateway child process: RSS after start and warm-up, and its peak over the whole run. */
  readonly gatewayRss: { readonly afterWarmupBytes: number; readonly peakBytes: number };
}

/** What the load run needs: the (latency-0) simulator and a direct client logged on to it. */
export interface LoadTarget {
  readonly simUrl: string;
  readonly credentials: { readonly username: string; readonly password: string };
  readonly em: EmScriptClient;
  readonly simRequests: () => Promise<number>;
  /** The session token the direct scenarios send (the direct client's own logon). */
  readonly token: string;
}

const LOOKUP = (id: string) => `{ backupServer(id: "${id}") { name version } }`;
const NESTED = `{
  cdpReplicaSessions(first: 10) {
    nodes { name backupServer { name version } policy { name } taskSessions(first: 10) { nodes { name vmDisplayName } } }
  }
}`;

/**
 * Runs autocannon in this process at a fixed number of connections against (1) the gateway, started as a
 * child process so its RSS is its own, with a simple lookup (1 EM call) and a nested query (4 EM calls),
 * and (2) the simulator directly with the equivalent EM requests: the same lookup query, and the four
 * queries the nested operation sends, in sequence per connection. The simulator's latency must be 0.
 */
export async function runLoad(
  target: LoadTarget,
  options: { connections: number; durationSeconds: number },
): Promise<LoadResult> {
  const child = await startGatewayChild(target);
  try {
    const { items: servers } = await target.em.queryEntities({ type: "BackupServer", pageSize: 1 });
    const serverUid = attr(servers[0]!, "UID")!;
    const { items: sessions } = await target.em.queryEntities({
      type: "CdpReplicaSession",
      sortDesc: "CreationTimeUTC",
      pageSize: 10,
    });
    const nestedDirect = directNestedRequests(sessions, target);
    const gql = (query: string) => ({
      method: "POST",
      body: JSON.stringify({ query }),
      headers: { "content-type": "application/json" },
    });

    // Warm-up: JIT, the gateway's logon, keep-alive sockets.
    for (const query of [LOOKUP(serverUid), NESTED]) {
      await autocannon({ url: child.url, connections: 2, duration: 1, ...gql(query) });
    }
    const afterWarmupBytes = await child.rss();

    const scenarios: LoadScenario[] = [];
    const run = async (
      id: string,
      title: string,
      perOperation: number,
      opts: Parameters<typeof autocannon>[0],
    ): Promise<void> => {
      const before = await target.simRequests();
      const result = await autocannon({
        connections: options.connections,
        duration: options.durationSeconds,
        ...opts,
      });
      const upstream = (await target.simRequests()) - before;
      const operations = result.requests.total / perOperation;
      scenarios.push({
        id,
        title,
        requestsPerSecond: result.requests.average,
        operationsPerSecond: result.requests.average / perOperation,
        latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
        upstreamPerOperation: operations > 0 ? upstream / operations : 0,
        errors: result.errors + result.timeouts,
        non2xx: result.non2xx,
      });
    };
    await run("gateway-lookup", "gateway: backupServer(id) { name version }", 1, {
      url: child.url,
      ...gql(LOOKUP(serverUid)),
    });
    await run("direct-lookup", "simulator direct: the same lookup's EM query", 1, {
      url: `${target.simUrl}/query?type=BackupServer&format=Entities&filter=${encodeURIComponent(`UID=="${serverUid}"`)}&pageSize=1&page=1`,
      headers: { "x-restsvcsessionid": target.token },
    });
    await run("gateway-nested", "gateway: 10 CDP sessions + server, policy, 10 task sessions each", 1, {
      url: child.url,
      ...gql(NESTED),
    });
    await run("direct-nested", "simulator direct: the nested query's 4 EM queries, in sequence", 4, {
      url: new URL(target.simUrl).origin,
      requests: nestedDirect,
    });
    // What a client does with the answers: the gateway's JSON parsed by a GraphQL client, EM's XML parsed by
    // the hand-written optimal script (xml2js), each with `connections` operations in flight.
    const gateway = new GatewayClient(child.url);
    const loop = async (id: string, title: string, operation: () => Promise<unknown>) => {
      const before = await target.simRequests();
      const result = await runOperations(operation, options.connections, options.durationSeconds);
      const upstream = (await target.simRequests()) - before;
      scenarios.push({
        id,
        title,
        ...result,
        upstreamPerOperation: upstream / Math.max(1, result.operations),
      });
    };
    try {
      await loop(
        "gateway-nested-client",
        "client loop: the nested query through the gateway, JSON parsed",
        () => gateway.query(CDP_SESSIONS_DOCUMENT, { first: 10, tasks: 10 }),
      );
      await loop("direct-nested-script", "client loop: the hand-written optimal script, XML parsed", () =>
        optimalCdpSessions(target.em, { sessions: 10, tasksPerSession: 10 }),
      );
    } finally {
      await gateway.close();
    }
    return {
      connections: options.connections,
      durationSeconds: options.durationSeconds,
      scenarios,
      gatewayRss: { afterWarmupBytes, peakBytes: await child.stop() },
    };
  } catch (error) {
    await child.stop().catch(() => 0);
    throw error;
  }
}

/**
 * Runs `operation` from `concurrency` loops for `seconds`, each starting its next as soon as the last
 * ended: operations per second (HTTP figures are per operation here) and latency percentiles.
 */
async function runOperations(
  operation: () => Promise<unknown>,
  concurrency: number,
  seconds: number,
): Promise<Omit<LoadScenario, "id" | "title" | "upstreamPerOperation"> & { operations: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const begun = performance.now();
        try {
          await operation();
          latencies.push(performance.now() - begun);
        } catch {
          errors++;
        }
      }
    }),
  );
  const perSecond = latencies.length / ((performance.now() - started) / 1000);
  const round = (ms: number) => Math.round(ms);
  return {
    operations: latencies.length,
    requestsPerSecond: perSecond,
    operationsPerSecond: perSecond,
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p99: round(percentile(latencies, 99)),
      max: round(Math.max(0, ...latencies)),
    },
    errors,
    non2xx: 0,
  };
}

/** The four EM queries the nested operation makes, with the ids it would find, as autocannon requests. */
function directNestedRequests(
  sessions: Parameters<typeof attr>[0][],
  target: LoadTarget,
): AutocannonRequest[] {
  const base = new URL(target.simUrl).pathname;
  const headers = { "x-restsvcsessionid": target.token };
  const or = (field: string, values: readonly string[]) =>
    encodeURIComponent([...new Set(values)].map((v) => `${field}=="${v}"`).join(","));
  const sessionUids = sessions.map((s) => attr(s, "UID")!);
  const serverUids = sessions.map((s) => {
    const href = (s["Links"]?.[0]?.["Link"] as Parameters<typeof attr>[0][]).find(
      (l) => attr(l, "Type") === "BackupServerReference",
    );
    return `urn:veeam:BackupServer:${new URL(attr(href!, "Href")!).pathname.split("/").pop()}`;
  });
  const policyUids = sessions.map((s) => s["PolicyUid"][0] as string);
  const path = (query: string) => ({ method: "GET", path: `${base}/query?${query}`, headers });
  return [
    path("type=CdpReplicaSession&format=Entities&sortDesc=CreationTimeUTC&pageSize=10&page=1"),
    path(`type=BackupServer&format=Entities&filter=${or("UID", serverUids)}&pageSize=10&page=1`),
    path(`type=CdpPolicy&format=Entities&filter=${or("UID", policyUids)}&pageSize=10&page=1`),
    path(
      `type=CdpReplicaTaskSession&format=Entities&filter=${or("PolicySessionUid", sessionUids)}&pageSize=1000&page=1`,
    ),
  ];
}

interface GatewayChild {
  readonly url: string;
  rss(): Promise<number>;
  /** Stops the child and resolves with its peak RSS in bytes. */
  stop(): Promise<number>;
}

/** Forks `gatewayChild.ts` under tsx and waits for its URL. */
async function startGatewayChild(target: LoadTarget): Promise<GatewayChild> {
  const child: ChildProcess = fork(fileURLToPath(new URL("./gatewayChild.ts", import.meta.url)), [], {
    execArgv: ["--import", "tsx"],
    env: {
      ...process.env,
      BENCH_EM_URL: target.simUrl,
      BENCH_EM_USERNAME: target.credentials.username,
      BENCH_EM_PASSWORD: target.credentials.password,
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = async <T>(key: string): Promise<T> => {
    for (;;) {
      const [message] = (await once(child, "message")) as [Record<string, T>];
      if (key in message) return message[key]!;
    }
  };
  const url = await next<string>("url");
  let stopped: Promise<number> | undefined;
  return {
    url,
    rss: () => {
      const answer = next<number>("rss");
      child.send("rss");
      return answer;
    },
    stop: () => {
      stopped ??= (async () => {
        const answer = next<number>("maxRssBytes");
        child.send("stop");
        const peak = await answer;
        if (child.exitCode === null) await once(child, "exit");
        return peak;
      })();
      return stopped;
    },
  };
}
