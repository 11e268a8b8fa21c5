import type DataLoader from "dataloader";
import { BACKUP_SERVER_SOURCE } from "../modules/backup-server/backup-server.source.js";
import type { BackupServer } from "../modules/backup-server/backup-server.type.js";
import { CDP_POLICY_SOURCE } from "../modules/cdp-policy/cdp-policy.source.js";
import type { CdpPolicy } from "../modules/cdp-policy/cdp-policy.type.js";
import { CDP_REPLICA_SESSION_SOURCE } from "../modules/cdp-replica-session/cdp-replica-session.source.js";
import type { CdpReplicaSession } from "../modules/cdp-replica-session/cdp-replica-session.type.js";
import { CDP_REPLICA_TASK_SESSION_SOURCE } from "../modules/cdp-replica-task-session/cdp-replica-task-session.source.js";
import type { CdpReplicaTaskSession } from "../modules/cdp-replica-task-session/cdp-replica-task-session.type.js";
import { JOB_SOURCE } from "../modules/job/job.source.js";
import type { Job } from "../modules/job/job.type.js";
import { REPLICA_JOB_SESSION_SOURCE } from "../modules/replica-job-session/replica-job-session.source.js";
import type { ReplicaJobSession } from "../modules/replica-job-session/replica-job-session.type.js";
import { REPLICA_TASK_SESSION_SOURCE } from "../modules/replica-task-session/replica-task-session.source.js";
import type { ReplicaTaskSession } from "../modules/replica-task-session/replica-task-session.type.js";
import type { Connection } from "../modules/shared/connection/Connection.js";
import { childConnectionLoader, type ChildConnectionKey } from "./childConnectionLoader.js";
import { entityByIdLoader } from "./entityByIdLoader.js";
import type { QueryDeps } from "./QueryDeps.js";

/** The loaders of one GraphQL request. Resolvers follow links only through these. */
export interface Loaders {
  readonly cdpReplicaSession: DataLoader<string, CdpReplicaSession | null, string>;
  readonly cdpReplicaTaskSession: DataLoader<string, CdpReplicaTaskSession | null, string>;
  readonly replicaJobSession: DataLoader<string, ReplicaJobSession | null, string>;
  readonly replicaTaskSession: DataLoader<string, ReplicaTaskSession | null, string>;
  readonly backupServer: DataLoader<string, BackupServer | null, string>;
  readonly cdpPolicy: DataLoader<string, CdpPolicy | null, string>;
  readonly job: DataLoader<string, Job | null, string>;
  /** `CdpReplicaSession.taskSessions`, batched over sessions by `PolicySessionUid`. */
  readonly cdpTaskSessionsOfSession: DataLoader<
    ChildConnectionKey,
    Connection<CdpReplicaTaskSession>,
    string
  >;
  /** `BackupServer.jobs`, batched over servers by `BackupServerUid`. */
  readonly jobsOfServer: DataLoader<ChildConnectionKey, Connection<Job>, string>;
  /** `BackupServer.cdpPolicies`, batched over servers by `BackupServerUid`. */
  readonly cdpPoliciesOfServer: DataLoader<ChildConnectionKey, Connection<CdpPolicy>, string>;
  /** `CdpPolicy.sessions`, batched over policies by `PolicyUid`. */
  readonly cdpSessionsOfPolicy: DataLoader<ChildConnectionKey, Connection<CdpReplicaSession>, string>;
  /** `Job.replicaSessions`, batched over jobs by `JobUid`. */
  readonly replicaSessionsOfJob: DataLoader<ChildConnectionKey, Connection<ReplicaJobSession>, string>;
  /** `ReplicaJobSession.taskSessions`, batched over sessions by `JobSessionUid`. */
  readonly replicaTaskSessionsOfSession: DataLoader<
    ChildConnectionKey,
    Connection<ReplicaTaskSession>,
    string
  >;
}

/**
 * Builds a fresh set of loaders. Call once per GraphQL request and never share the result: the loaders
 * cache what they load, and the cache must not outlive the request (or cross credentials in passthrough
 * mode).
 */
export function createLoaders(deps: QueryDeps): Loaders {
  return {
    cdpReplicaSession: entityByIdLoader(deps, CDP_REPLICA_SESSION_SOURCE),
    cdpReplicaTaskSession: entityByIdLoader(deps, CDP_REPLICA_TASK_SESSION_SOURCE),
    replicaJobSession: entityByIdLoader(deps, REPLICA_JOB_SESSION_SOURCE),
    replicaTaskSession: entityByIdLoader(deps, REPLICA_TASK_SESSION_SOURCE),
    backupServer: entityByIdLoader(deps, BACKUP_SERVER_SOURCE),
    cdpPolicy: entityByIdLoader(deps, CDP_POLICY_SOURCE),
    job: entityByIdLoader(deps, JOB_SOURCE),
    cdpTaskSessionsOfSession: childConnectionLoader(
      deps,
      CDP_REPLICA_TASK_SESSION_SOURCE,
      "policySessionUid",
      (task) => task.policySessionUid,
    ),
    // A job or policy without a backup-server link cannot be a child of any server, hence "".
    jobsOfServer: childConnectionLoader(
      deps,
      JOB_SOURCE,
      "backupServerUid",
      (job) => job.backupServerUid ?? "",
    ),
    cdpPoliciesOfServer: childConnectionLoader(
      deps,
      CDP_POLICY_SOURCE,
      "backupServerUid",
      (policy) => policy.backupServerUid ?? "",
    ),
    cdpSessionsOfPolicy: childConnectionLoader(
      deps,
      CDP_REPLICA_SESSION_SOURCE,
      "policyUid",
      (session) => session.policyUid,
    ),
    replicaSessionsOfJob: childConnectionLoader(
      deps,
      REPLICA_JOB_SESSION_SOURCE,
      "jobUid",
      (session) => session.jobUid,
    ),
    replicaTaskSessionsOfSession: childConnectionLoader(
      deps,
      REPLICA_TASK_SESSION_SOURCE,
      "jobSessionUid",
      (task) => task.jobSessionUid,
    ),
  };
}
