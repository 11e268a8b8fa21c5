import { EmTime } from "./EmTime.js";
import { REPLICA_FAILURES, SECOND, TASK_FAILURES, TASK_WARNINGS } from "./seedCatalog.js";
import type { ReplicaSessionRecord, ReplicaTaskRecord } from "./SeedData.js";

/** How a replication session that was running when the data was generated goes on. */
export interface ReplicaPlan {
  readonly startMs: number;
  readonly durationMs: number;
  readonly outcome: "Success" | "Warning" | "Failed";
  /** The VM that warns or fails when the outcome is not Success. */
  readonly odd: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The replication sessions running when the simulator started, moved on by its clock as the generator
 * would have drawn them at that time: their VMs complete one by one (the one planned to warn or fail with
 * that result), progress follows, and the session stops with its planned outcome. Computed from the plan
 * alone (no random draws), so the generated data of a seed stays what it was.
 */
export class ReplicaProgress {
  readonly #running = new Map<ReplicaSessionRecord, ReplicaPlan>();

  track(session: ReplicaSessionRecord, plan: ReplicaPlan): void {
    this.#running.set(session, plan);
  }

  /** Brings every running session to `nowMs`; the ones that stopped are no longer tracked. */
  advance(nowMs: number): void {
    for (const [session, plan] of this.#running) {
      if (!applyReplicaPlan(session, plan, nowMs)) this.#running.delete(session);
    }
  }
}

/** Brings one session and its task sessions to `nowMs`; returns whether it still runs. */
function applyReplicaPlan(record: ReplicaSessionRecord, plan: ReplicaPlan, nowMs: number): boolean {
  const session = record as Mutable<ReplicaSessionRecord>;
  const elapsed = nowMs - plan.startMs;
  const running = elapsed < plan.durationMs;
  const count = session.tasks.length;
  const done = running ? Math.min(count - 1, Math.floor((elapsed / plan.durationMs) * count)) : count;
  const progress = running ? Math.min(99, Math.floor((done / count) * 100)) : 100;
  const slot = Math.max(1, Math.floor(plan.durationMs / (count + 1)));
  session.tasks.forEach((task, k) => {
    const state = k < done ? "Completed" : k === done ? "InProgress" : "Pending";
    if (task.state === state) return;
    const t = task as Mutable<ReplicaTaskRecord>;
    t.state = state;
    if (state === "Completed") {
      const endMs = Math.min(
        plan.startMs + plan.durationMs,
        Math.max(task.creation.getTime() + 30 * SECOND, plan.startMs + (k + 1) * slot),
      );
      t.end = new EmTime(Math.max(endMs, task.creation.getTime()));
      const odd = k === plan.odd && plan.outcome !== "Success";
      t.result = odd ? plan.outcome : "Success";
      t.reason = odd ? (plan.outcome === "Failed" ? TASK_FAILURES[0]! : TASK_WARNINGS[0]!) : "";
    }
    t.row = { ...task.row, State: t.state, Result: t.result, Reason: t.reason, EndTime: t.end };
    t.revision = (t.revision ?? 0) + 1;
  });
  if (session.progress !== progress || (!running && session.state !== "Stopped")) {
    session.progress = progress;
    if (!running) {
      session.state = "Stopped";
      session.result = plan.outcome;
      session.end = new EmTime(plan.startMs + plan.durationMs);
      session.failureMessage = plan.outcome === "Failed" ? REPLICA_FAILURES[0]! : undefined;
    }
    session.row = { ...session.row, State: session.state, Result: session.result, EndTime: session.end };
    session.revision = (session.revision ?? 0) + 1;
  }
  return running;
}
