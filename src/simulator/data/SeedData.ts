import type { EmTime } from "./EmTime.js";

/**
 * The simulator's in-memory EM inventory. Records link to their parents by object (not by id) so rendering
 * needs no lookups; `row` is the record's query row keyed by the query service's canonical field names
 * (see `query/queryTypes.ts`), built once at generation time.
 */
export type QueryRow = Readonly<Record<string, unknown>>;

/** A backup server (VBR) connected to EM. */
export interface BackupServerRecord {
  readonly id: string;
  readonly uid: string;
  readonly name: string;
  readonly description: string;
  readonly ipOrDnsName: string;
  readonly port: number;
  readonly version: string;
  readonly row: QueryRow;
}

/** A job (replication or backup) on a backup server. */
export interface JobRecord {
  readonly id: string;
  readonly uid: string;
  readonly name: string;
  readonly description: string;
  readonly jobType: string;
  readonly platform: string;
  readonly scheduleConfigured: boolean;
  readonly scheduleEnabled: boolean;
  readonly nextRun: EmTime | undefined;
  readonly server: BackupServerRecord;
  readonly row: QueryRow;
}

/** A CDP policy on a backup server. */
export interface CdpPolicyRecord {
  readonly id: string;
  readonly uid: string;
  readonly name: string;
  readonly description: string;
  readonly platform: string;
  readonly scheduleConfigured: boolean;
  readonly scheduleEnabled: boolean;
  readonly nextRun: EmTime | undefined;
  readonly server: BackupServerRecord;
  readonly row: QueryRow;
}

/** Fields shared by job/policy sessions. `end` is undefined while running. */
interface SessionCommon {
  readonly id: string;
  readonly uid: string;
  readonly name: string;
  readonly server: BackupServerRecord;
  readonly creation: EmTime;
  readonly end: EmTime | undefined;
  readonly state: string;
  readonly result: string;
  readonly progress: number;
  readonly isRetry: boolean;
}

/** A CDP policy session (a new one every 24 hours). `failureMessage` is "" when none (EM emits it empty). */
export interface CdpSessionRecord extends SessionCommon {
  readonly policy: CdpPolicyRecord;
  readonly failureMessage: string;
  readonly tasks: CdpTaskRecord[];
  row: QueryRow;
}

/** One VM of a CDP policy session. `reason` is undefined when none (the element is then omitted). */
export interface CdpTaskRecord {
  readonly id: string;
  readonly uid: string;
  readonly name: string;
  readonly vm: string;
  readonly session: CdpSessionRecord;
  readonly creation: EmTime;
  readonly end: EmTime | undefined;
  readonly state: string;
  readonly result: string;
  readonly reason: string | undefined;
  readonly totalSize: number;
  readonly row: QueryRow;
}

/** A replication job session. `failureMessage` is present only for failed sessions. */
export interface ReplicaSessionRecord extends SessionCommon {
  readonly job: JobRecord;
  readonly failureMessage: string | undefined;
  readonly tasks: ReplicaTaskRecord[];
  row: QueryRow;
}

/** One VM of a replication job session. `reason` is "" when none (EM emits `<Reason />`). */
export interface ReplicaTaskRecord {
  readonly id: string;
  readonly uid: string;
  readonly name: string;
  readonly vm: string;
  readonly session: ReplicaSessionRecord;
  readonly creation: EmTime;
  readonly end: EmTime | undefined;
  readonly state: string;
  readonly result: string;
  readonly reason: string;
  readonly totalSize: number;
  readonly row: QueryRow;
}

/**
 * The whole inventory. Lists are in the simulator's default order: sessions and task sessions by creation
 * time then id; servers, jobs and policies by name (case-insensitive) then id. Maps are keyed by lower-case
 * bare GUID.
 */
export interface SeedData {
  readonly backupServers: readonly BackupServerRecord[];
  readonly jobs: readonly JobRecord[];
  readonly cdpPolicies: readonly CdpPolicyRecord[];
  readonly cdpSessions: readonly CdpSessionRecord[];
  readonly cdpTasks: readonly CdpTaskRecord[];
  readonly replicaSessions: readonly ReplicaSessionRecord[];
  readonly replicaTasks: readonly ReplicaTaskRecord[];
  readonly backupServerById: ReadonlyMap<string, BackupServerRecord>;
  readonly jobById: ReadonlyMap<string, JobRecord>;
  readonly cdpPolicyById: ReadonlyMap<string, CdpPolicyRecord>;
  readonly cdpSessionById: ReadonlyMap<string, CdpSessionRecord>;
  readonly cdpTaskById: ReadonlyMap<string, CdpTaskRecord>;
  readonly replicaSessionById: ReadonlyMap<string, ReplicaSessionRecord>;
  readonly replicaTaskById: ReadonlyMap<string, ReplicaTaskRecord>;
  /** A policy's sessions in default order. */
  readonly cdpSessionsByPolicy: ReadonlyMap<string, readonly CdpSessionRecord[]>;
}
