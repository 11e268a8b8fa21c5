import { formatEmDateTime } from "../data/EmTime.js";
import type {
  BackupServerRecord,
  CdpPolicyRecord,
  CdpSessionRecord,
  CdpTaskRecord,
  JobRecord,
  QueryRow,
  ReplicaSessionRecord,
  ReplicaTaskRecord,
} from "../data/SeedData.js";
import { element, type Link } from "./xmlDocument.js";
import { escapeAttr } from "./xmlEscape.js";

/** The minimum every rendered record has. */
export interface RenderableRecord {
  readonly id: string;
  readonly uid: string;
  readonly name: string;
  readonly row: QueryRow;
  /** Bumped when a record that changes on the clock changed; rendered forms are cached per revision. */
  readonly revision?: number;
}

/**
 * How one EM resource type is written: its URLs, link lists (reference and entity), element names and
 * entity body. The renderers in `renderResource.ts` are generic over this, so the link order rule (Up
 * BackupServer, Up parent, Alternate, Down, actions) lives in each kind's two link functions.
 */
export interface ResourceKind<T extends RenderableRecord> {
  /** Path segment of the collection, e.g. `cdpReplicaSessions`. */
  readonly collection: string;
  /** `Type` of the reference form, e.g. `CdpReplicaSessionReference`. */
  readonly refType: string;
  /** `Type` of the entity form, e.g. `CdpReplicaSession`. */
  readonly entityType: string;
  /** Root element of the standalone entity document. */
  readonly entityElement: string;
  /** Plural element of entity lists (collection `?format=Entity`, query `Entities`). */
  readonly listElement: string;
  /** Item element inside the plural element (differs for CDP sessions: `CdpPolicySession`). */
  readonly listItemElement: string;
  /** The entity's own `Href` (the CDP task session's points under `/replicaTaskSessions/`). */
  entityHref(base: string, record: T): string;
  /** Extra root attributes after `UID` (e.g. ` VmDisplayName="…"`), already escaped. */
  extraAttributes?(record: T): string;
  refLinks(base: string, record: T): Link[];
  entityLinks(base: string, record: T): Link[];
  /** The entity's child elements after `Links`, at indentation `ind`. */
  entityBody(record: T, ind: string): string;
}

export const time = (t: Date | undefined): string | undefined =>
  t === undefined ? undefined : formatEmDateTime(t);
export const bool = (b: boolean): string => (b ? "true" : "false");

export function serverUp(base: string, server: BackupServerRecord): Link {
  return {
    href: `${base}/backupServers/${server.id}`,
    name: server.name,
    type: "BackupServerReference",
    rel: "Up",
  };
}

export function alternates<T extends RenderableRecord>(kind: {
  collection: string;
  refType: string;
  entityType: string;
}) {
  return {
    toEntity: (base: string, r: T): Link => ({
      href: `${base}/${kind.collection}/${r.id}?format=Entity`,
      name: r.name,
      type: kind.entityType,
      rel: "Alternate",
    }),
    toRef: (base: string, r: T): Link => ({
      href: `${base}/${kind.collection}/${r.id}`,
      name: r.name,
      type: kind.refType,
      rel: "Alternate",
    }),
  };
}

export const defaultHref = (collection: string) => (base: string, r: RenderableRecord) =>
  `${base}/${collection}/${r.id}?format=Entity`;

const cdpSessionAlt = alternates<CdpSessionRecord>({
  collection: "cdpReplicaSessions",
  refType: "CdpReplicaSessionReference",
  entityType: "CdpReplicaSession",
});
const cdpSessionLinks = (base: string, s: CdpSessionRecord, alternate: Link): Link[] => [
  serverUp(base, s.server),
  { href: `${base}/cdpPolicies/${s.policy.id}`, name: s.policy.name, type: "CdpPolicyReference", rel: "Up" },
  alternate,
  {
    href: `${base}/cdpReplicaSessions/${s.id}/cdpReplicaTaskSessions`,
    type: "CdpReplicaTaskSessionReferenceList",
    rel: "Down",
  },
];

/** `/cdpReplicaSessions/{id}`. */
export const CDP_SESSION: ResourceKind<CdpSessionRecord> = {
  collection: "cdpReplicaSessions",
  refType: "CdpReplicaSessionReference",
  entityType: "CdpReplicaSession",
  entityElement: "CdpReplicaSession",
  listElement: "CdpReplicaSessions",
  listItemElement: "CdpPolicySession",
  entityHref: defaultHref("cdpReplicaSessions"),
  refLinks: (base, s) => cdpSessionLinks(base, s, cdpSessionAlt.toEntity(base, s)),
  entityLinks: (base, s) => cdpSessionLinks(base, s, cdpSessionAlt.toRef(base, s)),
  entityBody: (s, ind) =>
    element("PolicyUid", s.policy.uid, ind) +
    element("PolicyName", s.policy.name, ind) +
    element("PolicyType", "CdpReplica", ind) +
    element("CreationTimeUTC", time(s.creation), ind) +
    element("EndTimeUTC", time(s.end), ind) +
    element("State", s.state, ind) +
    element("Result", s.result, ind) +
    element("Progress", String(s.progress), ind) +
    element("FailureMessage", s.failureMessage, ind) +
    element("IsRetry", bool(s.isRetry), ind),
};

const cdpTaskAlt = alternates<CdpTaskRecord>({
  collection: "cdpReplicaTaskSessions",
  refType: "CdpReplicaTaskSessionReference",
  entityType: "CdpReplicaTaskSession",
});
const cdpTaskLinks = (base: string, t: CdpTaskRecord, alternate: Link): Link[] => [
  serverUp(base, t.session.server),
  {
    href: `${base}/cdpReplicaSessions/${t.session.id}`,
    name: t.session.name,
    type: "CdpReplicaSessionReference",
    rel: "Up",
  },
  alternate,
];

export const vmAttribute = (r: { vm: string }): string => ` VmDisplayName="${escapeAttr(r.vm)}"`;

/** `/cdpReplicaTaskSessions/{id}`; the entity's own Href is under `/replicaTaskSessions/` as on real servers. */
export const CDP_TASK: ResourceKind<CdpTaskRecord> = {
  collection: "cdpReplicaTaskSessions",
  refType: "CdpReplicaTaskSessionReference",
  entityType: "CdpReplicaTaskSession",
  entityElement: "CdpReplicaTaskSession",
  listElement: "CdpReplicaTaskSessions",
  listItemElement: "CdpReplicaTaskSession",
  entityHref: defaultHref("replicaTaskSessions"),
  extraAttributes: vmAttribute,
  refLinks: (base, t) => cdpTaskLinks(base, t, cdpTaskAlt.toEntity(base, t)),
  entityLinks: (base, t) => cdpTaskLinks(base, t, cdpTaskAlt.toRef(base, t)),
  entityBody: (t, ind) =>
    element("PolicySessionUid", t.session.uid, ind) +
    element("CreationTimeUTC", time(t.creation), ind) +
    element("EndTimeUTC", time(t.end), ind) +
    element("State", t.state, ind) +
    element("Result", t.result, ind) +
    element("Reason", t.reason, ind) +
    element("TotalSize", String(t.totalSize), ind),
};

const replicaSessionAlt = alternates<ReplicaSessionRecord>({
  collection: "replicaSessions",
  refType: "ReplicaJobSessionReference",
  entityType: "ReplicaJobSession",
});
const replicaSessionLinks = (base: string, s: ReplicaSessionRecord, alternate: Link): Link[] => [
  serverUp(base, s.server),
  { href: `${base}/jobs/${s.job.id}`, name: s.job.name, type: "JobReference", rel: "Up" },
  alternate,
  {
    href: `${base}/replicaSessions/${s.id}/replicaTaskSessions`,
    type: "ReplicaTaskSessionReferenceList",
    rel: "Down",
  },
];

/** `/replicaSessions/{id}`. */
export const REPLICA_SESSION: ResourceKind<ReplicaSessionRecord> = {
  collection: "replicaSessions",
  refType: "ReplicaJobSessionReference",
  entityType: "ReplicaJobSession",
  entityElement: "ReplicaJobSession",
  listElement: "ReplicaJobSessions",
  listItemElement: "ReplicaJobSession",
  entityHref: defaultHref("replicaSessions"),
  refLinks: (base, s) => replicaSessionLinks(base, s, replicaSessionAlt.toEntity(base, s)),
  entityLinks: (base, s) => replicaSessionLinks(base, s, replicaSessionAlt.toRef(base, s)),
  entityBody: (s, ind) =>
    element("JobUid", s.job.uid, ind) +
    element("JobName", s.job.name, ind) +
    element("JobType", s.job.jobType, ind) +
    element("CreationTimeUTC", time(s.creation), ind) +
    element("EndTimeUTC", time(s.end), ind) +
    element("State", s.state, ind) +
    element("Result", s.result, ind) +
    element("Progress", String(s.progress), ind) +
    element("FailureMessage", s.failureMessage, ind) +
    element("IsRetry", bool(s.isRetry), ind),
};

const replicaTaskAlt = alternates<ReplicaTaskRecord>({
  collection: "replicaTaskSessions",
  refType: "ReplicaTaskSessionReference",
  entityType: "ReplicaTaskSession",
});
const replicaTaskLinks = (base: string, t: ReplicaTaskRecord, alternate: Link): Link[] => [
  serverUp(base, t.session.server),
  {
    href: `${base}/replicaSessions/${t.session.id}`,
    name: t.session.name,
    type: "ReplicaJobSessionReference",
    rel: "Up",
  },
  alternate,
];

/** `/replicaTaskSessions/{id}`. */
export const REPLICA_TASK: ResourceKind<ReplicaTaskRecord> = {
  collection: "replicaTaskSessions",
  refType: "ReplicaTaskSessionReference",
  entityType: "ReplicaTaskSession",
  entityElement: "ReplicaTaskSession",
  listElement: "ReplicaTaskSessions",
  listItemElement: "ReplicaTaskSession",
  entityHref: defaultHref("replicaTaskSessions"),
  extraAttributes: vmAttribute,
  refLinks: (base, t) => replicaTaskLinks(base, t, replicaTaskAlt.toEntity(base, t)),
  entityLinks: (base, t) => replicaTaskLinks(base, t, replicaTaskAlt.toRef(base, t)),
  entityBody: (t, ind) =>
    element("JobSessionUid", t.session.uid, ind) +
    element("CreationTimeUTC", time(t.creation), ind) +
    element("EndTimeUTC", time(t.end), ind) +
    element("State", t.state, ind) +
    element("Result", t.result, ind) +
    element("Reason", t.reason, ind) +
    element("TotalSize", String(t.totalSize), ind),
};

const serverAlt = alternates<BackupServerRecord>({
  collection: "backupServers",
  refType: "BackupServerReference",
  entityType: "BackupServer",
});
const serverDowns = (base: string, s: BackupServerRecord): Link[] => [
  { href: `${base}/backupServers/${s.id}/jobs`, type: "JobReferenceList", rel: "Down" },
  { href: `${base}/backupServers/${s.id}/repositories`, type: "RepositoryReferenceList", rel: "Down" },
  { href: `${base}/backupServers/${s.id}/credentials`, type: "CredentialsList", rel: "Down" },
  { href: `${base}/backupServers/${s.id}/passwords`, type: "PasswordKeyList", rel: "Down" },
];

/** `/backupServers/{id}` (no Up link: a backup server is a root). */
export const BACKUP_SERVER: ResourceKind<BackupServerRecord> = {
  collection: "backupServers",
  refType: "BackupServerReference",
  entityType: "BackupServer",
  entityElement: "BackupServer",
  listElement: "BackupServers",
  listItemElement: "BackupServer",
  entityHref: defaultHref("backupServers"),
  refLinks: (base, s) => [
    ...serverDowns(base, s),
    serverAlt.toEntity(base, s),
    { href: `${base}/backupServers/${s.id}/managedServers`, type: "ManagedServerReferenceList", rel: "Down" },
  ],
  entityLinks: (base, s) => [
    serverAlt.toRef(base, s),
    ...serverDowns(base, s),
    { href: `${base}/backupServers/${s.id}/managedServers`, type: "ManagedServerReferenceList", rel: "Down" },
    { href: `${base}/backupServers/${s.id}?action=edit`, rel: "Edit" },
    { href: `${base}/backupServers/${s.id}`, type: "BackupServerReference", rel: "Delete" },
  ],
  entityBody: (s, ind) =>
    element("Description", s.description, ind) +
    element("Port", String(s.port), ind) +
    element("Version", s.version, ind),
};

const jobAlt = alternates<JobRecord>({ collection: "jobs", refType: "JobReference", entityType: "Job" });

/** `/jobs/{id}` (JobScheduleOptions and JobInfo are not simulated). */
export const JOB: ResourceKind<JobRecord> = {
  collection: "jobs",
  refType: "JobReference",
  entityType: "Job",
  entityElement: "Job",
  listElement: "Jobs",
  listItemElement: "Job",
  entityHref: defaultHref("jobs"),
  refLinks: (base, j) => [
    serverUp(base, j.server),
    jobAlt.toEntity(base, j),
    { href: `${base}/jobs/${j.id}/backupSessions`, type: "BackupJobSessionReferenceList", rel: "Down" },
  ],
  entityLinks: (base, j) => [
    serverUp(base, j.server),
    jobAlt.toRef(base, j),
    { href: `${base}/jobs/${j.id}?action=edit`, rel: "Edit" },
    { href: `${base}/jobs/${j.id}/includes`, type: "ObjectInJobList", rel: "Down" },
    { href: `${base}/jobs/${j.id}/backupSessions`, type: "BackupJobSessionReferenceList", rel: "Down" },
    { href: `${base}/jobs/${j.id}?action=start`, rel: "Start" },
    { href: `${base}/jobs/${j.id}?action=stop`, rel: "Stop" },
    { href: `${base}/jobs/${j.id}?action=retry`, rel: "Retry" },
  ],
  entityBody: (j, ind) =>
    element("JobType", j.jobType, ind) +
    element("Platform", j.platform, ind) +
    element("Description", j.description, ind) +
    element("ScheduleConfigured", bool(j.scheduleConfigured), ind) +
    element("ScheduleEnabled", bool(j.scheduleEnabled), ind) +
    element("NextRun", time(j.nextRun), ind),
};

const policyAlt = alternates<CdpPolicyRecord>({
  collection: "cdpPolicies",
  refType: "CdpPolicyReference",
  entityType: "CdpPolicy",
});

/** `/cdpPolicies/{id}` (PolicyScheduleOptions and CdpPolicyInfo are not simulated). */
export const CDP_POLICY: ResourceKind<CdpPolicyRecord> = {
  collection: "cdpPolicies",
  refType: "CdpPolicyReference",
  entityType: "CdpPolicy",
  entityElement: "CdpPolicy",
  listElement: "CdpPolicies",
  listItemElement: "CdpPolicy",
  entityHref: defaultHref("cdpPolicies"),
  refLinks: (base, p) => [serverUp(base, p.server), policyAlt.toEntity(base, p)],
  entityLinks: (base, p) => [
    serverUp(base, p.server),
    policyAlt.toRef(base, p),
    { href: `${base}/cdpPolicies/${p.id}?action=edit`, rel: "Edit" },
    { href: `${base}/cdpPolicies/${p.id}/includes`, type: "ObjectInJobList", rel: "Down" },
    {
      href: `${base}/cdpPolicies/${p.id}/cdpReplicaSessions`,
      type: "CdpReplicaSessionReferenceList",
      rel: "Down",
    },
    p.scheduleEnabled
      ? { href: `${base}/cdpPolicies/${p.id}?action=disable`, rel: "Disable" }
      : { href: `${base}/cdpPolicies/${p.id}?action=enable`, rel: "Enable" },
  ],
  entityBody: (p, ind) =>
    element("PolicyType", "CdpReplica", ind) +
    element("Platform", p.platform, ind) +
    element("Description", p.description, ind) +
    element("ScheduleConfigured", bool(p.scheduleConfigured), ind) +
    element("ScheduleEnabled", bool(p.scheduleEnabled), ind) +
    element("NextRun", time(p.nextRun), ind),
};
