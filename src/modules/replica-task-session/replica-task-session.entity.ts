import { BACKUP_SERVER } from "../backup-server/backup-server.entity.js";
import { REPLICA_JOB_SESSION } from "../replica-job-session/replica-job-session.entity.js";
import { defineEntity } from "../shared/defineEntity.js";
import {
  BACKUP_SERVER_QUERY_FIELDS,
  TASK_SESSION_FIELDS,
  backupServerFields,
} from "../shared/fieldGroups.js";
import { enumValue, linkName, uid, vmDisplayName } from "../shared/reads.js";
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
      ...BACKUP_SERVER_QUERY_FIELDS,
      vmDisplayName: { kind: "string", emField: "VmDisplayName" },
    },
  },
  defaultOrder: { field: "creationTimeUtc", direction: "DESC" },
  fields: {
    ...TASK_SESSION_FIELDS,
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
    result: {
      type: SessionResult,
      description: "Result of the task session.",
      read: enumValue("Result", SessionResult, SessionResult.NONE),
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
