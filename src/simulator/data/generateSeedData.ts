import { createRandom } from "./createRandom.js";
import type { EmTime } from "./EmTime.js";
import type {
  BackupServerRecord,
  CdpPolicyRecord,
  CdpSessionRecord,
  CdpTaskRecord,
  JobRecord,
  ReplicaSessionRecord,
  ReplicaTaskRecord,
  SeedData,
} from "./SeedData.js";
import { generateBackups } from "./generateBackups.js";
import { generateCdpSessions } from "./generateCdpSessions.js";
import { generateReplicaSessions } from "./generateReplicaSessions.js";
import { ReplicaProgress } from "./ReplicaProgress.js";
import { BACKUP_JOB_NAMES, BACKUP_JOB_TYPES, DAY, HOUR, MINUTE, SECOND, SERVERS } from "./seedCatalog.js";
import { makeJob, makeVms, nextDaily } from "./seedHelpers.js";

/**
 * Builds the deterministic inventory for a seed, a scale and "now".
 *
 * Volume at scale 1: 4 backup servers, 6 replication jobs, 4 CDP policies, one session a day per job and
 * policy over 45 days plus retries, one task session per VM (3–8 VMs each): about 3,000 sessions and task
 * sessions; and the backup side (`generateBackups`): 30 backup jobs, 12 repositories, about 2,500 backup
 * sessions with their task sessions. `scale` multiplies the number of jobs and policies (servers stay 4). Some
 * names are chosen so the documented example requests find data (`enterprise06.tech.local`,
 * `backupsrv29.tech.local` on version `11.0.0.837`, VMs `apache02`, `virt03-ubuntu01`, `ubuntu88`), and
 * some contain characters that need XML escaping or filter quoting (`&`, `<`, `"`).
 */
export function generateSeedData(seed: number, scale: number, now: Date): SeedData {
  const random = createRandom(seed);
  const nowMs = now.getTime();
  const today = Math.floor(nowMs / DAY) * DAY;
  const count = (base: number): number => Math.max(1, Math.round(base * scale));

  const backupServers = SERVERS.map((spec): BackupServerRecord => {
    const id = random.guid();
    const uid = `urn:veeam:BackupServer:${id}`;
    return {
      id,
      uid,
      ...spec,
      port: 9392,
      row: {
        UID: uid,
        Name: spec.name,
        Description: spec.description,
        IpOrDnsName: spec.ipOrDnsName,
        Port: 9392,
        Version: spec.version,
      },
    };
  });

  const jobs: JobRecord[] = [];
  const replicaJobs: Array<{ job: JobRecord; vms: string[]; timeOfDay: number; running: boolean }> = [];
  const replicaJobCount = count(6);
  for (let j = 0; j < replicaJobCount; j++) {
    const name =
      j === 1 ? 'Exchange "DR" Replica' : j === 2 ? "SQL & <Tier-1> Replica" : `Replication Job ${j + 1}`;
    const platform = j % 7 === 5 ? "vCloud" : j % 4 === 3 ? "Hyperv" : "VMware";
    const server = backupServers[j % backupServers.length];
    // Every third job runs "now": its daily start is a few minutes before the clock, so today's session is running.
    const running = j % 3 === 0;
    const timeOfDay = running
      ? (((nowMs - random.int(2, 8) * MINUTE - random.int(0, 59) * SECOND) % DAY) + DAY) % DAY
      : ((18 + j) % 24) * HOUR + random.int(0, 59) * MINUTE + random.int(0, 59) * SECOND;
    const enabled = j % 5 !== 4;
    const job = makeJob(random, {
      name,
      jobType: "Replica",
      platform,
      server,
      scheduleConfigured: true,
      scheduleEnabled: enabled,
      nextRun: enabled ? nextDaily(today, timeOfDay, nowMs) : undefined,
      description: j % 2 === 0 ? `Created by TECH\\Administrator at ${j + 1}/7/2025 8:00 PM.` : "",
    });
    jobs.push(job);
    const vms = makeVms(random, j === 0 ? ["apache02", "ubuntu88"] : []);
    replicaJobs.push({ job, vms, timeOfDay, running });
  }
  const backupJobCount = count(4);
  const namedBackupJobs: JobRecord[] = [];
  for (let j = 0; j < backupJobCount; j++) {
    const name = BACKUP_JOB_NAMES[j] ?? `Backup Job ${j + 1}`;
    const configured = j % 4 !== 3;
    const enabled = configured && j % 5 !== 2;
    const hour = (20 + j) % 24;
    namedBackupJobs.push(
      makeJob(random, {
        name,
        jobType: BACKUP_JOB_TYPES[j % BACKUP_JOB_TYPES.length],
        platform: (["VMware", "Hyperv", "vCloud"] as const)[j % 3],
        server: backupServers[(j + 1) % backupServers.length],
        scheduleConfigured: configured,
        scheduleEnabled: enabled,
        nextRun: enabled ? nextDaily(today, hour * HOUR, nowMs) : undefined,
        description: j % 3 === 1 ? "" : `Nightly ${name} & weekly synthetic full`,
      }),
    );
  }

  const cdpPolicies: CdpPolicyRecord[] = [];
  const cdpSessions: CdpSessionRecord[] = [];
  const cdpTasks: CdpTaskRecord[] = [];
  const policyCount = count(4);
  for (let p = 0; p < policyCount; p++) {
    const id = random.guid();
    const uid = `urn:veeam:CdpPolicy:${id}`;
    const name = `CDP Policy ${p + 1}`;
    const server = backupServers[p % backupServers.length];
    const enabled = p % 4 !== 3;
    const timeOfDay = random.int(0, DAY / SECOND - 1) * SECOND;
    const description = p % 2 === 0 ? "" : `CDP for tier-1 VMs (RPO 15 s) <${server.name}>`;
    const nextRun = enabled ? nextDaily(today, timeOfDay, nowMs) : undefined;
    const policy: CdpPolicyRecord = {
      id,
      uid,
      name,
      description,
      platform: p % 3 === 2 ? "vCloud" : "VMware",
      scheduleConfigured: true,
      scheduleEnabled: enabled,
      nextRun,
      server,
      row: {
        UID: uid,
        Name: name,
        Description: description,
        NextRun: nextRun,
        ScheduleConfigured: true,
        ScheduleEnabled: enabled,
        BackupServerUid: server.uid,
        BackupServerName: server.name,
      },
    };
    cdpPolicies.push(policy);
    const vms = makeVms(random, p === 0 ? ["virt03-ubuntu01"] : []);
    generateCdpSessions(random, policy, vms, today, timeOfDay, nowMs, cdpSessions, cdpTasks);
  }

  const replicaSessions: ReplicaSessionRecord[] = [];
  const replicaTasks: ReplicaTaskRecord[] = [];
  const replicaProgress = new ReplicaProgress();
  for (const spec of replicaJobs) {
    generateReplicaSessions(random, spec, today, nowMs, replicaSessions, replicaTasks, replicaProgress);
  }

  // The backup side draws from a stream of its own, so it leaves everything above unchanged for a seed.
  const backups = generateBackups(
    createRandom(seed + BACKUP_STREAM),
    backupServers,
    namedBackupJobs,
    scale,
    nowMs,
  );
  jobs.push(...namedBackupJobs, ...backups.jobs);

  const byName = <T extends { name: string; id: string }>(a: T, b: T): number => {
    const x = a.name.toLowerCase();
    const y = b.name.toLowerCase();
    return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
  const byCreation = <T extends { creation: EmTime; id: string }>(a: T, b: T): number =>
    a.creation.getTime() - b.creation.getTime() ||
    a.creation.ticks - b.creation.ticks ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  backupServers.sort(byName);
  jobs.sort(byName);
  backups.repositories.sort(byName);
  cdpPolicies.sort(byName);
  cdpSessions.sort(byCreation);
  cdpTasks.sort(byCreation);
  replicaSessions.sort(byCreation);
  replicaTasks.sort(byCreation);

  const index = <T extends { id: string }>(items: readonly T[]): Map<string, T> =>
    new Map(items.map((item) => [item.id, item]));
  const cdpSessionsByPolicy = new Map<string, CdpSessionRecord[]>();
  for (const session of cdpSessions) {
    const list = cdpSessionsByPolicy.get(session.policy.id);
    if (list) list.push(session);
    else cdpSessionsByPolicy.set(session.policy.id, [session]);
  }
  for (const session of cdpSessions) session.tasks.sort(byCreation);
  for (const session of replicaSessions) session.tasks.sort(byCreation);

  return {
    backupServers,
    jobs,
    cdpPolicies,
    cdpSessions,
    cdpTasks,
    replicaSessions,
    replicaTasks,
    backupServerById: index(backupServers),
    jobById: index(jobs),
    cdpPolicyById: index(cdpPolicies),
    cdpSessionById: index(cdpSessions),
    cdpTaskById: index(cdpTasks),
    replicaSessionById: index(replicaSessions),
    replicaTaskById: index(replicaTasks),
    cdpSessionsByPolicy,
    repositories: backups.repositories,
    repositoryById: index(backups.repositories),
    repositoriesByServer: groupBy(backups.repositories, (r) => r.server.id),
    backups: backups.history,
    timeline: backups.timeline,
    replicaProgress,
  };
}

/** Offset of the backup side's random stream from the seed. */
const BACKUP_STREAM = 0x0ba5e;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
