import type { QueryEntity } from "../../filters/QueryField.js";
import { SessionResult } from "../shared/SessionResult.js";
import { TaskSessionState } from "../shared/TaskSessionState.js";

/** Query-service fields of `type=ReplicaTaskSession` (`CreationTime` / `EndTime`, like the job sessions). */
export const REPLICA_TASK_SESSION_QUERY: QueryEntity = {
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
};
