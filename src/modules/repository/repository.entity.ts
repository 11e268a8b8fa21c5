import { BACKUP_SERVER } from "../backup-server/backup-server.entity.js";
import { defineEntity } from "../shared/defineEntity.js";
import { SLOWLY_CHANGING } from "../shared/freshness.js";
import { BACKUP_SERVER_QUERY_FIELDS, backupServerFields } from "../shared/fieldGroups.js";
import { attribute, integer, text } from "../shared/reads.js";
import { freeSpacePercent } from "./freeSpacePercent.js";

/**
 * A backup repository (`/repositories/{ID}`). `kind` stays a String: EM's value set is not documented as
 * closed (docs/em-reference.md §3). `freeSpacePercent` is computed here and cannot be filtered: EM's query
 * service compares fields with literals only.
 */
export const REPOSITORY = defineEntity({
  typeName: "Repository",
  description:
    "A backup repository of a backup server (`/repositories/{ID}`): its kind, capacity and free space.",
  rootFields: { lookup: "repository", list: "repositories", plural: "Repositories" },
  query: {
    queryType: "Repository",
    fields: {
      id: { kind: "uid", emField: "UID", uidType: "Repository" },
      name: { kind: "string", emField: "Name" },
      capacity: { kind: "long", emField: "Capacity" },
      freeSpace: { kind: "long", emField: "FreeSpace" },
      kind: { kind: "string", emField: "Kind" },
      ...BACKUP_SERVER_QUERY_FIELDS,
    },
  },
  defaultOrder: { field: "name", direction: "ASC" },
  freshness: SLOWLY_CHANGING,
  fields: {
    name: { type: "String", description: "Name of the repository.", read: attribute("Name") },
    kind: {
      type: "String",
      nullable: true,
      description: "Kind of storage as EM names it, e.g. `WindowsLocal`, `LinuxLocal`, `Cifs`, `DDBoost`.",
      read: text("Kind"),
    },
    capacity: {
      type: "SafeInt",
      nullable: true,
      description: "Capacity of the repository in bytes.",
      read: integer("Capacity"),
    },
    freeSpace: {
      type: "SafeInt",
      nullable: true,
      description: "Free space on the repository in bytes.",
      read: integer("FreeSpace"),
    },
    freeSpacePercent: {
      type: "Float",
      nullable: true,
      description:
        "Free space as a percentage of capacity, computed by the gateway (not filterable: EM cannot compare " +
        "two fields). Null when EM reports no capacity.",
      read: (r) => freeSpacePercent(r.optionalInteger("Capacity"), r.optionalInteger("FreeSpace")),
    },
    ...backupServerFields("the repository belongs to"),
  },
  links: {
    backupServer: {
      kind: "up",
      target: () => BACKUP_SERVER,
      xmlType: "BackupServerReference",
      description: "The backup server the repository belongs to.",
    },
  },
});
