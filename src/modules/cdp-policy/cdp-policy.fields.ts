import type { QueryEntity } from "../../filters/QueryField.js";

/** Query-service fields of `type=CdpPolicy`. */
export const CDP_POLICY_QUERY: QueryEntity = {
  queryType: "CdpPolicy",
  fields: {
    id: { kind: "uid", emField: "UID", uidType: "CdpPolicy" },
    name: { kind: "string", emField: "Name" },
    description: { kind: "string", emField: "Description" },
    nextRun: { kind: "dateTime", emField: "NextRun" },
    scheduleConfigured: { kind: "boolean", emField: "ScheduleConfigured" },
    scheduleEnabled: { kind: "boolean", emField: "ScheduleEnabled" },
    backupServerUid: { kind: "uid", emField: "BackupServerUid", uidType: "BackupServer" },
    backupServerName: { kind: "string", emField: "BackupServerName" },
  },
};
