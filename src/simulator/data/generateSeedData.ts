import { createRandom, type Random } from "./createRandom.js";
import { EmTime, formatNameStamp } from "./EmTime.js";
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

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const GIB = 1024 * 1024 * 1024;
/** Days of history; longer than the 30-day window of the session collections so the window is visible. */
const HISTORY_DAYS = 45;

/**
 * Builds the deterministic inventory for a seed, a scale and "now".
 *
 * Volume at scale 1: 4 backup servers, 6 replication jobs and 4 backup jobs, 4 CDP policies; one session a
 * day per job/policy over 45 days plus retries, one task session per VM (3–8 VMs each): about 3,000
 * sessions and task sessions. `scale` multiplies the number of jobs and policies (servers stay 4). Some
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
  for (let j = 0; j < backupJobCount; j++) {
    const name = BACKUP_JOB_NAMES[j] ?? `Backup Job ${j + 1}`;
    const configured = j % 4 !== 3;
    const enabled = configured && j % 5 !== 2;
    const hour = (20 + j) % 24;
    jobs.push(
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
  for (const spec of replicaJobs) {
    generateReplicaSessions(random, spec, today, nowMs, replicaSessions, replicaTasks);
  }

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
  };
}

const SERVERS = [
  {
    name: "enterprise01.tech.local",
    version: "13.0.1.1071",
    description: "Primary site",
    ipOrDnsName: "172.17.53.41",
  },
  {
    name: "enterprise03.tech.local",
    version: "12.3.2.3617",
    description: "",
    ipOrDnsName: "enterprise03.tech.local",
  },
  {
    name: "enterprise06.tech.local",
    version: "13.0.1.1071",
    description: 'DR site & "replicas" <east>',
    ipOrDnsName: "172.17.53.46",
  },
  {
    name: "backupsrv29.tech.local",
    version: "11.0.0.837",
    description: "",
    ipOrDnsName: "backupsrv29.tech.local",
  },
];
const BACKUP_JOB_NAMES = ["Backup Job 1", "CRM Backup", "Exchange Backup", "Backup Copy Job 1"];
const BACKUP_JOB_TYPES = ["Backup", "Backup", "ImmediateBackupCopy", "BackupCopy"];
const VM_PREFIXES = [
  "ubuntu",
  "apache",
  "sql",
  "web",
  "dc",
  "exch",
  "virt03-ubuntu",
  "win2022-",
  "rhel",
  "app",
];
const CDP_FAILURES = [
  "Failed to process CDP policy: lost connection to the I/O filter on host esx02.tech.local.",
  "Error: RPO violation: 3 consecutive restore points were not created within the RPO interval.",
];
const REPLICA_FAILURES = [
  "Error: Failed to create VM snapshot. Insufficient space on datastore 'ds-replica-01'.",
  "Error: Cannot connect to host esx05.tech.local: connection timed out.",
  "Processing finished with errors at 03.11.2025 21:03:16",
];
const TASK_WARNINGS = [
  "Snapshot consolidation took longer than expected.",
  "Changed block tracking was reset; a full read was performed.",
];
const TASK_FAILURES = [
  "Error: VM is no longer available on the host.",
  "Error: Failed to open VDDK disk [ds01] vm/vm.vmdk (NBD mode).",
];

interface JobSpec {
  name: string;
  jobType: string;
  platform: string;
  server: BackupServerRecord;
  scheduleConfigured: boolean;
  scheduleEnabled: boolean;
  nextRun: EmTime | undefined;
  description: string;
}

function makeJob(random: Random, spec: JobSpec): JobRecord {
  const id = random.guid();
  const uid = `urn:veeam:Job:${id}`;
  return {
    id,
    uid,
    ...spec,
    row: {
      UID: uid,
      Name: spec.name,
      Description: spec.description,
      NextRun: spec.nextRun,
      JobType: spec.jobType,
      Platform: spec.platform,
      ScheduleConfigured: spec.scheduleConfigured,
      ScheduleEnabled: spec.scheduleEnabled,
      BackupServerUid: spec.server.uid,
      BackupServerName: spec.server.name,
    },
  };
}

function nextDaily(today: number, timeOfDay: number, nowMs: number): EmTime {
  let next = today + timeOfDay;
  while (next <= nowMs) next += DAY;
  return new EmTime(next);
}

function makeVms(random: Random, required: string[]): string[] {
  const vms = [...required];
  const target = random.int(Math.max(3, required.length), 8);
  while (vms.length < target) {
    const name = random.pick(VM_PREFIXES) + String(random.int(1, 99)).padStart(2, "0");
    if (!vms.includes(name)) vms.push(name);
  }
  return vms;
}

/** A time at `wholeMs` (rounded down to the second) plus a random fraction of 0, 2, 3, 5 or 7 digits. */
function stamp(random: Random, wholeMs: number): EmTime {
  const second = Math.floor(wholeMs / SECOND) * SECOND;
  const digits = random.pick([0, 2, 2, 3, 5, 7]);
  if (digits === 0) return new EmTime(second);
  const fraction = random.int(0, 10 ** digits - 1) * 10 ** (7 - digits);
  return new EmTime(second + Math.floor(fraction / 10000), fraction % 10000);
}

function taskSize(random: Random, baseGib: number): number {
  return baseGib * GIB + random.int(0, 4095) * 1024 * 1024;
}

function generateCdpSessions(
  random: Random,
  policy: CdpPolicyRecord,
  vms: string[],
  today: number,
  timeOfDay: number,
  nowMs: number,
  sessions: CdpSessionRecord[],
  tasks: CdpTaskRecord[],
): void {
  const sizes = vms.map(() => random.int(16, 512));
  const starts: number[] = [];
  for (let d = HISTORY_DAYS; d >= 0; d--) {
    const start = today - d * DAY + timeOfDay;
    if (start <= nowMs) starts.push(start);
  }
  const plan: Array<{
    start: number;
    until: number | undefined;
    retry: boolean;
    failed: boolean;
    warning: boolean;
  }> = [];
  for (let i = 0; i < starts.length; i++) {
    const next = starts[i + 1];
    const roll = random.next();
    if (roll < 0.07 && next !== undefined) {
      const failedAt = starts[i] + random.int(10, 300) * MINUTE;
      plan.push({ start: starts[i], until: failedAt, retry: false, failed: true, warning: false });
      const retryStart = failedAt + random.int(5, 15) * MINUTE;
      if (retryStart <= nowMs) {
        plan.push({
          start: retryStart,
          until: next - random.int(1, 5) * SECOND,
          retry: true,
          failed: false,
          warning: false,
        });
      }
      continue;
    }
    plan.push({
      start: starts[i],
      until: next === undefined ? undefined : next - random.int(1, 5) * SECOND,
      retry: false,
      failed: false,
      warning: roll < 0.12,
    });
  }
  for (const entry of plan) {
    const id = random.guid();
    const uid = `urn:veeam:CdpReplicaSession:${id}`;
    const creation = stamp(random, entry.start + random.int(0, 9) * SECOND);
    const running = entry.until === undefined;
    const end = running ? undefined : stamp(random, entry.until as number);
    const result = running ? "None" : entry.failed ? "Failed" : entry.warning ? "Warning" : "Success";
    const failureMessage = entry.failed ? random.pick(CDP_FAILURES) : "";
    const name = `${policy.name}@${formatNameStamp(creation)}`;
    const session: CdpSessionRecord = {
      id,
      uid,
      name,
      policy,
      server: policy.server,
      creation,
      end,
      state: running ? "Working" : "Stopped",
      result,
      progress: running ? 0 : 100,
      failureMessage,
      isRetry: entry.retry,
      tasks: [],
      row: {},
    };
    session.row = {
      Id: uid,
      Name: name,
      PolicyUid: policy.uid,
      PolicyName: policy.name,
      BackupServerUid: policy.server.uid,
      BackupServerName: policy.server.name,
      CreationTimeUTC: creation,
      EndTimeUTC: end,
      State: session.state,
      Result: result,
      FailureMessage: failureMessage,
    };
    sessions.push(session);
    const odd = random.int(0, vms.length - 1);
    vms.forEach((vm, k) => {
      const taskId = random.guid();
      const taskUid = `urn:veeam:CdpReplicaTaskSession:${taskId}`;
      const taskCreation = stamp(
        random,
        Math.min(nowMs, creation.getTime() + (5 + k * random.int(1, 4)) * SECOND),
      );
      const taskEnd = end
        ? stamp(random, Math.max(taskCreation.getTime(), end.getTime() - random.int(0, 3) * SECOND))
        : undefined;
      let taskResult = "Success";
      let reason: string | undefined;
      if (k === odd && result === "Failed") {
        taskResult = "Failed";
        reason = random.pick(TASK_FAILURES);
      } else if (k === odd && result === "Warning") {
        taskResult = "Warning";
        reason = random.pick(TASK_WARNINGS);
      }
      const taskName = `${vm}@${formatNameStamp(taskCreation)}`;
      const totalSize = taskSize(random, sizes[k]);
      const state = running ? "InProgress" : "Completed";
      const task: CdpTaskRecord = {
        id: taskId,
        uid: taskUid,
        name: taskName,
        vm,
        session,
        creation: taskCreation,
        end: taskEnd,
        state,
        result: taskResult,
        reason,
        totalSize,
        row: {
          Id: taskUid,
          Name: taskName,
          PolicySessionUid: uid,
          PolicySessionName: name,
          BackupServerUid: policy.server.uid,
          BackupServerName: policy.server.name,
          CreationTimeUTC: taskCreation,
          EndTimeUTC: taskEnd,
          State: state,
          Reason: reason,
          TotalSize: totalSize,
          VmDisplayName: vm,
        },
      };
      session.tasks.push(task);
      tasks.push(task);
    });
  }
}

function generateReplicaSessions(
  random: Random,
  spec: { job: JobRecord; vms: string[]; timeOfDay: number; running: boolean },
  today: number,
  nowMs: number,
  sessions: ReplicaSessionRecord[],
  tasks: ReplicaTaskRecord[],
): void {
  const { job, vms } = spec;
  const sizes = vms.map(() => random.int(16, 768));
  const plan: Array<{ start: number; retry: boolean; outcome: "Success" | "Warning" | "Failed" }> = [];
  for (let d = HISTORY_DAYS; d >= 0; d--) {
    const start = today - d * DAY + spec.timeOfDay;
    if (start > nowMs) continue;
    const roll = random.next();
    const outcome = roll < 0.1 ? "Failed" : roll < 0.18 ? "Warning" : "Success";
    plan.push({ start, retry: false, outcome });
  }
  for (const entry of plan) {
    const duration = (spec.running ? random.int(15, 40) : random.int(2, 12)) * MINUTE;
    const endAt = emitReplicaSession(
      random,
      job,
      vms,
      sizes,
      entry.start,
      duration,
      entry.retry,
      entry.outcome,
      nowMs,
      sessions,
      tasks,
    );
    if (entry.outcome === "Failed" && endAt !== undefined) {
      const retryStart = endAt + 10 * MINUTE;
      if (retryStart <= nowMs) {
        const outcome = random.next() < 0.8 ? "Success" : "Failed";
        emitReplicaSession(
          random,
          job,
          vms,
          sizes,
          retryStart,
          random.int(2, 12) * MINUTE,
          true,
          outcome,
          nowMs,
          sessions,
          tasks,
        );
      }
    }
  }
}

/** Adds one replica session and its task sessions; returns its end (ms) or undefined when still running. */
function emitReplicaSession(
  random: Random,
  job: JobRecord,
  vms: string[],
  sizes: number[],
  start: number,
  duration: number,
  retry: boolean,
  outcome: "Success" | "Warning" | "Failed",
  nowMs: number,
  sessions: ReplicaSessionRecord[],
  tasks: ReplicaTaskRecord[],
): number | undefined {
  const id = random.guid();
  const uid = `urn:veeam:ReplicaJobSession:${id}`;
  const creation = stamp(random, start + random.int(0, 15) * SECOND);
  const running = creation.getTime() + duration > nowMs;
  const end = running ? undefined : stamp(random, creation.getTime() + duration);
  const result = running ? "None" : outcome;
  const name = `${job.name}@${formatNameStamp(creation)}`;
  const elapsed = nowMs - creation.getTime();
  const doneTasks = running
    ? Math.min(vms.length - 1, Math.floor((elapsed / duration) * vms.length))
    : vms.length;
  const progress = running ? Math.min(99, Math.floor((doneTasks / vms.length) * 100)) : 100;
  const session: ReplicaSessionRecord = {
    id,
    uid,
    name,
    job,
    server: job.server,
    creation,
    end,
    state: running ? "Working" : "Stopped",
    result,
    progress,
    failureMessage: result === "Failed" ? random.pick(REPLICA_FAILURES) : undefined,
    isRetry: retry,
    tasks: [],
    row: {},
  };
  session.row = {
    UID: uid,
    Name: name,
    JobType: job.jobType,
    JobUid: job.uid,
    JobName: job.name,
    CreationTime: creation,
    EndTime: end,
    State: session.state,
    Result: result,
    IsRetry: retry,
    BackupServerUid: job.server.uid,
    BackupServerName: job.server.name,
  };
  sessions.push(session);
  const odd = random.int(0, vms.length - 1);
  const slot = Math.max(1, Math.floor(duration / (vms.length + 1)));
  vms.forEach((vm, k) => {
    const taskId = random.guid();
    const taskUid = `urn:veeam:ReplicaTaskSession:${taskId}`;
    const taskCreation = stamp(
      random,
      Math.min(nowMs, creation.getTime() + 10 * SECOND + k * random.int(3, 20) * SECOND),
    );
    let state = "Completed";
    let taskResult: string = "Success";
    let reason = "";
    let taskEnd: EmTime | undefined;
    if (running && k >= doneTasks) {
      state = k === doneTasks ? "InProgress" : "Pending";
      taskResult = "None";
    } else {
      const endMs = Math.min(
        end ? end.getTime() : nowMs,
        Math.max(taskCreation.getTime() + 30 * SECOND, creation.getTime() + (k + 1) * slot),
      );
      taskEnd = stamp(random, Math.max(endMs, taskCreation.getTime()));
      if (k === odd && outcome === "Failed" && !running) {
        taskResult = "Failed";
        reason = random.pick(TASK_FAILURES);
      } else if (k === odd && outcome === "Warning" && !running) {
        taskResult = "Warning";
        reason = random.pick(TASK_WARNINGS);
      }
    }
    const taskName = `${vm}@${formatNameStamp(taskCreation)}`;
    const totalSize = taskSize(random, sizes[k]);
    const task: ReplicaTaskRecord = {
      id: taskId,
      uid: taskUid,
      name: taskName,
      vm,
      session,
      creation: taskCreation,
      end: taskEnd,
      state,
      result: taskResult,
      reason,
      totalSize,
      row: {
        UID: taskUid,
        Name: taskName,
        CreationTime: taskCreation,
        EndTime: taskEnd,
        State: state,
        Result: taskResult,
        Reason: reason,
        TotalSize: totalSize,
        JobSessionUid: uid,
        JobUid: job.uid,
        JobName: job.name,
        BackupServerUid: job.server.uid,
        BackupServerName: job.server.name,
        VmDisplayName: vm,
      },
    };
    session.tasks.push(task);
    tasks.push(task);
  });
  return end?.getTime();
}
