import type { QueryEntity } from "../../filters/QueryField.js";
import { JobType } from "../shared/JobType.js";
import { Platform } from "../shared/Platform.js";

/** Query-service fields of `type=Job`. */
export const JOB_QUERY: QueryEntity = {
  queryType: "Job",
  fields: {
    id: { kind: "uid", emField: "UID", uidType: "Job" },
    name: { kind: "string", emField: "Name" },
    description: { kind: "string", emField: "Description" },
    nextRun: { kind: "dateTime", emField: "NextRun" },
    jobType: { kind: "enum", emField: "JobType", values: JobType },
    platform: { kind: "enum", emField: "Platform", values: Platform },
    scheduleConfigured: { kind: "boolean", emField: "ScheduleConfigured" },
    scheduleEnabled: { kind: "boolean", emField: "ScheduleEnabled" },
    backupServerUid: { kind: "uid", emField: "BackupServerUid", uidType: "BackupServer" },
    backupServerName: { kind: "string", emField: "BackupServerName" },
  },
};
