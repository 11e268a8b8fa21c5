import { describe, expect, it } from "vitest";
import { generateSeedData } from "../../src/simulator/data/generateSeedData.js";
import { startSimulator } from "../../src/simulator/startSimulator.js";
import { get, links, logon, NOW, useSimulator } from "./simulatorTestKit.js";

/* The backup resources, repositories and summary reports of the simulator (docs/em-reference.md). */

const sim = await useSimulator();
const token = await logon(sim);
const u = sim.url;
const DAY = 86_400_000;

/** Child element names after `</Links>` of a standalone entity document, in document order. */
function childOrder(text: string): string[] {
  const body = text.slice(text.indexOf("</Links>") + "</Links>".length);
  return [...body.matchAll(/^ {4}<(\w+)/gm)].map((m) => m[1]);
}

async function entities(type: string, filter?: string): Promise<any[]> {
  const q =
    `/query?type=${type}&format=Entities&pageSize=100000` +
    (filter ? `&filter=${encodeURIComponent(filter)}` : "");
  const res = await get(sim, token, q);
  expect(res.status).toBe(200);
  const list = (Object.values(res.xml.QueryResult.Entities[0])[0] as any[])[0];
  return typeof list === "object" && list ? (Object.values(list)[0] as any[]) : [];
}

const guidOf = (uid: string): string => uid.split(":").pop()!;

describe("BackupJobSession", async () => {
  const sessions = await entities("BackupJobSession");
  const running = sessions.find((s) => s.State[0] === "Working")!;
  const failed = sessions.find((s) => s.Result[0] === "Failed")!;

  it("has tens of jobs' worth of sessions, thousands over 30 days, some running", async () => {
    const recent = sessions.filter((s) => Date.parse(s.CreationTimeUTC[0]) >= NOW.getTime() - 30 * DAY);
    expect(recent.length).toBeGreaterThan(1000);
    expect(new Set(sessions.map((s) => s.JobUid[0])).size).toBeGreaterThanOrEqual(20);
    expect(running).toBeDefined();
    expect(running.EndTimeUTC).toBeUndefined();
    expect(running.Result[0]).toBe("None");
  });

  it("writes the entity with its links in order and the JobSessionEntityType elements", async () => {
    const id = guidOf(failed.$.UID);
    const res = await get(sim, token, `/backupSessions/${id}?format=Entity`);
    expect(res.status).toBe(200);
    const root = res.xml.BackupJobSession;
    expect(root.$).toMatchObject({ Type: "BackupJobSession", UID: `urn:veeam:BackupJobSession:${id}` });
    expect(root.$.Href).toBe(`${u}/backupSessions/${id}?format=Entity`);
    expect(links(root).map((l) => `${l.Rel} ${l.Type}`)).toEqual([
      "Up BackupServerReference",
      "Up JobReference",
      "Alternate BackupJobSessionReference",
      "Down BackupTaskSessionReferenceList",
    ]);
    expect(links(root)[3].Href).toBe(`${u}/backupSessions/${id}/taskSessions`);
    expect(childOrder(res.text)).toEqual([
      "JobUid",
      "JobName",
      "JobType",
      "CreationTimeUTC",
      "EndTimeUTC",
      "State",
      "Result",
      "Progress",
      "FailureMessage",
      "IsRetry",
    ]);
    const ref = await get(sim, token, `/backupSessions/${id}`);
    expect(ref.xml.EntityRef.$.Type).toBe("BackupJobSessionReference");
  });

  it("lists a session's task sessions and a job's sessions (30-day window), and 404s an unknown id", async () => {
    const id = guidOf(running.$.UID);
    const tasks = await get(sim, token, `/backupSessions/${id}/taskSessions?format=Entity`);
    const items = tasks.xml.BackupTaskSessions.BackupTaskSession as any[];
    expect(items.length).toBeGreaterThanOrEqual(3);
    for (const t of items) expect(t.JobSessionUid[0]).toBe(running.$.UID);
    expect(items.map((t) => t.State[0])).toContain("InProgress");
    const job = await get(sim, token, `/jobs/${guidOf(running.JobUid[0])}/backupSessions`);
    const refs = job.xml.EntityReferences.Ref as any[];
    expect(refs.length).toBeGreaterThan(0);
    const all = await entities("BackupJobSession", `JobUid=="${running.JobUid[0]}"`);
    expect(refs.length).toBeLessThan(all.length); // the query service has no 30-day cap
    expect((await get(sim, token, `/backupSessions/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
  });

  it("answers the query fields EM lists, CreationTime not CreationTimeUTC first", async () => {
    const filtered = await entities(
      "BackupJobSession",
      `JobName=="${failed.JobName[0]}";Result==Failed;IsRetry==false;CreationTime<"${NOW.toISOString()}"`,
    );
    expect(filtered.map((s) => s.$.UID)).toContain(failed.$.UID);
    const sorted = await get(sim, token, `/query?type=BackupJobSession&sortDesc=CreationTime&pageSize=1`);
    expect(sorted.xml.QueryResult.Refs[0].Ref[0].$.UID).toBe(
      [...sessions].sort((a, b) => Date.parse(b.CreationTimeUTC[0]) - Date.parse(a.CreationTimeUTC[0]))[0].$
        .UID,
    );
  });
});

describe("BackupTaskSession", async () => {
  const tasks = await entities("BackupTaskSession", "Result==Failed");

  it("writes the task entity with VmDisplayName as an attribute, its reason and progress", async () => {
    const task = tasks[0];
    const id = guidOf(task.$.UID);
    const res = await get(sim, token, `/backupTaskSessions/${id}?format=Entity`);
    const root = res.xml.BackupTaskSession;
    expect(root.$.VmDisplayName).toBe(root.$.Name.split("@")[0]);
    expect(links(root).map((l) => `${l.Rel} ${l.Type}`)).toEqual([
      "Up BackupServerReference",
      "Up BackupJobSessionReference",
      "Alternate BackupTaskSessionReference",
    ]);
    expect(childOrder(res.text)).toEqual([
      "JobSessionUid",
      "CreationTimeUTC",
      "EndTimeUTC",
      "State",
      "Result",
      "Reason",
      "TotalSize",
      "Progress",
    ]);
    expect(root.Reason[0]).toMatch(/Error/);
    const byVm = await entities(
      "BackupTaskSession",
      `VmDisplayName=="${root.$.VmDisplayName}";JobSessionUid=="${root.JobSessionUid[0]}"`,
    );
    expect(byVm.map((t) => t.$.UID)).toEqual([task.$.UID]);
  });
});

describe("Repository", async () => {
  const repositories = await entities("Repository");

  it("has 2–4 repositories per server, the default one on each, some under 10 % free", async () => {
    expect(repositories.length).toBeGreaterThanOrEqual(8);
    expect(repositories.filter((r) => r.$.Name === "Default Backup Repository")).toHaveLength(4);
    expect(repositories.some((r) => Number(r.FreeSpace[0]) / Number(r.Capacity[0]) < 0.1)).toBe(true);
    const server = links(repositories[0])[0];
    const own = await get(sim, token, `/backupServers/${server.Href.split("/").pop()}/repositories`);
    for (const ref of own.xml.EntityReferences.Ref as any[]) expect(links(ref)[0].Href).toBe(server.Href);
    const one = await get(sim, token, `/repositories/${guidOf(repositories[0].$.UID)}?format=Entity`);
    expect(childOrder(one.text)).toEqual(["Capacity", "FreeSpace", "Kind"]);
    const small = await entities(
      "Repository",
      `FreeSpace<${repositories[0].FreeSpace[0]};Kind!="WindowsLocal"`,
    );
    for (const r of small) expect(Number(r.FreeSpace[0])).toBeLessThan(Number(repositories[0].FreeSpace[0]));
  });
});

describe("summary reports", () => {
  it("serves the five frames with EM's element names", async () => {
    const overview = (await get(sim, token, "/reports/summary/overview")).xml.OverviewReportFrame;
    expect(Object.keys(overview).filter((k) => k !== "$")).toEqual([
      "BackupServers",
      "ProxyServers",
      "RepositoryServers",
      "RunningJobs",
      "ScheduledJobs",
      "SuccessfulVmLastestStates",
      "WarningVmLastestStates",
      "FailedVmLastestStates",
    ]);
    expect(overview.BackupServers[0]).toBe("4");
    const stats = (await get(sim, token, "/reports/summary/job_statistics")).xml.JobStatisticsReportFrame;
    expect(Number(stats.TotalJobRuns[0])).toBeGreaterThan(10);
    expect(stats.MaxDurationBackupJobName[0]).toBeTruthy();
    const vms = (await get(sim, token, "/reports/summary/vms_overview")).xml.VmsOverviewReportFrame;
    expect(Number(vms.ProtectedVms[0])).toBeGreaterThan(50);
    const repo = (await get(sim, token, "/reports/summary/repository")).xml.RepositoryReportFrame;
    expect((repo.Period as any[]).map((p) => Object.keys(p))).toContainEqual([
      "Name",
      "Capacity",
      "FreeSpace",
      "BackupSize",
    ]);
    const days = (await get(sim, token, "/reports/summary/processed_vms")).xml.ProcessedVmsReportFrame
      .Day as any[];
    expect(days.map((d) => d.$.Timestamp)).toEqual(
      Array.from({ length: 7 }, (_, i) =>
        new Date(Date.parse("2025-11-05T00:00:00Z") - (6 - i) * DAY).toISOString().replace(".000Z", "Z"),
      ),
    );
    expect(Object.keys(days[0]).filter((k) => k !== "$")).toEqual(["BackupedVms", "ReplicatedVms"]);
    expect((await get(sim, token, "/reports/summary/nonsense")).status).toBe(404);
    expect((await get(sim, undefined, "/reports/summary/overview")).status).toBe(401);
  });
});

describe("the backup timeline", () => {
  it("is deterministic for a seed and a clock", () => {
    const a = generateSeedData(7, 1, NOW);
    const b = generateSeedData(7, 1, NOW);
    expect(a.backups.sessions.map((s) => s.uid)).toEqual(b.backups.sessions.map((s) => s.uid));
    expect(a.replicaSessions.map((s) => s.uid)).toEqual(b.replicaSessions.map((s) => s.uid));
  });

  it("moves running sessions on as the clock moves: tasks complete one by one, then the session stops", async () => {
    let now = NOW.getTime();
    const live = await startSimulator({ clock: () => new Date(now) });
    try {
      const t = await logon(live);
      const read = async (path: string) => (await get(live, t, path)).xml;
      const first = (
        await read(`/query?type=BackupJobSession&format=Entities&filter=State==Working&pageSize=1`)
      ).QueryResult.Entities[0].BackupJobSessions[0].BackupJobSession[0];
      const id = guidOf(first.$.UID);
      const seen: string[] = [];
      let progress = Number(first.Progress[0]);
      for (let step = 0; step < 60; step++) {
        now += 60_000;
        const s = (await read(`/backupSessions/${id}?format=Entity`)).BackupJobSession;
        expect(Number(s.Progress[0])).toBeGreaterThanOrEqual(progress);
        progress = Number(s.Progress[0]);
        seen.push(s.State[0]);
        if (s.State[0] === "Stopped") {
          expect(s.EndTimeUTC).toBeDefined();
          expect(["Success", "Warning", "Failed"]).toContain(s.Result[0]);
          expect(progress).toBe(100);
          break;
        }
      }
      expect(seen.at(-1)).toBe("Stopped");
      expect(seen).toContain("Working");
      const tasks = (await read(`/backupSessions/${id}/taskSessions?format=Entity`)).BackupTaskSessions
        .BackupTaskSession as any[];
      for (const task of tasks) expect(task.State[0]).toBe("Completed");
      // A day later every job has run again: new sessions exist, and jobs' NextRun moved on.
      const count = async () =>
        Number(
          (await read(`/query?type=BackupJobSession&pageSize=1`)).QueryResult.PagingInfo[0].$.PagesCount,
        );
      const before = await count();
      now += DAY;
      expect(await count()).toBeGreaterThan(before + 20);
      const jobs = (
        await read(
          `/query?type=Job&format=Entities&filter=JobType==Backup;ScheduleEnabled==true&pageSize=100`,
        )
      ).QueryResult.Entities[0].Jobs[0].Job as any[];
      for (const job of jobs) expect(Date.parse(job.NextRun[0])).toBeGreaterThan(now);
      // Runs that failed during that day were retried ten minutes after they stopped.
      const since = new Date(NOW.getTime() + 60 * 60_000).toISOString();
      const failed = await read(
        `/query?type=BackupJobSession&format=Entities&pageSize=1000&filter=${encodeURIComponent(`IsRetry==false;Result==Failed;CreationTime>="${since}"`)}`,
      );
      const retries = await read(
        `/query?type=BackupJobSession&pageSize=1&filter=${encodeURIComponent(`IsRetry==true;CreationTime>="${since}"`)}`,
      );
      const failures = failed.QueryResult.Entities[0].BackupJobSessions[0].BackupJobSession ?? [];
      expect(failures.length).toBeGreaterThan(0);
      expect(Number(retries.QueryResult.PagingInfo[0].$.PagesCount)).toBeGreaterThanOrEqual(
        failures.length - 1,
      );
    } finally {
      await live.close();
    }
  });
});
