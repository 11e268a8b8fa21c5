/**
 * The query service's types and their filterable/sortable fields, as the reference's §5 table spells them
 * (the backup types and repositories: docs/em-reference.md).
 *
 * A query row (the object the filter evaluator reads) is keyed by each field's canonical `name`; `aliases`
 * are extra spellings the parser also accepts and resolves to the canonical name (the reference says to
 * accept both `CreationTime` and `CreationTimeUTC` where EM's spelling is unconfirmed).
 */
export type FieldKind = "string" | "uid" | "long" | "dateTime" | "boolean" | "enum";

/** One query field. `values` (enums only) are EM's spellings in EM's ordinal order. */
export interface QueryFieldDef {
  readonly name: string;
  readonly kind: FieldKind;
  readonly values?: readonly string[];
  readonly aliases?: readonly string[];
}

/** One query type: its `type=` spelling and fields, with a case-insensitive lookup by name or alias. */
export interface QueryTypeDef {
  readonly name: string;
  readonly fields: readonly QueryFieldDef[];
  /** Lower-cased name or alias → field. */
  readonly byLowerName: ReadonlyMap<string, QueryFieldDef>;
}

/** VBR's session states in ordinal order (Stopped = -1, Starting = 3 … WaitingSlot = 12). */
export const SESSION_STATES = [
  "Stopped",
  "Starting",
  "Stopping",
  "Working",
  "Pausing",
  "WaitingTape",
  "Idle",
  "Resuming",
  "Postprocessing",
  "WaitingRepository",
  "WaitingSlot",
] as const;
/** Session and task results in ordinal order (None = -1, Success, Warning, Failed). */
export const RESULTS = ["None", "Success", "Warning", "Failed"] as const;
/** Task-session states in ordinal order. */
export const TASK_STATES = ["InProgress", "Pending", "Completed"] as const;
/** Job types in ordinal order. */
export const JOB_TYPES = ["Backup", "BackupCopy", "ImmediateBackupCopy", "Replica"] as const;
/** Platforms in ordinal order. */
export const PLATFORMS = ["VMware", "Hyperv", "vCloud"] as const;

const s = (name: string, aliases?: string[]): QueryFieldDef => ({ name, kind: "string", aliases });
const uid = (name: string): QueryFieldDef => ({ name, kind: "uid" });
const long = (name: string): QueryFieldDef => ({ name, kind: "long" });
const date = (name: string, aliases?: string[]): QueryFieldDef => ({ name, kind: "dateTime", aliases });
const bool = (name: string): QueryFieldDef => ({ name, kind: "boolean" });
const enumOf = (name: string, values: readonly string[]): QueryFieldDef => ({ name, kind: "enum", values });

function defineType(name: string, fields: QueryFieldDef[]): QueryTypeDef {
  const byLowerName = new Map<string, QueryFieldDef>();
  for (const field of fields) {
    byLowerName.set(field.name.toLowerCase(), field);
    for (const alias of field.aliases ?? []) byLowerName.set(alias.toLowerCase(), field);
  }
  return { name, fields, byLowerName };
}

/** All query types, keyed by lower-cased `type=` value. */
export const QUERY_TYPES: ReadonlyMap<string, QueryTypeDef> = new Map(
  [
    defineType("CdpReplicaSession", [
      uid("Id"),
      s("Name"),
      uid("PolicyUid"),
      s("PolicyName"),
      uid("BackupServerUid"),
      s("BackupServerName"),
      date("CreationTimeUTC", ["CreationTime"]),
      date("EndTimeUTC", ["EndTime"]),
      enumOf("State", SESSION_STATES),
      enumOf("Result", RESULTS),
      s("FailureMessage"),
    ]),
    defineType("CdpReplicaTaskSession", [
      uid("Id"),
      s("Name"),
      uid("PolicySessionUid"),
      s("PolicySessionName"),
      uid("BackupServerUid"),
      s("BackupServerName"),
      date("CreationTimeUTC", ["CreationTime"]),
      date("EndTimeUTC", ["EndTime"]),
      enumOf("State", TASK_STATES),
      s("Reason"),
      long("TotalSize"),
      s("VmDisplayName"),
    ]),
    defineType("ReplicaJobSession", [
      uid("UID"),
      s("Name"),
      enumOf("JobType", JOB_TYPES),
      uid("JobUid"),
      s("JobName"),
      date("CreationTime", ["CreationTimeUTC"]),
      date("EndTime", ["EndTimeUTC"]),
      enumOf("State", SESSION_STATES),
      enumOf("Result", RESULTS),
      bool("IsRetry"),
      uid("BackupServerUid"),
      s("BackupServerName"),
    ]),
    defineType("ReplicaTaskSession", [
      uid("UID"),
      s("Name"),
      date("CreationTime", ["CreationTimeUTC"]),
      date("EndTime", ["EndTimeUTC"]),
      enumOf("State", TASK_STATES),
      enumOf("Result", RESULTS),
      s("Reason"),
      long("TotalSize"),
      uid("JobSessionUid"),
      uid("JobUid"),
      s("JobName"),
      uid("BackupServerUid"),
      s("BackupServerName"),
      s("VmDisplayName"),
    ]),
    defineType("BackupJobSession", [
      uid("UID"),
      s("Name"),
      enumOf("JobType", JOB_TYPES),
      uid("JobUid"),
      s("JobName"),
      date("CreationTime", ["CreationTimeUTC"]),
      date("EndTime", ["EndTimeUTC"]),
      enumOf("State", SESSION_STATES),
      enumOf("Result", RESULTS),
      bool("IsRetry"),
      uid("BackupServerUid"),
      s("BackupServerName"),
    ]),
    defineType("BackupTaskSession", [
      uid("UID"),
      s("Name"),
      date("CreationTime", ["CreationTimeUTC"]),
      date("EndTime", ["EndTimeUTC"]),
      enumOf("State", TASK_STATES),
      enumOf("Result", RESULTS),
      s("Reason"),
      long("TotalSize"),
      uid("JobSessionUid"),
      uid("JobUid"),
      s("JobName"),
      uid("BackupServerUid"),
      s("BackupServerName"),
      s("VmDisplayName"),
    ]),
    defineType("Repository", [
      uid("UID"),
      s("Name"),
      long("Capacity"),
      long("FreeSpace"),
      s("Kind"),
      uid("BackupServerUid"),
      s("BackupServerName"),
    ]),
    defineType("BackupServer", [
      uid("UID"),
      s("Name"),
      s("Description"),
      s("IpOrDnsName"),
      long("Port"),
      s("Version"),
    ]),
    defineType("Job", [
      uid("UID"),
      s("Name"),
      s("Description"),
      date("NextRun"),
      enumOf("JobType", JOB_TYPES),
      enumOf("Platform", PLATFORMS),
      bool("ScheduleConfigured"),
      bool("ScheduleEnabled"),
      uid("BackupServerUid"),
      s("BackupServerName"),
    ]),
    defineType("CdpPolicy", [
      uid("UID"),
      s("Name"),
      s("Description"),
      date("NextRun"),
      bool("ScheduleConfigured"),
      bool("ScheduleEnabled"),
      uid("BackupServerUid"),
      s("BackupServerName"),
    ]),
  ].map((type) => [type.name.toLowerCase(), type]),
);
