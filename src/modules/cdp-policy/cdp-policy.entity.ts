import { BACKUP_SERVER } from "../backup-server/backup-server.entity.js";
import { CDP_REPLICA_SESSION } from "../cdp-replica-session/cdp-replica-session.entity.js";
import { defineEntity } from "../shared/defineEntity.js";
import { SLOWLY_CHANGING } from "../shared/freshness.js";
import {
  BACKUP_SERVER_QUERY_FIELDS,
  SCHEDULE_FLAG_QUERY_FIELDS,
  scheduleFields,
  backupServerFields,
} from "../shared/fieldGroups.js";
import { Platform } from "../shared/Platform.js";
import { attribute, enumValue, text } from "../shared/reads.js";

/** A CDP policy (`/cdpPolicies/{ID}`). PolicyScheduleOptions and CdpPolicyInfo are not mapped. */
export const CDP_POLICY = defineEntity({
  typeName: "CdpPolicy",
  description: "A continuous data protection policy (`/cdpPolicies/{ID}`).",
  rootFields: { lookup: "cdpPolicy", list: "cdpPolicies", plural: "CDP policies" },
  query: {
    queryType: "CdpPolicy",
    fields: {
      id: { kind: "uid", emField: "UID", uidType: "CdpPolicy" },
      name: { kind: "string", emField: "Name" },
      description: { kind: "string", emField: "Description" },
      nextRun: { kind: "dateTime", emField: "NextRun" },
      ...SCHEDULE_FLAG_QUERY_FIELDS,
      ...BACKUP_SERVER_QUERY_FIELDS,
    },
  },
  defaultOrder: { field: "name", direction: "ASC" },
  freshness: SLOWLY_CHANGING,
  fields: {
    name: { type: "String", description: "Name of the CDP policy.", read: attribute("Name") },
    description: {
      type: "String",
      nullable: true,
      description: "Description of the CDP policy.",
      read: text("Description"),
    },
    policyType: {
      type: "String",
      nullable: true,
      description: "Policy type. Possible value: `CdpReplica`.",
      read: text("PolicyType"),
    },
    platform: {
      type: Platform,
      nullable: true,
      description: "Virtualization platform (VMware or vCloud).",
      read: enumValue("Platform", Platform),
    },
    ...scheduleFields("policy"),
    ...backupServerFields("where the policy is configured"),
  },
  links: {
    backupServer: {
      kind: "up",
      target: () => BACKUP_SERVER,
      xmlType: "BackupServerReference",
      description: "The backup server where it is configured.",
    },
    sessions: {
      kind: "children",
      target: () => CDP_REPLICA_SESSION,
      parentField: "policyUid",
      description:
        "Sessions of this policy (`/cdpPolicies/{ID}/cdpReplicaSessions`, read through the query service by " +
        "`PolicyUid` and batched across policies), newest first unless ordered otherwise.",
    },
  },
});
