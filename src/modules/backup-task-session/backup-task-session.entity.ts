import { BACKUP_JOB_SESSION } from "../backup-job-session/backup-job-session.entity.js";
import { BACKUP_SERVER } from "../backup-server/backup-server.entity.js";
import { defineEntity } from "../shared/defineEntity.js";
import { TASK_SESSION_HISTORY } from "../shared/freshness.js";
import {
  TASK_SESSION_FIELDS,
  backupServerFields,
  jobTaskSessionFields,
  jobTaskSessionQueryFields,
} from "../shared/fieldGroups.js";
import { integer } from "../shared/reads.js";

/**
 * A backup task session (`/backupTaskSessions/{ID}`, `/backupSessions/{ID}/taskSessions`): one VM within a
 * backup job session, the per-VM result dashboards list. Filterable by `jobUid`/`jobName` (EM query fields).
 */
export const BACKUP_TASK_SESSION = defineEntity({
  typeName: "BackupTaskSession",
  description:
    "A backup task session: the processing of one VM within a backup job session " +
    "(`/backupTaskSessions/{ID}`).",
  rootFields: { lookup: "backupTaskSession", list: "backupTaskSessions", plural: "Backup task sessions" },
  query: {
    queryType: "BackupTaskSession",
    fields: jobTaskSessionQueryFields("BackupTaskSession", "BackupJobSession"),
  },
  defaultOrder: { field: "creationTimeUtc", direction: "DESC" },
  freshness: TASK_SESSION_HISTORY,
  fields: {
    ...TASK_SESSION_FIELDS,
    ...jobTaskSessionFields("backup job", "BackupJobSession"),
    progress: {
      type: "Int",
      nullable: true,
      description: "Progress of the VM's processing in percent; null where EM does not report it.",
      read: integer("Progress"),
    },
    ...backupServerFields("where the backup job is configured"),
  },
  links: {
    session: {
      kind: "up",
      target: () => BACKUP_JOB_SESSION,
      xmlType: "BackupJobSessionReference",
      description: "The backup job session of this task.",
      fallback: (r) => ({ id: r.requiredUid("JobSessionUid", "BackupJobSession"), name: undefined }),
    },
    backupServer: {
      kind: "up",
      target: () => BACKUP_SERVER,
      xmlType: "BackupServerReference",
      description: "The backup server where the backup job is configured.",
    },
  },
});
