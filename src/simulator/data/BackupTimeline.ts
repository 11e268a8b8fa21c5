import { applyBackupPlan } from "./applyBackupPlan.js";
import type { Random } from "./createRandom.js";
import { EmTime, formatNameStamp } from "./EmTime.js";
import { BACKUP_FAILURES, DAY, MINUTE, SECOND, TASK_FAILURES, TASK_WARNINGS } from "./seedCatalog.js";
import { stamp, taskSize } from "./seedHelpers.js";
import type {
  BackupHistory,
  BackupSessionRecord,
  BackupTaskRecord,
  JobRecord,
  RepositoryRecord,
} from "./SeedData.js";

/** When and what a backup job runs: every `periodMs`, `phaseMs` after midnight UTC, over `vms`. */
export interface BackupSchedule {
  readonly job: JobRecord;
  readonly repository: RepositoryRecord;
  readonly vms: readonly string[];
  /** Each VM's size in GiB. */
  readonly sizesGib: readonly number[];
  readonly periodMs: number;
  readonly phaseMs: number;
  /** Runs from this moment on are not started: Infinity while the schedule runs, else when it stopped. */
  readonly untilMs: number;
  /** Runs take longer (15–40 min instead of 3–25): the jobs that are running when the simulator starts. */
  readonly long: boolean;
}

/** Upper bound of runs started by one `advance` (a clock that jumps years must not hang the simulator). */
const MAX_RUNS_PER_ADVANCE = 10_000;

/**
 * The backup history and its future: sessions start at their job's runs, run on the simulator's clock and
 * stop with their planned result. `advance(now)` is called before each request; it starts the runs that
 * came due (oldest first) and brings the running sessions to `now`. With a fixed clock nothing moves.
 */
export class BackupTimeline {
  readonly #random: Random;
  readonly #schedules: readonly BackupSchedule[];
  readonly #history: BackupHistory;
  /** The next run of each schedule, in ms (Infinity when it never runs again). */
  readonly #nextRunMs: number[];
  #running: BackupSessionRecord[] = [];
  /** Retries of failed runs not started yet (a run that failed at 03:00 is retried at 03:10). */
  #retries: Array<{ readonly schedule: BackupSchedule; readonly atMs: number }> = [];
  #at = -Infinity;

  constructor(random: Random, schedules: readonly BackupSchedule[], history: BackupHistory, fromMs: number) {
    this.#random = random;
    this.#schedules = schedules;
    this.#history = history;
    this.#nextRunMs = schedules.map((s) => firstRunAtOrAfter(s, fromMs));
  }

  /** Sessions currently running (as of the last `advance`). */
  get running(): readonly BackupSessionRecord[] {
    return this.#running;
  }

  /** Starts every run and retry due by `nowMs` in time order, then brings running sessions to `nowMs`. */
  advance(nowMs: number): void {
    if (nowMs <= this.#at) return;
    this.#at = nowMs;
    for (let runs = 0; runs < MAX_RUNS_PER_ADVANCE; runs++) {
      this.#stopFinished(nowMs);
      let next = -1;
      for (let i = 0; i < this.#schedules.length; i++) {
        if (this.#nextRunMs[i] <= nowMs && (next < 0 || this.#nextRunMs[i] < this.#nextRunMs[next])) next = i;
      }
      const retry = this.#retries.reduce<number>(
        (best, r, i) => (r.atMs <= nowMs && (best < 0 || r.atMs < this.#retries[best]!.atMs) ? i : best),
        -1,
      );
      if (retry >= 0 && (next < 0 || this.#retries[retry]!.atMs <= this.#nextRunMs[next]!)) {
        const [{ schedule, atMs }] = this.#retries.splice(retry, 1) as [
          { schedule: BackupSchedule; atMs: number },
        ];
        this.#start(schedule, atMs, true, nowMs);
        continue;
      }
      if (next < 0) break;
      const schedule = this.#schedules[next]!;
      const runMs = this.#nextRunMs[next]!;
      this.#nextRunMs[next] = runAfter(schedule, runMs);
      this.#start(schedule, runMs, false, nowMs);
    }
    this.#stopFinished(nowMs);
    this.#schedules.forEach((schedule, i) => syncNextRun(schedule.job, this.#nextRunMs[i]!));
  }

  /** Brings running sessions to `nowMs`; those that stopped leave the running list (and may be retried). */
  #stopFinished(nowMs: number): void {
    this.#running = this.#running.filter((session) => {
      const stillRunning = applyBackupPlan(session, nowMs);
      if (!stillRunning) this.#retryIfFailed(session);
      return stillRunning;
    });
  }

  /** Adds one session (and its task sessions) starting at `startMs`, as of `nowMs`. */
  #start(schedule: BackupSchedule, startMs: number, retry: boolean, nowMs: number): BackupSessionRecord {
    const random = this.#random;
    const { job, vms } = schedule;
    const id = random.guid();
    const uid = `urn:veeam:BackupJobSession:${id}`;
    const creation = stamp(random, startMs + random.int(0, 15) * SECOND);
    const duration =
      (schedule.long ? random.int(15, 40) : random.int(3, 25)) * MINUTE + random.int(0, 59) * SECOND;
    const roll = random.next();
    const outcome = roll < 0.08 ? "Failed" : roll < 0.18 ? "Warning" : "Success";
    const session: BackupSessionRecord = {
      id,
      uid,
      name: `${job.name}@${formatNameStamp(creation)}`,
      job,
      server: job.server,
      repository: schedule.repository,
      creation,
      isRetry: retry,
      plan: {
        endMs: creation.getTime() + duration,
        outcome,
        failureMessage: outcome === "Failed" ? random.pick(BACKUP_FAILURES) : "",
      },
      end: undefined,
      state: "",
      result: "",
      progress: 0,
      tasks: [],
      row: {},
      revision: 0,
    };
    const odd = random.int(0, vms.length - 1);
    const slot = duration / (vms.length + 1);
    vms.forEach((vm, k) => {
      const taskId = random.guid();
      const taskCreation = new EmTime(creation.getTime() + (2 + k) * SECOND, random.int(0, 9999));
      const waitMs = 8 * SECOND + Math.floor(k * slot * 0.7);
      const endMs = Math.min(
        session.plan.endMs - 5 * SECOND,
        taskCreation.getTime() + waitMs + Math.floor(slot * (1 + random.next() * 0.6)),
      );
      const failed = k === odd && outcome !== "Success";
      const task: BackupTaskRecord = {
        id: taskId,
        uid: `urn:veeam:BackupTaskSession:${taskId}`,
        name: `${vm}@${formatNameStamp(taskCreation)}`,
        vm,
        session,
        creation: taskCreation,
        totalSize: taskSize(random, schedule.sizesGib[k]),
        plan: {
          waitMs,
          endMs: Math.max(endMs, taskCreation.getTime() + waitMs + SECOND),
          result: failed ? outcome : "Success",
          reason: failed ? random.pick(outcome === "Failed" ? TASK_FAILURES : TASK_WARNINGS) : "",
        },
        end: undefined,
        state: "",
        result: "",
        reason: "",
        progress: 0,
        row: {},
        revision: 0,
      };
      session.tasks.push(task);
    });
    const running = applyBackupPlan(session, nowMs);
    this.#add(session);
    if (running) this.#running.push(session);
    else this.#retryIfFailed(session);
    return session;
  }

  /** A failed run is retried once, ten minutes after it stopped (VBR's default retry), in time order. */
  #retryIfFailed(session: BackupSessionRecord): void {
    if (session.plan.outcome !== "Failed" || session.isRetry) return;
    const schedule = this.#schedules.find((s) => s.job === session.job);
    if (schedule) this.#retries.push({ schedule, atMs: session.plan.endMs + 10 * MINUTE });
  }

  /** Inserts in default order (creation, then id): runs of different jobs may start seconds apart. */
  #add(session: BackupSessionRecord): void {
    const { sessions, tasks, sessionById, taskById, sessionsByJob } = this.#history;
    insertByCreation(sessions, session);
    sessionById.set(session.id, session);
    for (const task of session.tasks) {
      insertByCreation(tasks, task);
      taskById.set(task.id, task);
    }
    let ofJob = sessionsByJob.get(session.job.id);
    if (!ofJob) sessionsByJob.set(session.job.id, (ofJob = []));
    insertByCreation(ofJob, session);
  }
}

function firstRunAtOrAfter(schedule: BackupSchedule, fromMs: number): number {
  const dayStart = Math.floor(fromMs / DAY) * DAY;
  let run = dayStart + (schedule.phaseMs % schedule.periodMs) - schedule.periodMs;
  while (run < fromMs) run += schedule.periodMs;
  return run >= schedule.untilMs ? Infinity : run;
}

function runAfter(schedule: BackupSchedule, runMs: number): number {
  const next = runMs + schedule.periodMs;
  return next >= schedule.untilMs ? Infinity : next;
}

/** A job's `NextRun` is its schedule's next run (none for a disabled schedule). */
function syncNextRun(job: JobRecord, nextRunMs: number): void {
  const nextRun = job.scheduleEnabled && Number.isFinite(nextRunMs) ? nextRunMs : undefined;
  if (job.nextRun?.getTime() === nextRun) return;
  job.nextRun = nextRun === undefined ? undefined : new EmTime(nextRun);
  job.row = { ...job.row, NextRun: job.nextRun };
  job.revision = (job.revision ?? 0) + 1;
}

function insertByCreation<T extends { creation: EmTime; id: string }>(list: T[], item: T): void {
  let i = list.length;
  while (i > 0 && compareCreation(list[i - 1], item) > 0) i--;
  list.splice(i, 0, item);
}

function compareCreation(a: { creation: EmTime; id: string }, b: { creation: EmTime; id: string }): number {
  return (
    a.creation.getTime() - b.creation.getTime() ||
    a.creation.ticks - b.creation.ticks ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
