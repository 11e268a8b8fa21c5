import { BACKUP_SERVER } from "../backup-server/backup-server.entity.js";
import { JOB } from "../job/job.entity.js";
import { REPLICA_TASK_SESSION } from "../replica-task-session/replica-task-session.entity.js";
import { defineEntity } from "../shared/defineEntity.js";
import { SESSION_HISTORY } from "../shared/freshness.js";
import { jobSessionFields, jobSessionQueryFields } from "../shared/fieldGroups.js";
import { JobType } from "../shared/JobType.js";
import { enumValue } from "../shared/reads.js";

/**
 * A replication job session (`/replicaSessions/{ID}`). EM's query fields for its times are `CreationTime` /
 * `EndTime` although the entity XML says `CreationTimeUTC` / `EndTimeUTC`.
 */
export const REPLICA_JOB_SESSION = defineEntity({
  typeName: "ReplicaJobSession",
  description: "A replication job session: one run of a replication job (`/replicaSessions/{ID}`).",
  rootFields: { lookup: "replicaJobSession", list: "replicaJobSessions", plural: "Replication job sessions" },
  query: { queryType: "ReplicaJobSession", fields: jobSessionQueryFields("ReplicaJobSession") },
  defaultOrder: { field: "creationTimeUtc", direction: "DESC" },
  freshness: SESSION_HISTORY,
  fields: jobSessionFields(
    "replication job",
    {
      type: JobType,
      description: "Type of the job session. Possible value: REPLICA.",
      read: enumValue("JobType", JobType, JobType.REPLICA),
    },
    "Reason for which the session failed; EM omits it on most replica sessions.",
  ),
  links: {
    backupServer: {
      kind: "up",
      target: () => BACKUP_SERVER,
      xmlType: "BackupServerReference",
      description: "The backup server where the replication job is configured.",
    },
    job: {
      kind: "up",
      target: () => JOB,
      xmlType: "JobReference",
      description: "The replication job that ran this session.",
      fallback: (r) => ({ id: r.requiredUid("JobUid", "Job"), name: r.optionalText("JobName") }),
    },
    taskSessions: {
      kind: "children",
      target: () => REPLICA_TASK_SESSION,
      parentField: "jobSessionUid",
      description: "The task sessions (one per VM) of this session; batched across sessions.",
    },
  },
});
