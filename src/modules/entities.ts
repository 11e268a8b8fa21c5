import { BACKUP_JOB_SESSION } from "./backup-job-session/backup-job-session.entity.js";
import { BACKUP_SERVER } from "./backup-server/backup-server.entity.js";
import { BACKUP_TASK_SESSION } from "./backup-task-session/backup-task-session.entity.js";
import { CDP_POLICY } from "./cdp-policy/cdp-policy.entity.js";
import { CDP_REPLICA_SESSION } from "./cdp-replica-session/cdp-replica-session.entity.js";
import { CDP_REPLICA_TASK_SESSION } from "./cdp-replica-task-session/cdp-replica-task-session.entity.js";
import { JOB } from "./job/job.entity.js";
import { REPLICA_JOB_SESSION } from "./replica-job-session/replica-job-session.entity.js";
import { REPLICA_TASK_SESSION } from "./replica-task-session/replica-task-session.entity.js";
import { REPOSITORY } from "./repository/repository.entity.js";
import type { Entity } from "./shared/defineEntity.js";

/**
 * Every EM entity of the graph. The schema, the loaders, `node(id)` and the docs iterate this list: adding
 * an entity is its declaration plus one line here (and its simulator data). See CONTRIBUTING.md.
 */
export const ENTITIES: readonly Entity[] = [
  BACKUP_JOB_SESSION,
  BACKUP_TASK_SESSION,
  CDP_REPLICA_SESSION,
  CDP_REPLICA_TASK_SESSION,
  REPLICA_JOB_SESSION,
  REPLICA_TASK_SESSION,
  BACKUP_SERVER,
  CDP_POLICY,
  JOB,
  REPOSITORY,
];
