import type { Random } from "./createRandom.js";
import { EmTime } from "./EmTime.js";
import { DAY, GIB, SECOND, VM_PREFIXES } from "./seedCatalog.js";
import type { BackupServerRecord, JobRecord } from "./SeedData.js";

/* Shared pieces of the generators: jobs, VM lists, EM-shaped time stamps and sizes. */

export interface JobSpec {
  name: string;
  jobType: string;
  platform: string;
  server: BackupServerRecord;
  scheduleConfigured: boolean;
  scheduleEnabled: boolean;
  nextRun: EmTime | undefined;
  description: string;
}

export function makeJob(random: Random, spec: JobSpec): JobRecord {
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

export function nextDaily(today: number, timeOfDay: number, nowMs: number): EmTime {
  let next = today + timeOfDay;
  while (next <= nowMs) next += DAY;
  return new EmTime(next);
}

export function makeVms(random: Random, required: string[]): string[] {
  const vms = [...required];
  const target = random.int(Math.max(3, required.length), 8);
  while (vms.length < target) {
    const name = random.pick(VM_PREFIXES) + String(random.int(1, 99)).padStart(2, "0");
    if (!vms.includes(name)) vms.push(name);
  }
  return vms;
}

/** A time at `wholeMs` (rounded down to the second) plus a random fraction of 0, 2, 3, 5 or 7 digits. */
export function stamp(random: Random, wholeMs: number): EmTime {
  const second = Math.floor(wholeMs / SECOND) * SECOND;
  const digits = random.pick([0, 2, 2, 3, 5, 7]);
  if (digits === 0) return new EmTime(second);
  const fraction = random.int(0, 10 ** digits - 1) * 10 ** (7 - digits);
  return new EmTime(second + Math.floor(fraction / 10000), fraction % 10000);
}

export function taskSize(random: Random, baseGib: number): number {
  return baseGib * GIB + random.int(0, 4095) * 1024 * 1024;
}
