import { BACKUP_SERVER } from "../backup-server/backup-server.entity.js";
import { BACKUP_TASK_SESSION } from "../backup-task-session/backup-task-session.entity.js";
import { JOB } from "../job/job.entity.js";
import { defineEntity } from "../shared/defineEntity.js";
import { SESSION_HISTORY } from "../shared/freshness.js";
import { jobSessionFields, jobSessionQueryFields } from "../shared/fieldGroups.js";
import { JobType } from "../shared/JobType.js";
import { openEnumValue } from "../shared/reads.js";

/**
 * A backup job session (`/backupSessions/{ID}`), the resource every EM dashboard reads. Its XML and query
 * fields are the replication session's (both are EM's JobSessionEntityType; docs/em-reference.md §1).
 */
export const BACKUP_JOB_SESSION = defineEntity({
  typeName: "BackupJobSession",
  description:
    "A backup job session: one run of a backup or backup copy job (`/backupSessions/{ID}`), with its " +
    "state, result and progress.",
  rootFields: { lookup: "backupJobSession", list: "backupJobSessions", plural: "Backup job sessions" },
  query: { queryType: "BackupJobSession", fields: jobSessionQueryFields("BackupJobSession") },
  defaultOrder: { field: "creationTimeUtc", direction: "DESC" },
  freshness: SESSION_HISTORY,
  fields: jobSessionFields(
    "backup job",
    {
      type: JobType,
      nullable: true,
      description:
        "Type of the job that ran the session (BACKUP, BACKUP_COPY, …); null for a type EM adds later.",
      read: openEnumValue("JobType", JobType),
    },
    "Reason for which the session failed; EM writes it only for failed sessions.",
  ),
  links: {
    backupServer: {
      kind: "up",
      target: () => BACKUP_SERVER,
      xmlType: "BackupServerReference",
      description: "The backup server where the backup job is configured.",
    },
    job: {
      kind: "up",
      target: () => JOB,
      xmlType: "JobReference",
      description: "The backup job that ran this session.",
      fallback: (r) => ({ id: r.requiredUid("JobUid", "Job"), name: r.optionalText("JobName") }),
    },
    taskSessions: {
      kind: "children",
      target: () => BACKUP_TASK_SESSION,
      parentField: "jobSessionUid",
      description: "The task sessions (one per VM) of this session; batched across sessions.",
    },
  },
});
