import { DateTimeResolver, SafeIntResolver } from "graphql-scalars";
import { Field, Float, Int, ObjectType, type ClassType } from "type-graphql";

/*
 * The typed objects of the `summary` root field: one per EM summary report (docs/em-reference.md §4).
 * Every figure is nullable: an element EM leaves out reads as null, never as an invented zero.
 */

/** A figure's kind (which also says how the figures of several sites add up) and its description. */
export type Figure = readonly [type: "count" | "bytes" | "seconds" | "percent", description: string];
/** The figures of one report, by field name. */
export type FigureTable = Readonly<Record<string, Figure>>;

/** Declares the nullable figure fields of a report class from a table. */
function figures(target: ClassType, table: FigureTable): void {
  for (const [name, [kind, description]] of Object.entries(table)) {
    const type = kind === "bytes" ? SafeIntResolver : Int;
    Field(() => type, { nullable: true, description })(target.prototype, name);
  }
}

@ObjectType("SummaryOverview", {
  description:
    "EM's overview report (`/reports/summary/overview`): the infrastructure and each VM's latest state.",
})
export class SummaryOverview {}
export const OVERVIEW_FIGURES: FigureTable = {
  backupServers: ["count", "Backup servers connected to EM."],
  proxyServers: ["count", "Backup proxies across the backup servers."],
  repositoryServers: ["count", "Repository servers across the backup servers."],
  runningJobs: ["count", "Jobs running now."],
  scheduledJobs: ["count", "Jobs with an enabled schedule."],
  successfulVms: ["count", "VMs whose latest job run succeeded (EM: SuccessfulVmLastestStates)."],
  warningVms: ["count", "VMs whose latest job run ended with a warning (EM: WarningVmLastestStates)."],
  failedVms: ["count", "VMs whose latest job run failed (EM: FailedVmLastestStates)."],
};
figures(SummaryOverview, OVERVIEW_FIGURES);

@ObjectType("SummaryJobStatistics", {
  description:
    "EM's job statistics report (`/reports/summary/job_statistics`): job runs and their longest durations, " +
    "over the period EM reports (the simulator: the last 24 hours).",
})
export class SummaryJobStatistics {
  @Field(() => String, { nullable: true, description: "The backup job of the longest backup run." })
  maxDurationBackupJobName!: string | null;
  @Field(() => String, { nullable: true, description: "The replication job of the longest replication run." })
  maxDurationReplicaJobName!: string | null;
}
export const JOB_STATISTICS_FIGURES: FigureTable = {
  runningJobs: ["count", "Jobs running now."],
  scheduledJobs: ["count", "Jobs with an enabled schedule."],
  scheduledBackupJobs: ["count", "Backup jobs with an enabled schedule."],
  scheduledReplicaJobs: ["count", "Replication jobs with an enabled schedule."],
  totalJobRuns: ["count", "Job runs (sessions) in the period."],
  successfulJobRuns: ["count", "Job runs that succeeded."],
  warningJobRuns: ["count", "Job runs that ended with a warning (EM: WarningsJobRuns)."],
  failedJobRuns: ["count", "Job runs that failed."],
  maxJobDurationSeconds: ["seconds", "Duration of the longest job run, in seconds."],
  maxBackupJobDurationSeconds: ["seconds", "Duration of the longest backup job run, in seconds."],
  maxReplicaJobDurationSeconds: ["seconds", "Duration of the longest replication job run, in seconds."],
};
figures(SummaryJobStatistics, JOB_STATISTICS_FIGURES);

@ObjectType("SummaryVmsOverview", {
  description: "EM's VM overview report (`/reports/summary/vms_overview`): protected VMs and restore points.",
})
export class SummaryVmsOverview {}
export const VMS_OVERVIEW_FIGURES: FigureTable = {
  protectedVms: ["count", "VMs protected by a backup or a replica."],
  backedUpVms: ["count", "VMs with a backup."],
  replicatedVms: ["count", "VMs with a replica."],
  restorePoints: ["count", "Restore points kept."],
  fullBackupPointsSize: ["bytes", "Size of full backup restore points, in bytes."],
  incrementalBackupPointsSize: ["bytes", "Size of incremental backup restore points, in bytes."],
  replicaRestorePointsSize: ["bytes", "Size of replica restore points, in bytes."],
  sourceVmsSize: ["bytes", "Size of the protected VMs, in bytes."],
  successBackupPercent: [
    "percent",
    "Share of VMs whose latest backup succeeded, in percent (EM: SuccessBackupPercents). Null in a total " +
      "over several sites (EM does not say what it is a share of): read it per site, `sites { summary }`.",
  ],
};
figures(SummaryVmsOverview, VMS_OVERVIEW_FIGURES);

@ObjectType("SummaryRepository", {
  description:
    "One row of EM's repository report (`/reports/summary/repository`). EM names the repository rather than " +
    "linking it; `repository` finds it by that name.",
})
export class SummaryRepository {
  @Field(() => String, { description: "Name of the repository, as EM's report gives it." })
  name!: string;
  @Field(() => SafeIntResolver, { nullable: true, description: "Capacity in bytes." })
  capacity!: number | null;
  @Field(() => SafeIntResolver, { nullable: true, description: "Free space in bytes." })
  freeSpace!: number | null;
  @Field(() => SafeIntResolver, {
    nullable: true,
    description: "Size of the backups stored on it, in bytes.",
  })
  backupSize!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "Free space as a percentage of capacity (computed by the gateway); null without a capacity.",
  })
  freeSpacePercent!: number | null;
}

@ObjectType("SummaryProcessedVmsDay", {
  description: "One day of EM's processed-VMs report (`/reports/summary/processed_vms`).",
})
export class SummaryProcessedVmsDay {
  @Field(() => DateTimeResolver, { description: "The day (its start, UTC)." })
  day!: Date;
  @Field(() => Int, { nullable: true, description: "VMs backed up that day (EM: BackupedVms)." })
  backedUpVms!: number | null;
  @Field(() => Int, { nullable: true, description: "VMs replicated that day." })
  replicatedVms!: number | null;
}

@ObjectType("Summary", {
  description:
    "EM's summary reports: of one site (`Site.summary`), or totals over several (`summary`): counts and " +
    "sizes added up, the longest durations the longest of any site, repository rows side by side, processed " +
    "VMs added up per day. Each report is read once per site and GraphQL request, and only when one of its " +
    "fields is selected; the figures are EM's own.",
})
export class Summary {}
