import { CDP_POLICY } from "../cdp-policy/cdp-policy.entity.js";
import { JOB } from "../job/job.entity.js";
import { REPOSITORY } from "../repository/repository.entity.js";
import { defineEntity } from "../shared/defineEntity.js";
import { SLOWLY_CHANGING } from "../shared/freshness.js";
import { attribute, integer, text } from "../shared/reads.js";

/** A backup server (VBR) connected to Enterprise Manager (`/backupServers/{ID}`). */
export const BACKUP_SERVER = defineEntity({
  typeName: "BackupServer",
  description: "A Veeam Backup & Replication server connected to Enterprise Manager (`/backupServers/{ID}`).",
  rootFields: { lookup: "backupServer", list: "backupServers", plural: "Backup servers" },
  query: {
    queryType: "BackupServer",
    fields: {
      id: { kind: "uid", emField: "UID", uidType: "BackupServer" },
      name: { kind: "string", emField: "Name" },
      description: { kind: "string", emField: "Description" },
      ipOrDnsName: { kind: "string", emField: "IpOrDnsName" },
      port: { kind: "long", emField: "Port" },
      version: { kind: "string", emField: "Version" },
    },
  },
  defaultOrder: { field: "name", direction: "ASC" },
  freshness: SLOWLY_CHANGING,
  fields: {
    name: {
      type: "String",
      description: "Name of the backup server (usually its DNS name).",
      read: attribute("Name"),
    },
    description: {
      type: "String",
      nullable: true,
      description: "Description of the backup server; often empty.",
      read: text("Description"),
    },
    port: {
      type: "Int",
      nullable: true,
      description: "Port the backup service listens on (9392 by default).",
      read: integer("Port"),
    },
    version: {
      type: "String",
      nullable: true,
      description: "Version of Veeam Backup & Replication, e.g. `13.0.1.1071`.",
      read: text("Version"),
    },
    ipOrDnsName: {
      type: "String",
      nullable: true,
      description:
        "IP address or DNS name of the server, where EM reports it (a query field; not in every entity).",
      read: text("IpOrDnsName"),
    },
  },
  links: {
    jobs: {
      kind: "children",
      target: () => JOB,
      parentField: "backupServerUid",
      description:
        "Jobs configured on this server (query service, `BackupServerUid`), batched across servers.",
    },
    cdpPolicies: {
      kind: "children",
      target: () => CDP_POLICY,
      parentField: "backupServerUid",
      description:
        "CDP policies configured on this server (query service, `BackupServerUid`), batched across servers.",
    },
    repositories: {
      kind: "children",
      target: () => REPOSITORY,
      parentField: "backupServerUid",
      description:
        "Backup repositories of this server (query service, `BackupServerUid`), batched across servers.",
    },
  },
});
