import type { BackupTimeline } from "./BackupTimeline.js";
import type { ReplicaProgress } from "./ReplicaProgress.js";
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

/**
 * A job (replication or backup) on a backup server. `nextRun` and `row` change when the backup timeline
 * starts the job's next session; `revision` counts those changes (rendered forms are cached by it).
 */
export interface JobRecord {
  readonly id: string;
  readonly uid: string;
  readonly name: string;
  readonly description: string;
  readonly jobType: string;
  readonly platform: string;
  readonly scheduleConfigured: boolean;
  readonly scheduleEnabled: boolean;
  nextRun: EmTime | undefined;
  readonly server: BackupServerRecord;
  row: QueryRow;
  revision?: number;
}

/** A backup repository of a backup server; sizes in bytes. */
export interface RepositoryRecord {
  readonly id: string;
  readonly uid: string;
  readonly name: string;
  readonly kind: string;
  readonly capacity: number;
  readonly freeSpace: number;
  readonly server: BackupServerRecord;
  readonly row: QueryRow;
}

/**
 * A backup job session. Its plan (duration, outcome, its tasks' slots) is fixed when it starts; what EM
 * would show at a given time (state, result, progress, end) is derived from the plan by `applyBackupPlan`,
 * which bumps `revision` whenever something visible changed.
 */
export interface BackupSessionRecord {
  readonly id: string;
  readonly uid: string;
  readonly name: string;
  readonly job: JobRecord;
  readonly server: BackupServerRecord;
  readonly repository: RepositoryRecord;
  readonly creation: EmTime;
  readonly isRetry: boolean;
  readonly plan: { readonly endMs: number; readonly outcome: string; readonly failureMessage: string };
  end: EmTime | undefined;
  state: string;
  result: string;
  progress: number;
  readonly tasks: BackupTaskRecord[];
  row: QueryRow;
  revision: number;
}

/** One VM of a backup job session, planned like its session. `reason` is "" when none (`<Reason />`). */
export interface BackupTaskRecord {
  readonly id: string;
  readonly uid: string;
  readonly name: string;
  readonly vm: string;
  readonly session: BackupSessionRecord;
  readonly creation: EmTime;
  readonly totalSize: number;
  /** `waitMs` after its creation the task starts processing; it completes at `endMs`. */
  readonly plan: {
    readonly waitMs: number;
    readonly endMs: number;
    readonly result: string;
    readonly reason: string;
  };
  end: EmTime | undefined;
  state: string;
  result: string;
  reason: string;
  progress: number;
  row: QueryRow;
  revision: number;
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
  /** Bumped when its session moves it on (ReplicaProgress). */
  revision?: number;
}

/** A replication job session. `failureMessage` is present only for failed sessions. */
export interface ReplicaSessionRecord extends SessionCommon {
  readonly job: JobRecord;
  readonly failureMessage: string | undefined;
  readonly tasks: ReplicaTaskRecord[];
  row: QueryRow;
  /** Bumped when a session running at start moves on (ReplicaProgress); rendered forms are cached by it. */
  revision?: number;
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
  /** Bumped when its session moves it on (ReplicaProgress). */
  revision?: number;
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
  readonly repositories: readonly RepositoryRecord[];
  readonly repositoryById: ReadonlyMap<string, RepositoryRecord>;
  /** A server's repositories in default order. */
  readonly repositoriesByServer: ReadonlyMap<string, readonly RepositoryRecord[]>;
  /** The backup history: grows and changes on the simulator's clock, through `timeline`. */
  readonly backups: BackupHistory;
  /** Starts due backup runs and moves running ones on; call `advance(now)` before reading `backups`. */
  readonly timeline: BackupTimeline;
  /** Moves the replication sessions that were running at start on; call `advance(now)` before reading. */
  readonly replicaProgress: ReplicaProgress;
}

/**
 * Backup sessions and task sessions in default order (creation time then id). The timeline appends to the
 * lists and the maps as jobs start new sessions, so they are the mutable part of the inventory.
 */
export interface BackupHistory {
  readonly sessions: BackupSessionRecord[];
  readonly tasks: BackupTaskRecord[];
  readonly sessionById: Map<string, BackupSessionRecord>;
  readonly taskById: Map<string, BackupTaskRecord>;
  /** A job's sessions in default order. */
  readonly sessionsByJob: Map<string, BackupSessionRecord[]>;
}
