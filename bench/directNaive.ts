import { attr, type EmScriptClient, linkHref, listItems, text, type XmlObject } from "./EmScriptClient.js";
import {
  optimalSearch,
  searchQuery,
  searchRow,
  taskRow,
  type SearchParams,
  type SessionListParams,
} from "./directOptimal.js";
import {
  type CdpSessionRow,
  enumKey,
  type NodeRow,
  optional,
  type JobSessionKind,
  type JobSessionRow,
  type SearchRow,
  sortTasks,
  typeOfUrn,
} from "./projections.js";

/**
 * The direct-naive client: what scripts and frontends do today. One query-service call for the list, then
 * one GET per link `Href` the output needs (`?format=Entity` appended, as EM's pages show), with a small
 * fixed number in flight (`concurrency`, default 4). No caching between links: the same backup server is
 * fetched once per session that links to it, as a script following links does.
 */

/** Workload 1: 1 + 3 × sessions GETs (server, policy, task-session collection of each session). */
export async function naiveCdpSessions(
  em: EmScriptClient,
  p: SessionListParams,
  concurrency: number,
): Promise<CdpSessionRow[]> {
  const { items: sessions } = await em.queryEntities({
    type: "CdpReplicaSession",
    sortDesc: "CreationTimeUTC",
    pageSize: p.sessions,
  });
  return mapLimit(sessions, concurrency, async (s): Promise<CdpSessionRow> => {
    const server = await em.get(entityHref(linkHref(s, "Up", "BackupServerReference")));
    const policy = await em.get(entityHref(linkHref(s, "Up", "CdpPolicyReference")));
    const tasks = listItems(
      await em.get(entityHref(linkHref(s, "Down", "CdpReplicaTaskSessionReferenceList"))),
    );
    return {
      id: attr(s, "UID") ?? "",
      name: attr(s, "Name") ?? "",
      state: enumKey(text(s, "State")),
      result: enumKey(text(s, "Result")),
      server: { name: attr(server, "Name") ?? "", version: optional(text(server, "Version")) },
      policy: { name: attr(policy, "Name") ?? "", description: optional(text(policy, "Description")) },
      tasks: newest(tasks, p.tasksPerSession),
    };
  });
}

/** Workloads 2 and 5: 1 + 3 × sessions GETs (server, job, task-session collection of each session). */
export async function naiveJobSessions(
  em: EmScriptClient,
  p: SessionListParams,
  concurrency: number,
  kind: JobSessionKind,
  stoppedOnly = false,
): Promise<JobSessionRow[]> {
  const { items: sessions } = await em.queryEntities({
    type: kind.sessionType,
    ...(stoppedOnly ? { filter: "State==Stopped" } : {}),
    sortDesc: "CreationTime",
    pageSize: p.sessions,
  });
  return mapLimit(sessions, concurrency, async (s): Promise<JobSessionRow> => {
    const server = await em.get(entityHref(linkHref(s, "Up", "BackupServerReference")));
    const job = await em.get(entityHref(linkHref(s, "Up", "JobReference")));
    const tasks = listItems(await em.get(entityHref(linkHref(s, "Down", kind.taskListLink))));
    return {
      id: attr(s, "UID") ?? "",
      name: attr(s, "Name") ?? "",
      state: enumKey(text(s, "State")),
      result: enumKey(text(s, "Result")),
      server: { name: attr(server, "Name") ?? "", version: optional(text(server, "Version")) },
      job: {
        name: attr(job, "Name") ?? "",
        description: optional(text(job, "Description")),
        platform: enumKey(text(job, "Platform")),
      },
      tasks: newest(tasks, p.tasksPerSession),
    };
  });
}

/**
 * Workload 3: a search is already one query-service call when written directly (filter, sort and paging
 * are EM's), so the naive script is the optimal one here; the table says so.
 */
export async function naiveSearch(em: EmScriptClient, p: SearchParams): Promise<SearchRow[]> {
  return optimalSearch(em, p);
}
export { searchQuery, searchRow };

/** Workload 4: one GET per id, `/<collection>/<guid>?format=Entity`. */
export async function naiveNodes(
  em: EmScriptClient,
  ids: readonly string[],
  concurrency: number,
): Promise<NodeRow[]> {
  return mapLimit(ids, concurrency, async (id): Promise<NodeRow> => {
    const type = typeOfUrn(id);
    const entity = await em.get(`/${COLLECTION[type]}/${id.split(":").pop()}?format=Entity`);
    return { id, type, name: attr(entity, "Name") ?? "" };
  });
}

/** The collection path of each type (replica job sessions live under `replicaSessions`). */
const COLLECTION: Readonly<Record<string, string>> = {
  CdpReplicaSession: "cdpReplicaSessions",
  CdpReplicaTaskSession: "cdpReplicaTaskSessions",
  ReplicaJobSession: "replicaSessions",
  ReplicaTaskSession: "replicaTaskSessions",
  BackupServer: "backupServers",
  CdpPolicy: "cdpPolicies",
  Job: "jobs",
};

/** The newest `limit` task sessions of one collection, as a set of rows. */
function newest(tasks: readonly XmlObject[], limit: number) {
  return sortTasks(
    [...tasks]
      .sort((a, b) => (text(b, "CreationTimeUTC") ?? "").localeCompare(text(a, "CreationTimeUTC") ?? ""))
      .slice(0, limit)
      .map(taskRow),
  );
}

/** A link's Href as its entity representation. */
function entityHref(href: string | undefined): string {
  if (href === undefined) throw new Error("a link the workload needs is missing");
  return href.includes("?") ? `${href}&format=Entity` : `${href}?format=Entity`;
}

/**
 * `fn` over `items` with at most `limit` calls in flight, results in input order: the "modest
 * concurrency" of a script (a worker pool, not a batch).
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
