import { registerEnumType } from "type-graphql";

/** Type of a VBR job. Runtime values are EM's spellings, declared in the documented (ordinal) order. */
export enum JobType {
  BACKUP = "Backup",
  BACKUP_COPY = "BackupCopy",
  IMMEDIATE_BACKUP_COPY = "ImmediateBackupCopy",
  REPLICA = "Replica",
}

registerEnumType(JobType, {
  name: "JobType",
  description:
    "Type of a job. Filters compare job types by EM's ordinal order: BACKUP < BACKUP_COPY < " +
    "IMMEDIATE_BACKUP_COPY < REPLICA.",
});
