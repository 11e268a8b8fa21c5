import { BACKUP_JOB_SESSION } from "../backup-job-session/backup-job-session.entity.js";
import { BACKUP_SERVER } from "../backup-server/backup-server.entity.js";
import { REPLICA_JOB_SESSION } from "../replica-job-session/replica-job-session.entity.js";
import { defineEntity } from "../shared/defineEntity.js";
import { SLOWLY_CHANGING } from "../shared/freshness.js";
import {
  BACKUP_SERVER_QUERY_FIELDS,
  SCHEDULE_FLAG_QUERY_FIELDS,
  scheduleFields,
  backupServerFields,
} from "../shared/fieldGroups.js";
import { JobType } from "../shared/JobType.js";
import { Platform } from "../shared/Platform.js";
import { attribute, enumValue, text } from "../shared/reads.js";

/** A job (`/jobs/{ID}`). JobScheduleOptions and JobInfo are not mapped. */
export const JOB = defineEntity({
  typeName: "Job",
  description: "A Veeam Backup & Replication job (`/jobs/{ID}`).",
  rootFields: { lookup: "job", list: "jobs", plural: "Jobs" },
  query: {
    queryType: "Job",
    fields: {
      id: { kind: "uid", emField: "UID", uidType: "Job" },
      name: { kind: "string", emField: "Name" },
      description: { kind: "string", emField: "Description" },
      nextRun: { kind: "dateTime", emField: "NextRun" },
      jobType: { kind: "enum", emField: "JobType", values: JobType },
      platform: { kind: "enum", emField: "Platform", values: Platform },
      ...SCHEDULE_FLAG_QUERY_FIELDS,
      ...BACKUP_SERVER_QUERY_FIELDS,
    },
  },
  defaultOrder: { field: "name", direction: "ASC" },
  freshness: SLOWLY_CHANGING,
  fields: {
    name: { type: "String", description: "Name of the job.", read: attribute("Name") },
    description: {
      type: "String",
      nullable: true,
      description: "Description of the job.",
      read: text("Description"),
    },
    jobType: {
      type: JobType,
      nullable: true,
      description: "Type of the job.",
      read: enumValue("JobType", JobType),
    },
    platform: {
      type: Platform,
      nullable: true,
      description: "Virtualization platform of the job.",
      read: enumValue("Platform", Platform),
    },
    ...scheduleFields("job"),
    ...backupServerFields("where the job is configured"),
  },
  links: {
    backupServer: {
      kind: "up",
      target: () => BACKUP_SERVER,
      xmlType: "BackupServerReference",
      description: "The backup server where it is configured.",
    },
    replicaSessions: {
      kind: "children",
      target: () => REPLICA_JOB_SESSION,
      parentField: "jobUid",
      description:
        "Replication sessions of this job (empty for other job types), read through the query service by " +
        "`JobUid` and batched across jobs, newest first unless ordered otherwise.",
    },
    backupSessions: {
      kind: "children",
      target: () => BACKUP_JOB_SESSION,
      parentField: "jobUid",
      description:
        "Backup sessions of this job (empty for replication jobs), read through the query service by " +
        "`JobUid` (no 30-day cap) and batched across jobs, newest first unless ordered otherwise.",
    },
  },
});
