import { attr, type EmScriptClient, linkHref, text, type XmlObject } from "./EmScriptClient.js";
import {
  type CdpSessionRow,
  enumKey,
  type NodeRow,
  optional,
  type JobSessionKind,
  type JobSessionRow,
  type SearchRow,
  sortTasks,
  type TaskRow,
  typeOfUrn,
} from "./projections.js";

/**
 * The direct-optimal client: the fewest EM calls a careful engineer can make by hand, i.e. the practical
 * limit. One query-service call for the list, then one OR-of-ids query per linked type, all in parallel
 * (EM's only batch path: `filter=UID=="a",UID=="b"`), each asking for exactly the rows it needs.
 */

/** Workload parameters shared by the three clients. */
export interface SessionListParams {
  /** Sessions in the list (50). */
  readonly sessions: number;
  /** Task sessions per session (10); every simulated session has at most 8 VMs, so all of them. */
  readonly tasksPerSession: number;
}

/** The search of workload 3. */
export interface SearchParams {
  /** Lower bound of `CreationTime`, ISO UTC. */
  readonly since: string;
  /** Page size and zero-based offset of the page (a multiple of the page size). */
  readonly pageSize: number;
  readonly offset: number;
}

/** Workload 1: 1 list call + 3 parallel batch calls = 4 calls. */
export async function optimalCdpSessions(em: EmScriptClient, p: SessionListParams): Promise<CdpSessionRow[]> {
  const { items: sessions } = await em.queryEntities({
    type: "CdpReplicaSession",
    sortDesc: "CreationTimeUTC",
    pageSize: p.sessions,
  });
  const serverUids = unique(
    sessions.map((s) => urnOfHref(linkHref(s, "Up", "BackupServerReference"), "BackupServer")),
  );
  const policyUids = unique(sessions.map((s) => text(s, "PolicyUid") ?? ""));
  const sessionUids = sessions.map((s) => attr(s, "UID") ?? "");
  const [servers, policies, tasks] = await Promise.all([
    byUid(em, "BackupServer", "UID", serverUids),
    byUid(em, "CdpPolicy", "UID", policyUids),
    allPages(em, "CdpReplicaTaskSession", orOf("PolicySessionUid", sessionUids)),
  ]);
  const tasksBySession = groupTasks(tasks, (t) => text(t, "PolicySessionUid") ?? "", p.tasksPerSession);
  return sessions.map((s) => {
    const server = servers.get(urnOfHref(linkHref(s, "Up", "BackupServerReference"), "BackupServer"));
    const policy = policies.get(text(s, "PolicyUid") ?? "");
    const id = attr(s, "UID") ?? "";
    return {
      id,
      name: attr(s, "Name") ?? "",
      state: enumKey(text(s, "State")),
      result: enumKey(text(s, "Result")),
      server: { name: attr(server ?? {}, "Name") ?? "", version: optional(text(server ?? {}, "Version")) },
      policy: {
        name: attr(policy ?? {}, "Name") ?? "",
        description: optional(text(policy ?? {}, "Description")),
      },
      tasks: tasksBySession.get(id) ?? [],
    };
  });
}

/** Workloads 2 and 5: 1 list call + 3 parallel batch calls = 4 calls. */
export async function optimalJobSessions(
  em: EmScriptClient,
  p: SessionListParams,
  kind: JobSessionKind,
  stoppedOnly = false,
): Promise<JobSessionRow[]> {
  const { items: sessions } = await em.queryEntities({
    type: kind.sessionType,
    ...(stoppedOnly ? { filter: "State==Stopped" } : {}),
    sortDesc: "CreationTime",
    pageSize: p.sessions,
  });
  const serverUids = unique(
    sessions.map((s) => urnOfHref(linkHref(s, "Up", "BackupServerReference"), "BackupServer")),
  );
  const jobUids = unique(sessions.map((s) => text(s, "JobUid") ?? ""));
  const sessionUids = sessions.map((s) => attr(s, "UID") ?? "");
  const [servers, jobs, tasks] = await Promise.all([
    byUid(em, "BackupServer", "UID", serverUids),
    byUid(em, "Job", "UID", jobUids),
    allPages(em, kind.taskType, orOf("JobSessionUid", sessionUids)),
  ]);
  const tasksBySession = groupTasks(tasks, (t) => text(t, "JobSessionUid") ?? "", p.tasksPerSession);
  return sessions.map((s) => {
    const server = servers.get(urnOfHref(linkHref(s, "Up", "BackupServerReference"), "BackupServer"));
    const job = jobs.get(text(s, "JobUid") ?? "");
    const id = attr(s, "UID") ?? "";
    return {
      id,
      name: attr(s, "Name") ?? "",
      state: enumKey(text(s, "State")),
      result: enumKey(text(s, "Result")),
      server: { name: attr(server ?? {}, "Name") ?? "", version: optional(text(server ?? {}, "Version")) },
      job: {
        name: attr(job ?? {}, "Name") ?? "",
        description: optional(text(job ?? {}, "Description")),
        platform: enumKey(text(job ?? {}, "Platform")),
      },
      tasks: tasksBySession.get(id) ?? [],
    };
  });
}

/** Workload 3: the page itself, 1 call (the query service filters, sorts and pages). */
export async function optimalSearch(em: EmScriptClient, p: SearchParams): Promise<SearchRow[]> {
  const { items } = await em.queryEntities(searchQuery(p));
  return items.map(searchRow);
}

/** The query-service request of workload 3, shared with the naive client (it is already one call). */
export function searchQuery(p: SearchParams) {
  return {
    type: "ReplicaTaskSession",
    filter: `CreationTime>="${p.since}"`,
    sortDesc: "TotalSize",
    pageSize: p.pageSize,
    page: p.offset / p.pageSize + 1,
  };
}

/** One task-session entity as a search row. */
export function searchRow(t: XmlObject): SearchRow {
  return {
    id: attr(t, "UID") ?? "",
    name: attr(t, "Name") ?? "",
    vm: attr(t, "VmDisplayName") ?? "",
    result: enumKey(text(t, "Result")),
    totalSize: Number(text(t, "TotalSize")),
  };
}

/** Workload 4: one OR-of-ids query per type present, all in parallel (7 calls for 7 types). */
export async function optimalNodes(em: EmScriptClient, ids: readonly string[]): Promise<NodeRow[]> {
  const byType = new Map<string, string[]>();
  for (const id of ids) {
    const type = typeOfUrn(id);
    byType.set(type, [...(byType.get(type) ?? []), id]);
  }
  const found = new Map<string, XmlObject>();
  await Promise.all(
    [...byType].map(async ([type, uids]) => {
      const rows = await byUid(em, type, ID_FIELD[type] ?? "UID", uids);
      for (const [uid, row] of rows) found.set(uid, row);
    }),
  );
  return ids.map((id) => {
    const row = found.get(id);
    return row ? { id, type: typeOfUrn(id), name: attr(row, "Name") ?? "" } : null;
  });
}

/** The query field of each type's id: CDP session types use `Id` and reject `UID`, the others the reverse. */
export const ID_FIELD: Readonly<Record<string, string>> = {
  CdpReplicaSession: "Id",
  CdpReplicaTaskSession: "Id",
  ReplicaJobSession: "UID",
  ReplicaTaskSession: "UID",
  BackupServer: "UID",
  CdpPolicy: "UID",
  Job: "UID",
};

/** Entities of `type` whose `field` is one of `uids`, by their UID attribute: one query. */
async function byUid(
  em: EmScriptClient,
  type: string,
  field: string,
  uids: readonly string[],
): Promise<Map<string, XmlObject>> {
  const { items } = await em.queryEntities({ type, filter: orOf(field, uids), pageSize: uids.length });
  return new Map(items.map((item) => [attr(item, "UID") ?? "", item]));
}

/** Every row matching `filter`, in pages of 1,000 (one page for these workloads). */
async function allPages(em: EmScriptClient, type: string, filter: string): Promise<XmlObject[]> {
  const first = await em.queryEntities({ type, filter, pageSize: 1000 });
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, first.pagesCount - 1) }, (_, index) =>
      em.queryEntities({ type, filter, pageSize: 1000, page: index + 2 }),
    ),
  );
  return [first, ...rest].flatMap((page) => page.items);
}

/** The newest `limit` task rows of each session, keyed by session UID. */
export function groupTasks(
  tasks: readonly XmlObject[],
  parentOf: (task: XmlObject) => string,
  limit: number,
): Map<string, TaskRow[]> {
  const groups = new Map<string, XmlObject[]>();
  for (const task of tasks) groups.set(parentOf(task), [...(groups.get(parentOf(task)) ?? []), task]);
  return new Map(
    [...groups].map(([parent, rows]) => [
      parent,
      sortTasks(
        [...rows]
          .sort((a, b) => (text(b, "CreationTimeUTC") ?? "").localeCompare(text(a, "CreationTimeUTC") ?? ""))
          .slice(0, limit)
          .map(taskRow),
      ),
    ]),
  );
}

/** One task-session entity as a task row. */
export function taskRow(t: XmlObject): TaskRow {
  return {
    id: attr(t, "UID") ?? "",
    name: attr(t, "Name") ?? "",
    vm: attr(t, "VmDisplayName") ?? "",
    state: enumKey(text(t, "State")),
  };
}

/** `Field=="a",Field=="b"`: EM's OR, written by hand (UIDs hold no quote or separator). */
function orOf(field: string, uids: readonly string[]): string {
  return uids.map((uid) => `${field}=="${uid}"`).join(",");
}

/** `…/backupServers/<guid>` → `urn:veeam:BackupServer:<guid>`. */
export function urnOfHref(href: string | undefined, type: string): string {
  const guid = new URL(href ?? "http://x/").pathname.split("/").pop() ?? "";
  return `urn:veeam:${type}:${guid}`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
