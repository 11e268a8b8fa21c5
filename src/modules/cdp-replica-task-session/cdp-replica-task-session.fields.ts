import type { QueryEntity } from "../../filters/QueryField.js";
import { TaskSessionState } from "../shared/TaskSessionState.js";

/** Query-service fields of `type=CdpReplicaTaskSession`, as the seed page lists them (no `Result`). */
export const CDP_REPLICA_TASK_SESSION_QUERY: QueryEntity = {
  queryType: "CdpReplicaTaskSession",
  fields: {
    id: { kind: "uid", emField: "Id", uidType: "CdpReplicaTaskSession" },
    name: { kind: "string", emField: "Name" },
    policySessionUid: { kind: "uid", emField: "PolicySessionUid", uidType: "CdpReplicaSession" },
    policySessionName: { kind: "string", emField: "PolicySessionName" },
    backupServerUid: { kind: "uid", emField: "BackupServerUid", uidType: "BackupServer" },
    backupServerName: { kind: "string", emField: "BackupServerName" },
    creationTimeUtc: { kind: "dateTime", emField: "CreationTimeUTC" },
    endTimeUtc: { kind: "dateTime", emField: "EndTimeUTC" },
    state: { kind: "enum", emField: "State", values: TaskSessionState },
    reason: { kind: "string", emField: "Reason" },
    totalSize: { kind: "long", emField: "TotalSize" },
    vmDisplayName: { kind: "string", emField: "VmDisplayName" },
  },
};
