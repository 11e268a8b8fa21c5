import type { QueryEntity } from "../../filters/QueryField.js";

/** Query-service fields of `type=BackupServer`. */
export const BACKUP_SERVER_QUERY: QueryEntity = {
  queryType: "BackupServer",
  fields: {
    id: { kind: "uid", emField: "UID", uidType: "BackupServer" },
    name: { kind: "string", emField: "Name" },
    description: { kind: "string", emField: "Description" },
    ipOrDnsName: { kind: "string", emField: "IpOrDnsName" },
    port: { kind: "long", emField: "Port" },
    version: { kind: "string", emField: "Version" },
  },
};
