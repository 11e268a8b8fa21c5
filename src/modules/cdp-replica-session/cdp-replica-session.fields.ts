import type { QueryEntity } from "../../filters/QueryField.js";
import { SessionResult } from "../shared/SessionResult.js";
import { SessionState } from "../shared/SessionState.js";

/** Query-service fields of `type=CdpReplicaSession` (the CDP types call their id field `Id`, not `UID`). */
export const CDP_REPLICA_SESSION_QUERY: QueryEntity = {
  queryType: "CdpReplicaSession",
  fields: {
    id: { kind: "uid", emField: "Id", uidType: "CdpReplicaSession" },
    name: { kind: "string", emField: "Name" },
    policyUid: { kind: "uid", emField: "PolicyUid", uidType: "CdpPolicy" },
    policyName: { kind: "string", emField: "PolicyName" },
    backupServerUid: { kind: "uid", emField: "BackupServerUid", uidType: "BackupServer" },
    backupServerName: { kind: "string", emField: "BackupServerName" },
    creationTimeUtc: { kind: "dateTime", emField: "CreationTimeUTC" },
    endTimeUtc: { kind: "dateTime", emField: "EndTimeUTC" },
    state: { kind: "enum", emField: "State", values: SessionState },
    result: { kind: "enum", emField: "Result", values: SessionResult },
    failureMessage: { kind: "string", emField: "FailureMessage" },
  },
};
