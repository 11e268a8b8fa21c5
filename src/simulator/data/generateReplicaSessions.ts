import type { Random } from "./createRandom.js";
import { EmTime, formatNameStamp } from "./EmTime.js";
import {
  DAY,
  HISTORY_DAYS,
  MINUTE,
  REPLICA_FAILURES,
  SECOND,
  TASK_FAILURES,
  TASK_WARNINGS,
} from "./seedCatalog.js";
import { stamp, taskSize } from "./seedHelpers.js";
import type { ReplicaProgress } from "./ReplicaProgress.js";
import type { JobRecord, ReplicaSessionRecord, ReplicaTaskRecord } from "./SeedData.js";

/** A replication job's sessions over the history (a running one when the job runs now) and their task sessions. */
export function generateReplicaSessions(
  random: Random,
  spec: { job: JobRecord; vms: string[]; timeOfDay: number; running: boolean },
  today: number,
  nowMs: number,
  sessions: ReplicaSessionRecord[],
  tasks: ReplicaTaskRecord[],
  progress?: ReplicaProgress,
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
      progress,
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
          progress,
        );
      }
    }
  }
}

/** Adds one replica session and its task sessions; returns its end (ms) or undefined when still running. */
export function emitReplicaSession(
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
  live?: ReplicaProgress,
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
  if (running) live?.track(session, { startMs: creation.getTime(), durationMs: duration, outcome, odd });
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
