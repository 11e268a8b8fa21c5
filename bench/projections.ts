/**
 * The normalized projections the three clients return for each workload, so that "same data" is one deep
 * comparison. Each client maps its own representation (xml2js objects, GraphQL JSON) into these shapes;
 * enum spellings differ between EM (`InProgress`, `VMware`) and GraphQL (`IN_PROGRESS`, `VMWARE`), so
 * they are compared through `enumKey`, and absent optional strings compare as "".
 */

/** A task session of a session (workloads 1 and 2), compared as a set (sorted by id). */
export interface TaskRow {
  readonly id: string;
  readonly name: string;
  readonly vm: string;
  readonly state: string;
}

/** Workload 1: a CDP session with its server, policy and task sessions. */
export interface CdpSessionRow {
  readonly id: string;
  readonly name: string;
  readonly state: string;
  readonly result: string;
  readonly server: { readonly name: string; readonly version: string };
  readonly policy: { readonly name: string; readonly description: string };
  readonly tasks: readonly TaskRow[];
}

/** Workloads 2 and 5: a replica or backup job session with its server, job and task sessions. */
export interface JobSessionRow {
  readonly id: string;
  readonly name: string;
  readonly state: string;
  readonly result: string;
  readonly server: { readonly name: string; readonly version: string };
  readonly job: { readonly name: string; readonly description: string; readonly platform: string };
  readonly tasks: readonly TaskRow[];
}

/** Workload 3: one row of the task-session search, in result order. */
export interface SearchRow {
  readonly id: string;
  readonly name: string;
  readonly vm: string;
  readonly result: string;
  readonly totalSize: number;
}

/** Workload 4: one looked-up node, in the order of the ids asked for (null for an unknown id). */
export type NodeRow = { readonly id: string; readonly type: string; readonly name: string } | null;

/** `InProgress`, `IN_PROGRESS`, `in progress` → `inprogress`: EM's and GraphQL's spellings of one value. */
export function enumKey(value: string | null | undefined): string {
  return (value ?? "").toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Absent, null and "" are the same optional string. */
export function optional(value: string | null | undefined): string {
  return value ?? "";
}

/** Task rows sorted by id: the set of a session's task sessions, whatever order a client got them in. */
export function sortTasks(tasks: readonly TaskRow[]): TaskRow[] {
  return [...tasks].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** `urn:veeam:Job:<guid>` → `Job`. */
export function typeOfUrn(urn: string): string {
  return urn.split(":")[2] ?? "";
}

/** The EM types and GraphQL root field of one kind of job session (replication, backup). */
export interface JobSessionKind {
  /** Query type of the sessions, e.g. `BackupJobSession`. */
  readonly sessionType: string;
  /** Query type of their task sessions, e.g. `BackupTaskSession`. */
  readonly taskType: string;
  /** `Type` of the session's `Down` link to its task sessions. */
  readonly taskListLink: string;
  /** The gateway's root list field, e.g. `backupJobSessions`. */
  readonly rootField: string;
}

export const REPLICA_SESSIONS: JobSessionKind = {
  sessionType: "ReplicaJobSession",
  taskType: "ReplicaTaskSession",
  taskListLink: "ReplicaTaskSessionReferenceList",
  rootField: "replicaJobSessions",
};

export const BACKUP_SESSIONS: JobSessionKind = {
  sessionType: "BackupJobSession",
  taskType: "BackupTaskSession",
  taskListLink: "BackupTaskSessionReferenceList",
  rootField: "backupJobSessions",
};
