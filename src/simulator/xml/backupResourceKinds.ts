import type { BackupSessionRecord, BackupTaskRecord, RepositoryRecord } from "../data/SeedData.js";
import {
  alternates,
  bool,
  defaultHref,
  serverUp,
  time,
  vmAttribute,
  type ResourceKind,
} from "./resourceKinds.js";
import { element, type Link } from "./xmlDocument.js";

/* The backup resources (docs/em-reference.md §1–3), written like their replication siblings. */

const sessionAlt = alternates<BackupSessionRecord>({
  collection: "backupSessions",
  refType: "BackupJobSessionReference",
  entityType: "BackupJobSession",
});
const sessionLinks = (base: string, s: BackupSessionRecord, alternate: Link): Link[] => [
  serverUp(base, s.server),
  { href: `${base}/jobs/${s.job.id}`, name: s.job.name, type: "JobReference", rel: "Up" },
  alternate,
  {
    href: `${base}/backupSessions/${s.id}/taskSessions`,
    type: "BackupTaskSessionReferenceList",
    rel: "Down",
  },
];

/** `/backupSessions/{id}`: a backup job session. */
export const BACKUP_SESSION: ResourceKind<BackupSessionRecord> = {
  collection: "backupSessions",
  refType: "BackupJobSessionReference",
  entityType: "BackupJobSession",
  entityElement: "BackupJobSession",
  listElement: "BackupJobSessions",
  listItemElement: "BackupJobSession",
  entityHref: defaultHref("backupSessions"),
  refLinks: (base, s) => sessionLinks(base, s, sessionAlt.toEntity(base, s)),
  entityLinks: (base, s) => sessionLinks(base, s, sessionAlt.toRef(base, s)),
  entityBody: (s, ind) =>
    element("JobUid", s.job.uid, ind) +
    element("JobName", s.job.name, ind) +
    element("JobType", s.job.jobType, ind) +
    element("CreationTimeUTC", time(s.creation), ind) +
    element("EndTimeUTC", time(s.end), ind) +
    element("State", s.state, ind) +
    element("Result", s.result, ind) +
    element("Progress", String(s.progress), ind) +
    // Like replica sessions, EM writes FailureMessage only when there is one.
    element("FailureMessage", s.result === "Failed" ? s.plan.failureMessage : undefined, ind) +
    element("IsRetry", bool(s.isRetry), ind),
};

const taskAlt = alternates<BackupTaskRecord>({
  collection: "backupTaskSessions",
  refType: "BackupTaskSessionReference",
  entityType: "BackupTaskSession",
});
const taskLinks = (base: string, t: BackupTaskRecord, alternate: Link): Link[] => [
  serverUp(base, t.session.server),
  {
    href: `${base}/backupSessions/${t.session.id}`,
    name: t.session.name,
    type: "BackupJobSessionReference",
    rel: "Up",
  },
  alternate,
];

/** `/backupTaskSessions/{id}`: one VM of a backup job session. */
export const BACKUP_TASK: ResourceKind<BackupTaskRecord> = {
  collection: "backupTaskSessions",
  refType: "BackupTaskSessionReference",
  entityType: "BackupTaskSession",
  entityElement: "BackupTaskSession",
  listElement: "BackupTaskSessions",
  listItemElement: "BackupTaskSession",
  entityHref: defaultHref("backupTaskSessions"),
  extraAttributes: vmAttribute,
  refLinks: (base, t) => taskLinks(base, t, taskAlt.toEntity(base, t)),
  entityLinks: (base, t) => taskLinks(base, t, taskAlt.toRef(base, t)),
  entityBody: (t, ind) =>
    element("JobSessionUid", t.session.uid, ind) +
    element("CreationTimeUTC", time(t.creation), ind) +
    element("EndTimeUTC", time(t.end), ind) +
    element("State", t.state, ind) +
    element("Result", t.result, ind) +
    element("Reason", t.reason, ind) +
    element("TotalSize", String(t.totalSize), ind) +
    element("Progress", String(t.progress), ind),
};

const repositoryAlt = alternates<RepositoryRecord>({
  collection: "repositories",
  refType: "RepositoryReference",
  entityType: "Repository",
});

/** `/repositories/{id}`: a backup repository of a server. */
export const REPOSITORY: ResourceKind<RepositoryRecord> = {
  collection: "repositories",
  refType: "RepositoryReference",
  entityType: "Repository",
  entityElement: "Repository",
  listElement: "Repositories",
  listItemElement: "Repository",
  entityHref: defaultHref("repositories"),
  refLinks: (base, r) => [serverUp(base, r.server), repositoryAlt.toEntity(base, r)],
  entityLinks: (base, r) => [
    serverUp(base, r.server),
    repositoryAlt.toRef(base, r),
    { href: `${base}/repositories/${r.id}?action=rescan`, rel: "Rescan" },
  ],
  entityBody: (r, ind) =>
    element("Capacity", String(r.capacity), ind) +
    element("FreeSpace", String(r.freeSpace), ind) +
    element("Kind", r.kind, ind),
};
