import type { Random } from "./createRandom.js";
import { formatNameStamp } from "./EmTime.js";
import {
  CDP_FAILURES,
  DAY,
  HISTORY_DAYS,
  MINUTE,
  SECOND,
  TASK_FAILURES,
  TASK_WARNINGS,
} from "./seedCatalog.js";
import { stamp, taskSize } from "./seedHelpers.js";
import type { CdpPolicyRecord, CdpSessionRecord, CdpTaskRecord } from "./SeedData.js";

/** A CDP policy's sessions over the history (one a day, failures followed by retries) and their task sessions. */
export function generateCdpSessions(
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
