import { BackupTimeline, type BackupSchedule } from "./BackupTimeline.js";
import type { Random } from "./createRandom.js";
import {
  BACKUP_WORKLOADS,
  DAY,
  GIB,
  HISTORY_DAYS,
  HOUR,
  MINUTE,
  REPOSITORY_KINDS,
  SECOND,
  TIB,
} from "./seedCatalog.js";
import { makeJob, makeVms } from "./seedHelpers.js";
import type { BackupHistory, BackupServerRecord, JobRecord, RepositoryRecord } from "./SeedData.js";

/** What `generateBackups` adds to the inventory. */
export interface GeneratedBackups {
  readonly repositories: RepositoryRecord[];
  /** Backup jobs created here (the caller's named backup jobs are given schedules but not returned). */
  readonly jobs: JobRecord[];
  readonly history: BackupHistory;
  readonly timeline: BackupTimeline;
}

/**
 * The backup side of the inventory, from its own random stream (so adding it left the replication and CDP
 * data of every seed unchanged): 2–4 repositories per server, some nearly full; backup jobs running daily,
 * every 12 hours or every 6 hours over 3–8 VMs; their sessions over the history, those running now, and
 * the timeline that starts the next runs. At scale 1: 30 backup jobs and about 2,500 backup sessions.
 */
export function generateBackups(
  random: Random,
  servers: readonly BackupServerRecord[],
  namedJobs: readonly JobRecord[],
  scale: number,
  nowMs: number,
): GeneratedBackups {
  const repositories = servers.flatMap((server, s) => makeRepositories(random, server, s));
  const today = Math.floor(nowMs / DAY) * DAY;
  const jobs: JobRecord[] = [];
  const extra = Math.max(1, Math.round(26 * scale));
  for (let j = 0; j < extra; j++) {
    const server = servers[j % servers.length];
    const workload = BACKUP_WORKLOADS[j % BACKUP_WORKLOADS.length];
    const round = Math.floor(j / BACKUP_WORKLOADS.length);
    const name = `${workload}${round === 0 ? "" : ` ${round + 1}`} (${server.name.split(".")[0]})`;
    const enabled = j % 9 !== 8;
    jobs.push(
      makeJob(random, {
        name,
        jobType: j % 7 === 6 ? "BackupCopy" : "Backup",
        platform: j % 6 === 5 ? "Hyperv" : j % 11 === 10 ? "vCloud" : "VMware",
        server,
        scheduleConfigured: true,
        scheduleEnabled: enabled,
        nextRun: undefined, // the timeline sets it from the schedule
        description: j % 3 === 0 ? "" : `${workload}: nightly incremental, weekly synthetic full`,
      }),
    );
  }
  const schedules = [...namedJobs, ...jobs].map((job, j): BackupSchedule => {
    const own = repositories.filter((r) => r.server === job.server);
    const periodMs = j % 5 === 3 ? 6 * HOUR : j % 5 === 1 ? 12 * HOUR : DAY;
    // Every fifth job started a few minutes ago, so the simulator starts with backups running.
    const long = j % 5 === 0;
    const phaseMs = long
      ? (((nowMs - random.int(2, 8) * MINUTE - random.int(0, 59) * SECOND) % periodMs) + periodMs) % periodMs
      : (((20 + (j % 8)) % 24) * HOUR + random.int(0, 59) * MINUTE) % periodMs;
    const active = job.scheduleConfigured && job.scheduleEnabled;
    return {
      job,
      repository: own[j % own.length],
      vms: makeVms(random, j === 0 ? ["apache02", "ubuntu88"] : []),
      sizesGib: Array.from({ length: 8 }, () => random.int(20, 900)),
      periodMs,
      phaseMs,
      untilMs: active ? Infinity : today - 10 * DAY,
      long,
    };
  });
  const history: BackupHistory = {
    sessions: [],
    tasks: [],
    sessionById: new Map(),
    taskById: new Map(),
    sessionsByJob: new Map(),
  };
  const timeline = new BackupTimeline(random, schedules, history, today - HISTORY_DAYS * DAY);
  timeline.advance(nowMs);
  return { repositories, jobs, history, timeline };
}

function makeRepositories(random: Random, server: BackupServerRecord, s: number): RepositoryRecord[] {
  const kinds = [
    { name: "Default Backup Repository", kind: "WindowsLocal" },
    ...REPOSITORY_KINDS.slice(s % REPOSITORY_KINDS.length)
      .concat(REPOSITORY_KINDS)
      .slice(0, 1 + (s % 3)),
  ];
  const host = server.name.split(".")[0];
  return kinds.map((spec, k) => {
    const id = random.guid();
    const uid = `urn:veeam:Repository:${id}`;
    const name = k === 0 ? spec.name : `${spec.name} (${host})`;
    const capacity = random.int(4, 64) * TIB + random.int(0, 1023) * GIB;
    // Every other server has one repository under 10 % free: the dashboards' favourite alert.
    const freeShare = k === 1 && s % 2 === 0 ? random.int(2, 9) / 100 : random.int(15, 70) / 100;
    const freeSpace = Math.floor(capacity * freeShare);
    return {
      id,
      uid,
      name,
      kind: spec.kind,
      capacity,
      freeSpace,
      server,
      row: {
        UID: uid,
        Name: name,
        Capacity: capacity,
        FreeSpace: freeSpace,
        Kind: spec.kind,
        BackupServerUid: server.uid,
        BackupServerName: server.name,
      },
    };
  });
}
