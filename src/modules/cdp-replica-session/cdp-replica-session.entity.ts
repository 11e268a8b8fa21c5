import { BACKUP_SERVER } from "../backup-server/backup-server.entity.js";
import { CDP_POLICY } from "../cdp-policy/cdp-policy.entity.js";
import { CDP_REPLICA_TASK_SESSION } from "../cdp-replica-task-session/cdp-replica-task-session.entity.js";
import { defineEntity } from "../shared/defineEntity.js";
import { SESSION_HISTORY } from "../shared/freshness.js";
import {
  BACKUP_SERVER_QUERY_FIELDS,
  SESSION_FIELDS,
  sessionQueryFields,
  backupServerFields,
} from "../shared/fieldGroups.js";
import { attribute, integer, text, uid } from "../shared/reads.js";

/**
 * A CDP replication session (`/cdpReplicaSessions/{ID}`); VBR starts one per CDP policy every 24 hours. In a
 * query's `Entities` it arrives as `CdpPolicySession`, the same content under another element name.
 */
export const CDP_REPLICA_SESSION = defineEntity({
  typeName: "CdpReplicaSession",
  description: "A CDP replication session: one 24-hour run of a CDP policy (`/cdpReplicaSessions/{ID}`).",
  rootFields: { lookup: "cdpReplicaSession", list: "cdpReplicaSessions", plural: "CDP replication sessions" },
  query: {
    queryType: "CdpReplicaSession",
    fields: {
      id: { kind: "uid", emField: "Id", uidType: "CdpReplicaSession" },
      name: { kind: "string", emField: "Name" },
      policyUid: { kind: "uid", emField: "PolicyUid", uidType: "CdpPolicy" },
      policyName: { kind: "string", emField: "PolicyName" },
      ...BACKUP_SERVER_QUERY_FIELDS,
      ...sessionQueryFields("CreationTimeUTC"),
      failureMessage: { kind: "string", emField: "FailureMessage" },
    },
  },
  defaultOrder: { field: "creationTimeUtc", direction: "DESC" },
  freshness: SESSION_HISTORY,
  fields: {
    name: {
      type: "String",
      description: "Name of the session, for example `CDP Policy 1@2021-02-11 19:08:36`.",
      read: attribute("Name"),
    },
    policyUid: {
      type: "ID",
      description: "UID of the CDP policy parent to the session.",
      read: uid("PolicyUid", "CdpPolicy"),
    },
    policyName: {
      type: "String",
      description: "Name of the CDP policy parent to the session.",
      read: (r, links) => r.optionalText("PolicyName") ?? links["policy"]?.name ?? "",
    },
    policyType: {
      type: "String",
      description: "Policy type. Possible value: `CdpReplica`.",
      read: text("PolicyType", "CdpReplica"),
    },
    ...SESSION_FIELDS,
    progress: {
      type: "Int",
      description: "Progress of the session in percent (EM reports 0 for a session just started).",
      read: integer("Progress", 0),
    },
    failureMessage: {
      type: "String",
      nullable: true,
      description: "Reason for which the session completed with the Failed result; empty or null otherwise.",
      read: text("FailureMessage"),
    },
    ...backupServerFields("where the CDP policy is configured"),
  },
  links: {
    backupServer: {
      kind: "up",
      target: () => BACKUP_SERVER,
      xmlType: "BackupServerReference",
      description: "The backup server where the CDP policy is configured (the session's `Up` link).",
    },
    policy: {
      kind: "up",
      target: () => CDP_POLICY,
      xmlType: "CdpPolicyReference",
      description: "The CDP policy that runs this session.",
    },
    taskSessions: {
      kind: "children",
      target: () => CDP_REPLICA_TASK_SESSION,
      parentField: "policySessionUid",
      description: "The task sessions (one per VM) of this session; batched across sessions.",
    },
  },
});
