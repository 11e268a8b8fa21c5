import { BACKUP_SERVER } from "../backup-server/backup-server.entity.js";
import { REPLICA_JOB_SESSION } from "../replica-job-session/replica-job-session.entity.js";
import { defineEntity } from "../shared/defineEntity.js";
import {
  attribute,
  backupServerFields,
  enumValue,
  integer,
  linkName,
  requiredEnum,
  requiredTime,
  text,
  time,
  uid,
  vmDisplayName,
} from "../shared/reads.js";
import { SessionResult } from "../shared/SessionResult.js";
import { TaskSessionState } from "../shared/TaskSessionState.js";

/**
 * A replication task session (`/replicaTaskSessions/{ID}`): one VM within a replication job session. It is
 * filterable by `jobUid`/`jobName` (EM query fields) that its XML does not carry: `session { job }` reaches
 * the job.
 */
export const REPLICA_TASK_SESSION = defineEntity({
  typeName: "ReplicaTaskSession",
  description:
    "A replication task session: the processing of one VM within a replication job session " +
    "(`/replicaTaskSessions/{ID}`).",
  rootFields: {
    lookup: "replicaTaskSession",
    list: "replicaTaskSessions",
    plural: "Replication task sessions",
  },
  query: {
    queryType: "ReplicaTaskSession",
    fields: {
      id: { kind: "uid", emField: "UID", uidType: "ReplicaTaskSession" },
      name: { kind: "string", emField: "Name" },
      creationTimeUtc: { kind: "dateTime", emField: "CreationTime" },
      endTimeUtc: { kind: "dateTime", emField: "EndTime" },
      state: { kind: "enum", emField: "State", values: TaskSessionState },
      result: { kind: "enum", emField: "Result", values: SessionResult },
      reason: { kind: "string", emField: "Reason" },
      totalSize: { kind: "long", emField: "TotalSize" },
      jobSessionUid: { kind: "uid", emField: "JobSessionUid", uidType: "ReplicaJobSession" },
      jobUid: { kind: "uid", emField: "JobUid", uidType: "Job" },
      jobName: { kind: "string", emField: "JobName" },
      backupServerUid: { kind: "uid", emField: "BackupServerUid", uidType: "BackupServer" },
      backupServerName: { kind: "string", emField: "BackupServerName" },
      vmDisplayName: { kind: "string", emField: "VmDisplayName" },
    },
  },
  defaultOrder: { field: "creationTimeUtc", direction: "DESC" },
  fields: {
    name: {
      type: "String",
      description: "Name of the task session, for example `ubuntu88@2025-11-03 21:00:26`.",
      read: attribute("Name"),
    },
    vmDisplayName: {
      type: "String",
      description: "Name of the VM processed in the task session.",
      read: vmDisplayName,
    },
    jobSessionUid: {
      type: "ID",
      description: "UID of the replication job session parent to this task session.",
      read: uid("JobSessionUid", "ReplicaJobSession"),
    },
    jobSessionName: {
      type: "String",
      nullable: true,
      description: "Name of the replication job session parent to this task session.",
      read: linkName("session"),
    },
    creationTimeUtc: {
      type: "DateTime",
      description: "When the task session was started (UTC).",
      read: requiredTime("CreationTimeUTC"),
    },
    endTimeUtc: {
      type: "DateTime",
      nullable: true,
      description: "When the task session ended (UTC); null while in progress.",
      read: time("EndTimeUTC"),
    },
    state: {
      type: TaskSessionState,
      description: "State of the task session.",
      read: requiredEnum("State", TaskSessionState),
    },
    result: {
      type: SessionResult,
      description: "Result of the task session.",
      read: enumValue("Result", SessionResult, SessionResult.NONE),
    },
    reason: {
      type: "String",
      nullable: true,
      description: "Reason for a Warning or Failed result; empty otherwise.",
      read: text("Reason"),
    },
    totalSize: {
      type: "SafeInt",
      nullable: true,
      description: "Size in bytes of the data processed for the VM.",
      read: integer("TotalSize"),
    },
    ...backupServerFields("where the replication job is configured"),
  },
  links: {
    session: {
      kind: "up",
      target: () => REPLICA_JOB_SESSION,
      xmlType: "ReplicaJobSessionReference",
      description: "The replication job session of this task.",
      fallback: (r) => ({ id: r.requiredUid("JobSessionUid", "ReplicaJobSession"), name: undefined }),
    },
    backupServer: {
      kind: "up",
      target: () => BACKUP_SERVER,
      xmlType: "BackupServerReference",
      description: "The backup server where the replication job is configured.",
    },
  },
});
