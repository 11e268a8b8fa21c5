import { BACKUP_SERVER } from "../backup-server/backup-server.entity.js";
import { JOB } from "../job/job.entity.js";
import { REPLICA_TASK_SESSION } from "../replica-task-session/replica-task-session.entity.js";
import { defineEntity } from "../shared/defineEntity.js";
import {
  BACKUP_SERVER_QUERY_FIELDS,
  SESSION_FIELDS,
  sessionQueryFields,
  backupServerFields,
} from "../shared/fieldGroups.js";
import { JobType } from "../shared/JobType.js";
import { attribute, enumValue, integer, text, uid } from "../shared/reads.js";

/**
 * A replication job session (`/replicaSessions/{ID}`). EM's query fields for its times are `CreationTime` /
 * `EndTime` although the entity XML says `CreationTimeUTC` / `EndTimeUTC`.
 */
export const REPLICA_JOB_SESSION = defineEntity({
  typeName: "ReplicaJobSession",
  description: "A replication job session: one run of a replication job (`/replicaSessions/{ID}`).",
  rootFields: { lookup: "replicaJobSession", list: "replicaJobSessions", plural: "Replication job sessions" },
  query: {
    queryType: "ReplicaJobSession",
    fields: {
      id: { kind: "uid", emField: "UID", uidType: "ReplicaJobSession" },
      name: { kind: "string", emField: "Name" },
      jobType: { kind: "enum", emField: "JobType", values: JobType },
      jobUid: { kind: "uid", emField: "JobUid", uidType: "Job" },
      jobName: { kind: "string", emField: "JobName" },
      ...sessionQueryFields("CreationTime"),
      isRetry: { kind: "boolean", emField: "IsRetry" },
      ...BACKUP_SERVER_QUERY_FIELDS,
    },
  },
  defaultOrder: { field: "creationTimeUtc", direction: "DESC" },
  fields: {
    name: {
      type: "String",
      description: "Name of the session, for example `exch@2013-08-26 22:28:51`.",
      read: attribute("Name"),
    },
    jobUid: {
      type: "ID",
      description: "UID of the replication job parent to the session.",
      read: uid("JobUid", "Job"),
    },
    jobName: {
      type: "String",
      description: "Name of the replication job parent to the session.",
      read: (r, links) => r.optionalText("JobName") ?? links["job"]?.name ?? "",
    },
    jobType: {
      type: JobType,
      description: "Type of the job session. Possible value: REPLICA.",
      read: enumValue("JobType", JobType, JobType.REPLICA),
    },
    ...SESSION_FIELDS,
    progress: {
      type: "Int",
      description: "Progress of the session in percent.",
      read: integer("Progress", 0),
    },
    failureMessage: {
      type: "String",
      nullable: true,
      description: "Reason for which the session failed; EM omits it on most replica sessions.",
      read: text("FailureMessage"),
    },
    ...backupServerFields("where the replication job is configured"),
  },
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
