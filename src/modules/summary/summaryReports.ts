import type { XmlElement } from "../../upstream/xmlNodes.js";
import { EntityMappingError } from "../shared/EntityMappingError.js";
import { EntityReader } from "../shared/EntityReader.js";

/*
 * EM's summary reports (`/reports/summary/*`, docs/em-reference.md §4): where each is, its root element,
 * and how its frame is read into plain rows. EM spells some names oddly ("Lastest", "Backuped"); the
 * GraphQL names are the plain English ones and the mapping is here. An element EM leaves out reads as null.
 */

/** One summary report: its path under the API base and its root element. */
export interface SummaryReport<T> {
  readonly path: string;
  readonly root: string;
  read(frame: XmlElement): T;
}

type Numbers<K extends string> = Readonly<Record<K, number | null>>;

/** Reads named integer children into an object keyed by GraphQL field name. */
function numbers<K extends string>(frame: XmlElement, root: string, names: Readonly<Record<K, string>>) {
  const reader = new EntityReader(frame, root);
  const out = {} as Record<K, number | null>;
  for (const [field, element] of Object.entries(names) as [K, string][]) {
    out[field] = reader.optionalInteger(element) ?? null;
  }
  return out;
}

function report<T>(name: string, root: string, read: (frame: XmlElement) => T): SummaryReport<T> {
  return {
    path: `/reports/summary/${name}`,
    root,
    read(frame) {
      if (frame.name !== root) throw new EntityMappingError(root, "root element", `is <${frame.name}>`);
      return read(frame);
    },
  };
}

const OVERVIEW_FIELDS = {
  backupServers: "BackupServers",
  proxyServers: "ProxyServers",
  repositoryServers: "RepositoryServers",
  runningJobs: "RunningJobs",
  scheduledJobs: "ScheduledJobs",
  successfulVms: "SuccessfulVmLastestStates",
  warningVms: "WarningVmLastestStates",
  failedVms: "FailedVmLastestStates",
} as const;
export type OverviewReport = Numbers<keyof typeof OVERVIEW_FIELDS>;
export const OVERVIEW = report("overview", "OverviewReportFrame", (frame) =>
  numbers(frame, "OverviewReportFrame", OVERVIEW_FIELDS),
);

const JOB_STATISTICS_FIELDS = {
  runningJobs: "RunningJobs",
  scheduledJobs: "ScheduledJobs",
  scheduledBackupJobs: "ScheduledBackupJobs",
  scheduledReplicaJobs: "ScheduledReplicaJobs",
  totalJobRuns: "TotalJobRuns",
  successfulJobRuns: "SuccessfulJobRuns",
  warningJobRuns: "WarningsJobRuns",
  failedJobRuns: "FailedJobRuns",
  maxJobDurationSeconds: "MaxJobDuration",
  maxBackupJobDurationSeconds: "MaxBackupJobDuration",
  maxReplicaJobDurationSeconds: "MaxReplicaJobDuration",
} as const;
export type JobStatisticsReport = Numbers<keyof typeof JOB_STATISTICS_FIELDS> & {
  readonly maxDurationBackupJobName: string | null;
  readonly maxDurationReplicaJobName: string | null;
};
export const JOB_STATISTICS = report("job_statistics", "JobStatisticsReportFrame", (frame) => {
  const reader = new EntityReader(frame, "JobStatisticsReportFrame");
  const name = (element: string) => reader.optionalText(element) || null;
  return {
    ...numbers(frame, "JobStatisticsReportFrame", JOB_STATISTICS_FIELDS),
    maxDurationBackupJobName: name("MaxDurationBackupJobName"),
    maxDurationReplicaJobName: name("MaxDurationReplicaJobName"),
  };
});

const VMS_OVERVIEW_FIELDS = {
  protectedVms: "ProtectedVms",
  backedUpVms: "BackedUpVms",
  replicatedVms: "ReplicatedVms",
  restorePoints: "RestorePoints",
  fullBackupPointsSize: "FullBackupPointsSize",
  incrementalBackupPointsSize: "IncrementalBackupPointsSize",
  replicaRestorePointsSize: "ReplicaRestorePointsSize",
  sourceVmsSize: "SourceVmsSize",
  successBackupPercent: "SuccessBackupPercents",
} as const;
export type VmsOverviewReport = Numbers<keyof typeof VMS_OVERVIEW_FIELDS>;
export const VMS_OVERVIEW = report("vms_overview", "VmsOverviewReportFrame", (frame) =>
  numbers(frame, "VmsOverviewReportFrame", VMS_OVERVIEW_FIELDS),
);

/** One `Period` of the repository report: a repository by name, with its sizes. */
export interface RepositoryReportRow {
  readonly name: string;
  readonly capacity: number | null;
  readonly freeSpace: number | null;
  readonly backupSize: number | null;
}
export const REPOSITORY_REPORT = report("repository", "RepositoryReportFrame", (frame) =>
  frame.children
    .filter((child) => child.name === "Period")
    .map((period): RepositoryReportRow => {
      const reader = new EntityReader(period, "RepositoryReportFrame/Period");
      return {
        name: reader.requiredText("Name"),
        capacity: reader.optionalInteger("Capacity") ?? null,
        freeSpace: reader.optionalInteger("FreeSpace") ?? null,
        backupSize: reader.optionalInteger("BackupSize") ?? null,
      };
    }),
);

/** One `Day` of the processed-VMs report. */
export interface ProcessedVmsDay {
  readonly day: Date;
  readonly backedUpVms: number | null;
  readonly replicatedVms: number | null;
}
export const PROCESSED_VMS = report("processed_vms", "ProcessedVmsReportFrame", (frame) =>
  frame.children
    .filter((child) => child.name === "Day")
    .map((day): ProcessedVmsDay => {
      const reader = new EntityReader(day, "ProcessedVmsReportFrame/Day");
      const stamp = reader.requiredAttribute("Timestamp");
      const parsed = new Date(stamp);
      if (Number.isNaN(parsed.getTime()))
        throw new EntityMappingError("ProcessedVmsReportFrame/Day", "@Timestamp", "is not a date");
      return {
        day: parsed,
        backedUpVms: reader.optionalInteger("BackupedVms") ?? null,
        replicatedVms: reader.optionalInteger("ReplicatedVms") ?? null,
      };
    }),
);
