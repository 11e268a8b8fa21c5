import { EmTime } from "./EmTime.js";
import type { BackupSessionRecord, BackupTaskRecord } from "./SeedData.js";

/*
 * What EM shows of a backup session at a given time, derived from the plan it was given when it started:
 * its task sessions wait (Pending), run (InProgress, with a progress) and complete with their planned result
 * one by one; the session works until its planned end and then stops with its planned outcome. The same
 * derivation serves the history (long past) and the sessions running now, so a running session ends
 * exactly as a historical one looks.
 */

/**
 * Brings `session` and its task sessions to time `nowMs`, bumping `revision` and rebuilding the query row of
 * each record whose visible state changed. Returns whether the session is still running.
 */
export function applyBackupPlan(session: BackupSessionRecord, nowMs: number): boolean {
  let progressSum = 0;
  for (const task of session.tasks) progressSum += applyTaskPlan(task, nowMs);
  const running = nowMs < session.plan.endMs;
  const state = running ? "Working" : "Stopped";
  const result = running ? "None" : session.plan.outcome;
  const progress = running ? Math.min(99, Math.floor(progressSum / Math.max(1, session.tasks.length))) : 100;
  if (
    session.state !== state ||
    session.result !== result ||
    session.progress !== progress ||
    session.revision === 0
  ) {
    session.state = state;
    session.result = result;
    session.progress = progress;
    session.end = running ? undefined : new EmTime(session.plan.endMs);
    session.revision++;
    session.row = backupSessionRow(session);
  }
  return running;
}

/** Brings one task session to `nowMs`; returns its progress (0–100). */
function applyTaskPlan(task: BackupTaskRecord, nowMs: number): number {
  const startMs = task.creation.getTime();
  let state: string;
  let progress: number;
  if (nowMs >= task.plan.endMs) {
    state = "Completed";
    progress = 100;
  } else if (nowMs >= startMs + task.plan.waitMs) {
    state = "InProgress";
    const runMs = task.plan.endMs - startMs - task.plan.waitMs;
    progress = Math.min(99, Math.floor(((nowMs - startMs - task.plan.waitMs) / runMs) * 100));
  } else {
    state = "Pending";
    progress = 0;
  }
  if (task.state !== state || task.progress !== progress || task.revision === 0) {
    const done = state === "Completed";
    task.state = state;
    task.progress = progress;
    task.result = done ? task.plan.result : "None";
    task.reason = done ? task.plan.reason : "";
    task.end = done ? new EmTime(task.plan.endMs) : undefined;
    task.revision++;
    task.row = backupTaskRow(task);
  }
  return progress;
}

function backupSessionRow(s: BackupSessionRecord): BackupSessionRecord["row"] {
  return {
    UID: s.uid,
    Name: s.name,
    JobType: s.job.jobType,
    JobUid: s.job.uid,
    JobName: s.job.name,
    CreationTime: s.creation,
    EndTime: s.end,
    State: s.state,
    Result: s.result,
    IsRetry: s.isRetry,
    BackupServerUid: s.server.uid,
    BackupServerName: s.server.name,
  };
}

function backupTaskRow(t: BackupTaskRecord): BackupTaskRecord["row"] {
  const session = t.session;
  return {
    UID: t.uid,
    Name: t.name,
    CreationTime: t.creation,
    EndTime: t.end,
    State: t.state,
    Result: t.result,
    Reason: t.reason,
    TotalSize: t.totalSize,
    JobSessionUid: session.uid,
    JobUid: session.job.uid,
    JobName: session.job.name,
    BackupServerUid: session.server.uid,
    BackupServerName: session.server.name,
    VmDisplayName: t.vm,
  };
}
