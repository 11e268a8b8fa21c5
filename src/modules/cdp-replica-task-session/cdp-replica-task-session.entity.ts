import { BACKUP_SERVER } from "../backup-server/backup-server.entity.js";
import { CDP_REPLICA_SESSION } from "../cdp-replica-session/cdp-replica-session.entity.js";
import { defineEntity } from "../shared/defineEntity.js";
import { TASK_SESSION_HISTORY } from "../shared/freshness.js";
import {
  BACKUP_SERVER_QUERY_FIELDS,
  TASK_SESSION_FIELDS,
  backupServerFields,
} from "../shared/fieldGroups.js";
import { enumValue, linkName, uid, vmDisplayName, integer } from "../shared/reads.js";
import { SessionResult } from "../shared/SessionResult.js";
import { TaskSessionState } from "../shared/TaskSessionState.js";

/**
 * A CDP replication task session (`/cdpReplicaTaskSessions/{ID}`): one VM within a CDP session. The entity's
 * own `Href` points under `/replicaTaskSessions/` (an EM quirk), so the id is read from `UID`, never `Href`.
 */
export const CDP_REPLICA_TASK_SESSION = defineEntity({
  typeName: "CdpReplicaTaskSession",
  description:
    "A CDP replication task session: the processing of one VM within a CDP replication session " +
    "(`/cdpReplicaTaskSessions/{ID}`).",
  rootFields: {
    lookup: "cdpReplicaTaskSession",
    list: "cdpReplicaTaskSessions",
    plural: "CDP replication task sessions",
  },
  query: {
    queryType: "CdpReplicaTaskSession",
    fields: {
      id: { kind: "uid", emField: "Id", uidType: "CdpReplicaTaskSession" },
      name: { kind: "string", emField: "Name" },
      policySessionUid: { kind: "uid", emField: "PolicySessionUid", uidType: "CdpReplicaSession" },
      policySessionName: { kind: "string", emField: "PolicySessionName" },
      ...BACKUP_SERVER_QUERY_FIELDS,
      creationTimeUtc: { kind: "dateTime", emField: "CreationTimeUTC" },
      endTimeUtc: { kind: "dateTime", emField: "EndTimeUTC" },
      state: { kind: "enum", emField: "State", values: TaskSessionState },
      reason: { kind: "string", emField: "Reason" },
      totalSize: { kind: "long", emField: "TotalSize" },
      vmDisplayName: { kind: "string", emField: "VmDisplayName" },
    },
  },
  defaultOrder: { field: "creationTimeUtc", direction: "DESC" },
  freshness: TASK_SESSION_HISTORY,
  fields: {
    ...TASK_SESSION_FIELDS,
    // For a CDP task the size is that of the restore points it produced (the CDP pages' definition).
    totalSize: {
      type: "SafeInt",
      nullable: true,
      description: "Size in bytes of all restore points produced by the task session.",
      read: integer("TotalSize"),
    },
    policySessionUid: {
      type: "ID",
      description: "UID of the CDP replication session parent to this task session.",
      read: uid("PolicySessionUid", "CdpReplicaSession"),
    },
    policySessionName: {
      type: "String",
      nullable: true,
      description: "Name of the CDP replication session parent to this task session.",
      read: linkName("session"),
    },
    result: {
      type: SessionResult,
      nullable: true,
      description: "Result of the task session.",
      read: enumValue("Result", SessionResult),
    },
    ...backupServerFields("on which the CDP policy is created"),
  },
  links: {
    session: {
      kind: "up",
      target: () => CDP_REPLICA_SESSION,
      xmlType: "CdpReplicaSessionReference",
      description: "The CDP replication session of this task.",
      fallback: (r) => ({ id: r.requiredUid("PolicySessionUid", "CdpReplicaSession"), name: undefined }),
    },
    backupServer: {
      kind: "up",
      target: () => BACKUP_SERVER,
      xmlType: "BackupServerReference",
      description: "The backup server where the CDP policy is created.",
    },
  },
});
