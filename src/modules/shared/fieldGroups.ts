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
  vmDisplayName,
} from "./reads.js";
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
