import { naiveCdpSessions, naiveJobSessions, naiveNodes, naiveSearch } from "./directNaive.js";
import {
  optimalCdpSessions,
  optimalJobSessions,
  optimalNodes,
  optimalSearch,
  type SearchParams,
  type SessionListParams,
} from "./directOptimal.js";
import { attr, type EmScriptClient } from "./EmScriptClient.js";
import {
  CDP_SESSIONS_DOCUMENT,
  gatewayCdpSessions,
  gatewayJobSessions,
  gatewayNodes,
  gatewaySearch,
  gatewaySearchCursor,
  type GatewayClient,
  jobSessionsDocument,
  NODES_DOCUMENT,
  SEARCH_DOCUMENT,
} from "./gatewayClient.js";
import { BACKUP_SESSIONS, type JobSessionKind, REPLICA_SESSIONS } from "./projections.js";

/** The three ways every workload is run. */
export const WAYS = ["naive", "optimal", "gateway"] as const;
/** One of the three ways: direct-naive, direct-optimal, gateway. */
export type Way = (typeof WAYS)[number];

/** One workload: the same question asked three ways, each returning the same normalized projection. */
export interface Workload {
  readonly id: string;
  readonly title: string;
  /** What is asked, for the report. */
  readonly description: string;
  /** Largest gateway ÷ optimal latency ratio that meets the goal; default GOAL_RATIO (1.15). */
  readonly goalRatio?: number;
  /** The GraphQL operation the gateway way sends. */
  readonly document: string;
  /** Which simulator answers it (its request log counts the upstream calls). */
  readonly simulator: "main" | "search";
  /** Runs one way once and returns its projection (compared as JSON across the three ways). */
  run(way: Way): Promise<unknown>;
}

/** A direct client and a gateway client in front of the same simulator. */
export interface ClientPair {
  readonly em: EmScriptClient;
  /** A gateway with its cross-request cache off: each run costs what a first request costs. */
  readonly gateway: GatewayClient;
  /** Gateways with the cache on, in memory and (when redis-server is installed) in Redis, for "dashboard refresh". */
  readonly cached?: { readonly memory: GatewayClient; readonly redis?: GatewayClient };
}

/**
 * What the workloads need. The search runs against its own, larger simulator (`scale` 10, so that ~5,000
 * rows match); the other three against a default-size one (`scale` 1), because the simulator answers
 * OR-filters by scanning every row in the benchmark's own process, and at scale 10 that scan (~200 ms for
 * a 50-way OR over 15,000 task sessions) would dwarf what is being compared. A real EM answers from SQL
 * Server indexes on another machine.
 */
export interface WorkloadClients {
  readonly main: ClientPair;
  readonly search: ClientPair;
  /** Concurrency of the naive scripts (GETs in flight). */
  readonly naiveConcurrency: number;
}

/** The parameters the issue names: 50 sessions × 10 task sessions, a page of 100 deep in a 5,000-row search, 100 ids. */
export const SESSION_LIST: SessionListParams = { sessions: 50, tasksPerSession: 10 };
const SEARCH_PAGE_SIZE = 100;
const SEARCH_OFFSET = 200;
const LOOKUP_IDS = 100;

/**
 * Builds the five workloads against a running simulator + gateway. Reads what the workloads need first
 * (the `since` bound that makes the search match ~5,000 rows, 100 mixed ids, the cursor of page 3) with
 * direct calls and one gateway call, before anything is timed. Returns also the search's match count.
 */
export async function prepareWorkloads(
  clients: WorkloadClients,
  searchRows = 5000,
): Promise<{ workloads: Workload[]; searchMatches: number; idMix: Record<string, number> }> {
  const { naiveConcurrency } = clients;
  const { em, gateway } = clients.main;
  const large = clients.search;

  // The search: task sessions newer than the creation time of the `searchRows`-th newest one.
  const { items: boundary } = await large.em.queryEntities({
    type: "ReplicaTaskSession",
    sortDesc: "CreationTime",
    pageSize: 1,
    page: searchRows,
  });
  const since = (boundary[0]?.["CreationTimeUTC"]?.[0] as string | undefined) ?? "2000-01-01T00:00:00Z";
  const search: SearchParams = {
    since: since.replace(/\.\d+Z$/, "Z"),
    pageSize: SEARCH_PAGE_SIZE,
    offset: SEARCH_OFFSET,
  };
  const { pagesCount: searchMatches } = await large.em.queryEntities({
    type: "ReplicaTaskSession",
    filter: `CreationTime>="${search.since}"`,
    pageSize: 1,
  });
  const after = await gatewaySearchCursor(large.gateway, search);

  // 100 ids of all seven types, interleaved so that no type arrives as one run.
  const mix: Array<[string, number]> = [
    ["CdpReplicaSession", 22],
    ["CdpReplicaTaskSession", 22],
    ["ReplicaJobSession", 22],
    ["ReplicaTaskSession", 22],
    ["BackupServer", 4],
    ["CdpPolicy", 4],
    ["Job", 4],
  ];
  const perType = await Promise.all(
    mix.map(async ([type, count]) => {
      const { items } = await em.queryEntities({ type, pageSize: count });
      return items.map((item) => attr(item, "UID") ?? "");
    }),
  );
  const ids: string[] = [];
  for (let round = 0; ids.length < LOOKUP_IDS && round < 22; round++) {
    for (const list of perType)
      if (list[round] !== undefined && ids.length < LOOKUP_IDS) ids.push(list[round]!);
  }
  const idMix = Object.fromEntries(mix.map(([type], index) => [type, perType[index]!.length]));

  const jobSessions =
    (kind: JobSessionKind) =>
    (way: Way): Promise<unknown> =>
      way === "naive"
        ? naiveJobSessions(em, SESSION_LIST, naiveConcurrency, kind)
        : way === "optimal"
          ? optimalJobSessions(em, SESSION_LIST, kind)
          : gatewayJobSessions(gateway, SESSION_LIST, kind);

  const workloads: Workload[] = [
    {
      id: "cdp-sessions",
      simulator: "main",
      title: "50 CDP sessions with backup server, policy and 10 task sessions each",
      description:
        "The 50 newest CdpReplicaSessions, each with its backupServer { name version }, policy { name description } and taskSessions(first: 10).",
      document: CDP_SESSIONS_DOCUMENT,
      run: (way) =>
        way === "naive"
          ? naiveCdpSessions(em, SESSION_LIST, naiveConcurrency)
          : way === "optimal"
            ? optimalCdpSessions(em, SESSION_LIST)
            : gatewayCdpSessions(gateway, SESSION_LIST),
    },
    {
      id: "replica-sessions",
      simulator: "main",
      title: "50 replica job sessions with backup server, job and 10 task sessions each",
      description:
        "The 50 newest ReplicaJobSessions, each with its backupServer { name version }, job { name description platform } and taskSessions(first: 10).",
      document: jobSessionsDocument(REPLICA_SESSIONS.rootField),
      run: jobSessions(REPLICA_SESSIONS),
    },
    {
      id: "task-search",
      simulator: "search",
      title: `Task-session search: page 3 (rows ${SEARCH_OFFSET + 1}–${SEARCH_OFFSET + SEARCH_PAGE_SIZE}) of ${searchMatches} matches, ordered by size`,
      description: `ReplicaTaskSessions with creationTimeUtc ≥ ${search.since} (${searchMatches} rows), ordered by totalSize DESC, first: ${SEARCH_PAGE_SIZE} after the cursor of row ${SEARCH_OFFSET}.`,
      document: SEARCH_DOCUMENT,
      run: (way) =>
        way === "naive"
          ? naiveSearch(large.em, search)
          : way === "optimal"
            ? optimalSearch(large.em, search)
            : gatewaySearch(large.gateway, search, after),
    },
    {
      id: "node-lookups",
      simulator: "main",
      title: `node lookups of ${ids.length} mixed ids (7 types)`,
      description: `nodes(ids:) with ${ids.length} URNs of all seven types, interleaved; name of each.`,
      document: NODES_DOCUMENT,
      run: (way) =>
        way === "naive"
          ? naiveNodes(em, ids, naiveConcurrency)
          : way === "optimal"
            ? optimalNodes(em, ids)
            : gatewayNodes(gateway, ids),
    },
    {
      id: "backup-sessions",
      simulator: "main",
      title: "50 backup job sessions with backup server, job and 10 task sessions each",
      description:
        "The 50 newest BackupJobSessions (the dashboard read), each with its backupServer { name version }, job { name description platform } and taskSessions(first: 10).",
      document: jobSessionsDocument(BACKUP_SESSIONS.rootField),
      run: jobSessions(BACKUP_SESSIONS),
    },
  ];
  const cached = clients.main.cached;
  for (const [backend, client] of [
    ["memory", cached?.memory],
    ["Redis", cached?.redis],
  ] as const) {
    if (!client) continue;
    workloads.push({
      id: backend === "memory" ? "dashboard-refresh" : "dashboard-refresh-redis",
      simulator: "main",
      title: `dashboard refresh: 50 stopped backup sessions with their links, repeated (cache in ${backend})`,
      description:
        "The backup-session read of a dashboard that refreshes: the 50 newest stopped BackupJobSessions with " +
        "backupServer, job and taskSessions(first: 10), asked again and again of a gateway with the cache " +
        `on (${backend === "memory" ? "in-process" : "REDIS_URL"}): warm, only the list call reaches EM.`,
      document: jobSessionsDocument(BACKUP_SESSIONS.rootField, true),
      goalRatio: 0.5,
      run: (way) =>
        way === "naive"
          ? naiveJobSessions(em, SESSION_LIST, naiveConcurrency, BACKUP_SESSIONS, true)
          : way === "optimal"
            ? optimalJobSessions(em, SESSION_LIST, BACKUP_SESSIONS, true)
            : gatewayJobSessions(client, SESSION_LIST, BACKUP_SESSIONS, true),
    });
  }
  return { workloads, searchMatches, idMix };
}
