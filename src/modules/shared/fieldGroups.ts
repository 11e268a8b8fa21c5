import type { QueryField } from "../../filters/QueryField.js";
import type { FieldDeclaration } from "./defineEntity.js";
import {
  attribute,
  linkId,
  linkName,
  enumValue,
  flag,
  integer,
  requiredEnum,
  requiredTime,
  text,
  time,
  uid,
  vmDisplayName,
} from "./reads.js";
import { JobType } from "./JobType.js";
import { SessionResult } from "./SessionResult.js";
import { SessionState } from "./SessionState.js";
import { TaskSessionState } from "./TaskSessionState.js";

/*
 * Field groups several entities share with the same meaning, declared once. Each is spread into a
 * declaration where its fields belong (the order of query fields is the order filters are written in).
 */

type Fields = Record<string, FieldDeclaration>;
type QueryFields = Record<string, QueryField>;

/** The times, state and result of a job or policy session: EM spells the time query fields per type. */
export function sessionQueryFields(times: "CreationTime" | "CreationTimeUTC"): QueryFields {
  const suffix = times === "CreationTime" ? "" : "UTC";
  return {
    creationTimeUtc: { kind: "dateTime", emField: `CreationTime${suffix}` },
    endTimeUtc: { kind: "dateTime", emField: `EndTime${suffix}` },
    state: { kind: "enum", emField: "State", values: SessionState },
    result: { kind: "enum", emField: "Result", values: SessionResult },
  };
}

/** `BackupServerUid` and `BackupServerName`, the query fields of every type that lives on a server. */
export const BACKUP_SERVER_QUERY_FIELDS: QueryFields = {
  backupServerUid: { kind: "uid", emField: "BackupServerUid", uidType: "BackupServer" },
  backupServerName: { kind: "string", emField: "BackupServerName" },
};

/** A job or policy session's times, state, result and retry flag (XSD JobSessionEntityType). */
export const SESSION_FIELDS: Fields = {
  creationTimeUtc: {
    type: "DateTime",
    description: "When the session was started (UTC).",
    read: requiredTime("CreationTimeUTC"),
  },
  endTimeUtc: {
    type: "DateTime",
    nullable: true,
    description: "When the session ended (UTC); null while it runs.",
    read: time("EndTimeUTC"),
  },
  state: {
    type: SessionState,
    description: "State of the session.",
    read: requiredEnum("State", SessionState),
  },
  result: {
    type: SessionResult,
    description: "Result of the session; NONE while it runs.",
    read: enumValue("Result", SessionResult, SessionResult.NONE),
  },
  isRetry: { type: "Boolean", description: "Whether the session is a retry.", read: flag("IsRetry", false) },
};

/**
 * A task session's VM, times, state, reason and size: one VM within a session. `result` differs per type
 * (CDP task sessions may omit it), so it is declared beside this.
 */
export const TASK_SESSION_FIELDS: Fields = {
  name: {
    type: "String",
    description:
      "Name of the task session: the VM's name and the time it started, e.g. `ubuntu88@2025-11-03 21:00:26`.",
    read: attribute("Name"),
  },
  vmDisplayName: {
    type: "String",
    description: "Name of the VM processed in the task session.",
    read: vmDisplayName,
  },
  creationTimeUtc: {
    type: "DateTime",
    description: "When the task session started (UTC).",
    read: requiredTime("CreationTimeUTC"),
  },
  endTimeUtc: {
    type: "DateTime",
    nullable: true,
    description: "When the task session ended (UTC); null while in progress.",
    read: time("EndTimeUTC"),
  },
  state: {
    type: TaskSessionState,
    description: "State of the task session.",
    read: requiredEnum("State", TaskSessionState),
  },
  reason: {
    type: "String",
    nullable: true,
    description: "Reason for a Warning or Failed result; empty or null otherwise.",
    read: text("Reason"),
  },
  totalSize: {
    type: "SafeInt",
    nullable: true,
    description: "Size in bytes of the data processed for the VM.",
    read: integer("TotalSize"),
  },
};

/** The query fields of a job session type (replication, backup): EM lists them alike, in this order. */
export function jobSessionQueryFields(uidType: string): QueryFields {
  return {
    id: { kind: "uid", emField: "UID", uidType },
    name: { kind: "string", emField: "Name" },
    jobType: { kind: "enum", emField: "JobType", values: JobType },
    jobUid: { kind: "uid", emField: "JobUid", uidType: "Job" },
    jobName: { kind: "string", emField: "JobName" },
    ...sessionQueryFields("CreationTime"),
    isRetry: { kind: "boolean", emField: "IsRetry" },
    ...BACKUP_SERVER_QUERY_FIELDS,
  };
}

/** The query fields of a job's task session type: filterable by job and session though not in its XML. */
export function jobTaskSessionQueryFields(uidType: string, sessionUidType: string): QueryFields {
  return {
    id: { kind: "uid", emField: "UID", uidType },
    name: { kind: "string", emField: "Name" },
    creationTimeUtc: { kind: "dateTime", emField: "CreationTime" },
    endTimeUtc: { kind: "dateTime", emField: "EndTime" },
    state: { kind: "enum", emField: "State", values: TaskSessionState },
    result: { kind: "enum", emField: "Result", values: SessionResult },
    reason: { kind: "string", emField: "Reason" },
    totalSize: { kind: "long", emField: "TotalSize" },
    jobSessionUid: { kind: "uid", emField: "JobSessionUid", uidType: sessionUidType },
    jobUid: { kind: "uid", emField: "JobUid", uidType: "Job" },
    jobName: { kind: "string", emField: "JobName" },
    ...BACKUP_SERVER_QUERY_FIELDS,
    vmDisplayName: { kind: "string", emField: "VmDisplayName" },
  };
}

/**
 * A job session's fields (XSD JobSessionEntityType), `noun` naming its job ("replication job"). The job
 * type's reading differs per session type, so it is passed in.
 */
export function jobSessionFields(noun: string, jobType: FieldDeclaration, failure: string): Fields {
  return {
    name: {
      type: "String",
      description:
        "Name of the session: the job's name and the time it started, e.g. `exch@2013-08-26 22:28:51`.",
      read: attribute("Name"),
    },
    jobUid: {
      type: "ID",
      description: `UID of the ${noun} parent to the session.`,
      read: uid("JobUid", "Job"),
    },
    jobName: {
      type: "String",
      description: `Name of the ${noun} parent to the session.`,
      read: (r, links) => r.optionalText("JobName") ?? links["job"]?.name ?? "",
    },
    jobType,
    ...SESSION_FIELDS,
    progress: {
      type: "Int",
      description: "Progress of the session in percent.",
      read: integer("Progress", 0),
    },
    failureMessage: {
      type: "String",
      nullable: true,
      description: failure,
      read: text("FailureMessage"),
    },
    ...backupServerFields(`where the ${noun} is configured`),
  };
}

/** The fields of a job's task session beside TASK_SESSION_FIELDS: its session and result. */
export function jobTaskSessionFields(noun: string, sessionUidType: string): Fields {
  return {
    jobSessionUid: {
      type: "ID",
      description: `UID of the ${noun} session parent to this task session.`,
      read: uid("JobSessionUid", sessionUidType),
    },
    jobSessionName: {
      type: "String",
      nullable: true,
      description: `Name of the ${noun} session parent to this task session.`,
      read: linkName("session"),
    },
    result: {
      type: SessionResult,
      description: "Result of the task session; NONE until it completes.",
      read: enumValue("Result", SessionResult, SessionResult.NONE),
    },
  };
}

/** The schedule of a job or a CDP policy (`noun`: "job" or "policy"). */
export function scheduleFields(noun: string): Fields {
  return {
    scheduleConfigured: {
      type: "Boolean",
      nullable: true,
      description: `Whether a schedule is configured for the ${noun}.`,
      read: flag("ScheduleConfigured"),
    },
    scheduleEnabled: {
      type: "Boolean",
      nullable: true,
      description: `Whether the ${noun}'s schedule is enabled.`,
      read: flag("ScheduleEnabled"),
    },
    nextRun: {
      type: "DateTime",
      nullable: true,
      description: `Next scheduled run (UTC); scheduled ${noun === "job" ? "jobs" : "policies"} only.`,
      read: time("NextRun"),
    },
  };
}

/** The query fields of a schedule's flags (`NextRun` stands apart in EM's field lists). */
export const SCHEDULE_FLAG_QUERY_FIELDS: QueryFields = {
  scheduleConfigured: { kind: "boolean", emField: "ScheduleConfigured" },
  scheduleEnabled: { kind: "boolean", emField: "ScheduleEnabled" },
};

/** `backupServerUid` and `backupServerName`, read from the `Up BackupServerReference` link. */
export function backupServerFields(where: string): Fields {
  return {
    backupServerUid: {
      type: "ID",
      nullable: true,
      description: `UID of the backup server ${where}.`,
      read: linkId("backupServer"),
    },
    backupServerName: {
      type: "String",
      nullable: true,
      description: `Name of the backup server ${where}.`,
      read: linkName("backupServer"),
    },
  };
}
