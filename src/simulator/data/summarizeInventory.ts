import { DAY } from "./seedCatalog.js";
import type { SeedData } from "./SeedData.js";

/*
 * The numbers of EM's summary reports (docs/em-reference.md §4), computed from the inventory as it is at
 * `nowMs`. EM's pages do not define every figure; what each one counts here is said beside it.
 */

interface TaskLike {
  readonly vm: string;
  readonly state: string;
  readonly result: string;
  readonly totalSize: number;
  readonly end: Date | undefined;
}

interface SessionLike {
  readonly job: { readonly id: string; readonly name: string };
  readonly state: string;
  readonly result: string;
  readonly creation: Date;
  readonly end: Date | undefined;
}

export interface OverviewReport {
  readonly backupServers: number;
  readonly proxyServers: number;
  readonly repositoryServers: number;
  readonly runningJobs: number;
  readonly scheduledJobs: number;
  readonly successfulVms: number;
  readonly warningVms: number;
  readonly failedVms: number;
}

export interface JobStatisticsReport {
  readonly runningJobs: number;
  readonly scheduledJobs: number;
  readonly scheduledBackupJobs: number;
  readonly scheduledReplicaJobs: number;
  readonly totalJobRuns: number;
  readonly successfulJobRuns: number;
  readonly warningsJobRuns: number;
  readonly failedJobRuns: number;
  readonly maxJobDuration: number;
  readonly maxBackupJobDuration: number;
  readonly maxReplicaJobDuration: number;
  readonly maxDurationBackupJobName: string;
  readonly maxDurationReplicaJobName: string;
}

export interface VmsOverviewReport {
  readonly protectedVms: number;
  readonly backedUpVms: number;
  readonly replicatedVms: number;
  readonly restorePoints: number;
  readonly fullBackupPointsSize: number;
  readonly incrementalBackupPointsSize: number;
  readonly replicaRestorePointsSize: number;
  readonly sourceVmsSize: number;
  readonly successBackupPercents: number;
}

export interface RepositoryReportRow {
  readonly name: string;
  readonly capacity: number;
  readonly freeSpace: number;
  readonly backupSize: number;
}

export interface ProcessedVmsDay {
  readonly timestamp: Date;
  readonly backedUpVms: number;
  readonly replicatedVms: number;
}

/** Each server runs two backup proxies (the figure is not in the inventory otherwise). */
const PROXIES_PER_SERVER = 2;
/** Restore points are kept this long (a job's retention): they count in the VM and repository reports. */
const RETENTION_MS = 14 * DAY;

const finished = (t: TaskLike): boolean => t.state === "Completed" && t.result !== "None";

/** The last finished task of each VM, latest end wins. */
function latestByVm(tasks: readonly TaskLike[]): Map<string, TaskLike> {
  const latest = new Map<string, TaskLike>();
  for (const task of tasks) {
    if (!finished(task)) continue;
    const seen = latest.get(task.vm);
    if (!seen || (seen.end?.getTime() ?? 0) <= (task.end?.getTime() ?? 0)) latest.set(task.vm, task);
  }
  return latest;
}

function runningJobIds(data: SeedData): Set<string> {
  const ids = new Set<string>();
  for (const s of data.backups.sessions) if (s.state !== "Stopped") ids.add(s.job.id);
  for (const s of data.replicaSessions) if (s.state !== "Stopped") ids.add(s.job.id);
  return ids;
}

const scheduled = (data: SeedData) => data.jobs.filter((j) => j.scheduleConfigured && j.scheduleEnabled);

/** Servers, proxies, repositories, jobs, and each VM's latest result across backups and replicas. */
export function overviewReport(data: SeedData): OverviewReport {
  const latest = latestByVm([...data.backups.tasks, ...data.replicaTasks]);
  let successfulVms = 0;
  let warningVms = 0;
  let failedVms = 0;
  for (const task of latest.values()) {
    if (task.result === "Success") successfulVms++;
    else if (task.result === "Warning") warningVms++;
    else if (task.result === "Failed") failedVms++;
  }
  return {
    backupServers: data.backupServers.length,
    proxyServers: data.backupServers.length * PROXIES_PER_SERVER,
    repositoryServers: data.repositories.length,
    runningJobs: runningJobIds(data).size,
    scheduledJobs: scheduled(data).length,
    successfulVms,
    warningVms,
    failedVms,
  };
}

/** Job runs (backup and replication sessions) started in the last 24 hours, and the longest of them. */
export function jobStatisticsReport(data: SeedData, nowMs: number): JobStatisticsReport {
  const since = nowMs - DAY;
  const recent = (sessions: readonly SessionLike[]) => sessions.filter((s) => s.creation.getTime() >= since);
  const backups = recent(data.backups.sessions);
  const replicas = recent(data.replicaSessions);
  const all = [...backups, ...replicas];
  const longest = (sessions: readonly SessionLike[]): { seconds: number; name: string } => {
    let best = { seconds: 0, name: "" };
    for (const s of sessions) {
      if (!s.end) continue;
      const seconds = Math.round((s.end.getTime() - s.creation.getTime()) / 1000);
      if (seconds > best.seconds) best = { seconds, name: s.job.name };
    }
    return best;
  };
  const backup = longest(backups);
  const replica = longest(replicas);
  const jobs = scheduled(data);
  return {
    runningJobs: runningJobIds(data).size,
    scheduledJobs: jobs.length,
    scheduledBackupJobs: jobs.filter((j) => j.jobType !== "Replica").length,
    scheduledReplicaJobs: jobs.filter((j) => j.jobType === "Replica").length,
    totalJobRuns: all.length,
    successfulJobRuns: all.filter((s) => s.result === "Success").length,
    warningsJobRuns: all.filter((s) => s.result === "Warning").length,
    failedJobRuns: all.filter((s) => s.result === "Failed").length,
    maxJobDuration: Math.max(backup.seconds, replica.seconds),
    maxBackupJobDuration: backup.seconds,
    maxReplicaJobDuration: replica.seconds,
    maxDurationBackupJobName: backup.name,
    maxDurationReplicaJobName: replica.name,
  };
}

/**
 * Protected VMs (any successful backup or replica), restore points kept (finished backup tasks within the
 * retention), their sizes (each VM's latest as its full, a tenth of the others as increments), and the
 * share of backed-up VMs whose latest backup succeeded.
 */
export function vmsOverviewReport(data: SeedData, nowMs: number): VmsOverviewReport {
  const ok = (t: TaskLike) => finished(t) && t.result !== "Failed";
  const backedUp = latestByVm(data.backups.tasks.filter(ok));
  const replicated = latestByVm(data.replicaTasks.filter(ok));
  const kept = data.backups.tasks.filter((t) => ok(t) && (t.end?.getTime() ?? 0) >= nowMs - RETENTION_MS);
  const sum = (values: Iterable<TaskLike>) => {
    let total = 0;
    for (const t of values) total += t.totalSize;
    return total;
  };
  const full = sum(backedUp.values());
  const latestBackup = latestByVm(data.backups.tasks);
  const succeeded = [...latestBackup.values()].filter((t) => t.result === "Success").length;
  const protectedVms = new Set([...backedUp.keys(), ...replicated.keys()]);
  const sizes = new Map<string, number>();
  for (const t of [...backedUp.values(), ...replicated.values()]) sizes.set(t.vm, t.totalSize);
  let source = 0;
  for (const size of sizes.values()) source += size;
  return {
    protectedVms: protectedVms.size,
    backedUpVms: backedUp.size,
    replicatedVms: replicated.size,
    restorePoints: kept.length,
    fullBackupPointsSize: full,
    incrementalBackupPointsSize: Math.max(0, Math.round((sum(kept) - full) / 10)),
    replicaRestorePointsSize: sum(replicated.values()),
    sourceVmsSize: source,
    successBackupPercents: latestBackup.size === 0 ? 0 : Math.round((succeeded / latestBackup.size) * 100),
  };
}

/** Each repository's capacity, free space and the size of the restore points kept on it. */
export function repositoryReport(data: SeedData, nowMs: number): RepositoryReportRow[] {
  const used = new Map<string, number>();
  for (const session of data.backups.sessions) {
    if (!session.end || session.end.getTime() < nowMs - RETENTION_MS) continue;
    let size = 0;
    for (const task of session.tasks) if (task.result !== "Failed") size += task.totalSize;
    used.set(session.repository.id, (used.get(session.repository.id) ?? 0) + Math.round(size / 10));
  }
  return data.repositories.map((r) => ({
    name: r.name,
    capacity: r.capacity,
    freeSpace: r.freeSpace,
    backupSize: Math.min(r.capacity - r.freeSpace, used.get(r.id) ?? 0),
  }));
}

/** Distinct VMs backed up and replicated (successfully or with a warning) on each of the last 7 days. */
export function processedVmsReport(data: SeedData, nowMs: number): ProcessedVmsDay[] {
  const today = Math.floor(nowMs / DAY) * DAY;
  const days: ProcessedVmsDay[] = [];
  for (let d = 6; d >= 0; d--) {
    const from = today - d * DAY;
    const count = (tasks: readonly TaskLike[]) => {
      const vms = new Set<string>();
      for (const t of tasks) {
        const end = t.end?.getTime();
        if (end !== undefined && end >= from && end < from + DAY && finished(t) && t.result !== "Failed")
          vms.add(t.vm);
      }
      return vms.size;
    };
    days.push({
      timestamp: new Date(from),
      backedUpVms: count(data.backups.tasks),
      replicatedVms: count(data.replicaTasks),
    });
  }
  return days;
}
