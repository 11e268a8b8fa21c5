import { BACKUP_SERVER } from "../backup-server/backup-server.entity.js";
import { REPLICA_JOB_SESSION } from "../replica-job-session/replica-job-session.entity.js";
import { defineEntity } from "../shared/defineEntity.js";
import { TASK_SESSION_HISTORY } from "../shared/freshness.js";
import {
  TASK_SESSION_FIELDS,
  backupServerFields,
  jobTaskSessionFields,
  jobTaskSessionQueryFields,
} from "../shared/fieldGroups.js";

/**
 * A replication task session (`/replicaTaskSessions/{ID}`): one VM within a replication job session. It is
 * filterable by `jobUid`/`jobName` (EM query fields) that its XML does not carry: `session { job }` reaches
 * the job.
 */
export const REPLICA_TASK_SESSION = defineEntity({
  typeName: "ReplicaTaskSession",
  description:
    "A replication task session: the processing of one VM within a replication job session " +
    "(`/replicaTaskSessions/{ID}`).",
  rootFields: {
    lookup: "replicaTaskSession",
    list: "replicaTaskSessions",
    plural: "Replication task sessions",
  },
  query: {
    queryType: "ReplicaTaskSession",
    fields: jobTaskSessionQueryFields("ReplicaTaskSession", "ReplicaJobSession"),
  },
  defaultOrder: { field: "creationTimeUtc", direction: "DESC" },
  freshness: TASK_SESSION_HISTORY,
  fields: {
    ...TASK_SESSION_FIELDS,
    ...jobTaskSessionFields("replication job", "ReplicaJobSession"),
    ...backupServerFields("where the replication job is configured"),
  },
  links: {
    session: {
      kind: "up",
      target: () => REPLICA_JOB_SESSION,
      xmlType: "ReplicaJobSessionReference",
      description: "The replication job session of this task.",
      fallback: (r) => ({ id: r.requiredUid("JobSessionUid", "ReplicaJobSession"), name: undefined }),
    },
    backupServer: {
      kind: "up",
      target: () => BACKUP_SERVER,
      xmlType: "BackupServerReference",
      description: "The backup server where the replication job is configured.",
    },
  },
});
