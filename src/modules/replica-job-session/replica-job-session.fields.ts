import type { QueryEntity } from "../../filters/QueryField.js";
import { JobType } from "../shared/JobType.js";
import { SessionResult } from "../shared/SessionResult.js";
import { SessionState } from "../shared/SessionState.js";

/**
 * Query-service fields of `type=ReplicaJobSession`. EM's query field for the times is `CreationTime` /
 * `EndTime` although the entity XML says `CreationTimeUTC` / `EndTimeUTC`.
 */
export const REPLICA_JOB_SESSION_QUERY: QueryEntity = {
  queryType: "ReplicaJobSession",
  fields: {
    id: { kind: "uid", emField: "UID", uidType: "ReplicaJobSession" },
    name: { kind: "string", emField: "Name" },
    jobType: { kind: "enum", emField: "JobType", values: JobType },
    jobUid: { kind: "uid", emField: "JobUid", uidType: "Job" },
    jobName: { kind: "string", emField: "JobName" },
    creationTimeUtc: { kind: "dateTime", emField: "CreationTime" },
    endTimeUtc: { kind: "dateTime", emField: "EndTime" },
    state: { kind: "enum", emField: "State", values: SessionState },
    result: { kind: "enum", emField: "Result", values: SessionResult },
    isRetry: { kind: "boolean", emField: "IsRetry" },
    backupServerUid: { kind: "uid", emField: "BackupServerUid", uidType: "BackupServer" },
    backupServerName: { kind: "string", emField: "BackupServerName" },
  },
};
