import { describe, expect, it } from "vitest";
import { startSimulator } from "../../src/simulator/startSimulator.js";
import { get, GUID, links, logon, NOW, useSimulator } from "./simulatorTestKit.js";

const sim = await useSimulator();
const token = await logon(sim);
const u = sim.url;
const DAY = 86_400_000;

/** Names of the child elements after `</Links>` of the first root-level entity in `text`, in document order. */
function childOrder(text: string): string[] {
  const body = text.slice(text.indexOf("</Links>") + "</Links>".length);
  const names: string[] = [];
  for (const line of body.split("\n")) {
    const m = /^ {4}<(\w+)/.exec(line);
    if (m) names.push(m[1]);
  }
  return names;
}

/** Entities of one query type, all of them. */
async function entities(type: string, filter?: string) {
  const q =
    `/query?type=${type}&format=Entities&pageSize=10000` +
    (filter ? `&filter=${encodeURIComponent(filter)}` : "");
  const res = await get(sim, token, q);
  expect(res.status).toBe(200);
  const container = res.xml.QueryResult.Entities[0];
  const list = (Object.values(container)[0] as unknown[])[0];
  return { res, items: typeof list === "object" && list ? (Object.values(list as object)[0] as any[]) : [] };
}

const guidOf = (uid: string): string => uid.split(":").pop()!;

describe("CdpReplicaSession", async () => {
  const { items } = await entities("CdpReplicaSession");
  const running = items.find((s) => s.State[0] === "Working")!;
  const closed = items.find((s) => s.State[0] === "Stopped" && s.Result[0] === "Failed")!;
  const id = guidOf(running.$.UID);
  const serverLink = links(running)[0];
  const policyLink = links(running)[1];

  it("reference form: EntityRef with the documented links in order", async () => {
    const res = await get(sim, token, `/cdpReplicaSessions/${id}`);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(
      new RegExp(
        `^<\\?xml version="1.0" encoding="utf-8"\\?>\\n<EntityRef xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" UID="urn:veeam:CdpReplicaSession:${id}" Name="CDP Policy \\d+@\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d" Href="${u}/cdpReplicaSessions/${id}" Type="CdpReplicaSessionReference" xmlns="http://www.veeam.com/ent/v1.0">`,
      ),
    );
    const ref = res.xml.EntityRef;
    expect(links(ref)).toEqual([
      { Href: serverLink.Href, Name: serverLink.Name, Type: "BackupServerReference", Rel: "Up" },
      { Href: policyLink.Href, Name: policyLink.Name, Type: "CdpPolicyReference", Rel: "Up" },
      {
        Href: `${u}/cdpReplicaSessions/${id}?format=Entity`,
        Name: ref.$.Name,
        Type: "CdpReplicaSession",
        Rel: "Alternate",
      },
      {
        Href: `${u}/cdpReplicaSessions/${id}/cdpReplicaTaskSessions`,
        Type: "CdpReplicaTaskSessionReferenceList",
        Rel: "Down",
      },
    ]);
    expect(serverLink.Href).toMatch(new RegExp(`^${u}/backupServers/${GUID}$`));
    expect(policyLink.Href).toMatch(new RegExp(`^${u}/cdpPolicies/${GUID}$`));
  });

  it("entity form of a running session: no EndTimeUTC, Result None, Progress 0, empty FailureMessage", async () => {
    const res = await get(sim, token, `/cdpReplicaSessions/${id}?format=Entity`);
    expect(res.text).toContain(
      `<CdpReplicaSession xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Href="${u}/cdpReplicaSessions/${id}?format=Entity" Type="CdpReplicaSession" Name="${running.$.Name}" UID="urn:veeam:CdpReplicaSession:${id}" xmlns="http://www.veeam.com/ent/v1.0">`,
    );
    const e = res.xml.CdpReplicaSession;
    expect(links(e)[2]).toEqual({
      Href: `${u}/cdpReplicaSessions/${id}`,
      Name: e.$.Name,
      Type: "CdpReplicaSessionReference",
      Rel: "Alternate",
    });
    expect(links(e).map((l) => l.Rel)).toEqual(["Up", "Up", "Alternate", "Down"]);
    expect(childOrder(res.text)).toEqual([
      "PolicyUid",
      "PolicyName",
      "PolicyType",
      "CreationTimeUTC",
      "State",
      "Result",
      "Progress",
      "FailureMessage",
      "IsRetry",
    ]);
    expect(res.text).toContain("<FailureMessage />");
    expect(e.Result[0]).toBe("None");
    expect(e.Progress[0]).toBe("0");
    expect(e.PolicyType[0]).toBe("CdpReplica");
    expect(e.PolicyUid[0]).toBe(`urn:veeam:CdpPolicy:${policyLink.Href.split("/").pop()}`);
  });

  it("a failed session has an end time and a failure message", async () => {
    const res = await get(sim, token, `/cdpReplicaSessions/${guidOf(closed.$.UID)}?format=Entity`);
    expect(childOrder(res.text)).toContain("EndTimeUTC");
    expect(res.xml.CdpReplicaSession.FailureMessage[0].length).toBeGreaterThan(5);
  });

  it("the task sessions of a session, both forms", async () => {
    const refs = await get(sim, token, `/cdpReplicaSessions/${id}/cdpReplicaTaskSessions`);
    expect(refs.text).toContain('<EntityReferences xmlns:xsd="http://www.w3.org/2001/XMLSchema"');
    const refItems = refs.xml.EntityReferences.Ref;
    expect(refItems.length).toBeGreaterThanOrEqual(3);
    expect(refItems.length).toBeLessThanOrEqual(8);
    for (const r of refItems) expect(r.$.Type).toBe("CdpReplicaTaskSessionReference");
    const ents = await get(sim, token, `/cdpReplicaSessions/${id}/cdpReplicaTaskSessions?format=Entity`);
    const items = ents.xml.CdpReplicaTaskSessions.CdpReplicaTaskSession;
    expect(items.map((t: any) => t.$.UID)).toEqual(refItems.map((r: any) => r.$.UID));
    for (const t of items) {
      expect(t.PolicySessionUid[0]).toBe(`urn:veeam:CdpReplicaSession:${id}`);
      expect(t.$.Name).toBe(`${t.$.VmDisplayName}@${t.CreationTimeUTC[0].slice(0, 19).replace("T", " ")}`);
      expect(t.EndTimeUTC).toBeUndefined();
      expect(t.State[0]).toBe("InProgress");
    }
  });
});

describe("CdpReplicaTaskSession", async () => {
  const { items } = await entities("CdpReplicaTaskSession", 'Reason!=""');
  const failed = items[0];
  const id = guidOf(failed.$.UID);

  it("reference form", async () => {
    const res = await get(sim, token, `/cdpReplicaTaskSessions/${id}`);
    const ref = res.xml.EntityRef;
    expect(ref.$).toMatchObject({
      Type: "CdpReplicaTaskSessionReference",
      Href: `${u}/cdpReplicaTaskSessions/${id}`,
    });
    const l = links(ref);
    expect(l.map((x) => [x.Rel, x.Type])).toEqual([
      ["Up", "BackupServerReference"],
      ["Up", "CdpReplicaSessionReference"],
      ["Alternate", "CdpReplicaTaskSession"],
    ]);
    expect(l[2].Href).toBe(`${u}/cdpReplicaTaskSessions/${id}?format=Entity`);
  });

  it("entity form: Href under /replicaTaskSessions/, VmDisplayName attribute, Reason when set", async () => {
    const res = await get(
      sim,
      token,
      `/cdpReplicaTaskSessions/urn:veeam:CdpReplicaTaskSession:${id.toUpperCase()}?format=entity`,
    );
    expect(res.status).toBe(200);
    expect(res.text).toMatch(
      new RegExp(
        `<CdpReplicaTaskSession xmlns:xsd="[^"]+" xmlns:xsi="[^"]+" Href="${u}/replicaTaskSessions/${id}\\?format=Entity" Type="CdpReplicaTaskSession" Name="[^"]+" UID="urn:veeam:CdpReplicaTaskSession:${id}" VmDisplayName="[^"]+" xmlns="http://www.veeam.com/ent/v1.0">`,
      ),
    );
    const e = res.xml.CdpReplicaTaskSession;
    expect(links(e)[2]).toMatchObject({
      Href: `${u}/cdpReplicaTaskSessions/${id}`,
      Type: "CdpReplicaTaskSessionReference",
      Rel: "Alternate",
    });
    expect(childOrder(res.text)).toEqual([
      "PolicySessionUid",
      "CreationTimeUTC",
      "EndTimeUTC",
      "State",
      "Result",
      "Reason",
      "TotalSize",
    ]);
    expect(Number(e.TotalSize[0])).toBeGreaterThan(2 ** 32);
  });

  it("omits Reason when there is none", async () => {
    const { items: plain } = await entities("CdpReplicaTaskSession", "State==Completed");
    const noReason = plain.find((t) => t.Reason === undefined);
    expect(noReason).toBeDefined();
  });
});

describe("ReplicaJobSession and ReplicaTaskSession", async () => {
  const { items } = await entities("ReplicaJobSession");
  const recent = (s: any) => Date.parse(s.CreationTimeUTC[0]) >= NOW.getTime() - 30 * DAY;
  // Task-session collections of a session have the 30-day window too (documented on the GET page).
  const failed = items.find((s) => s.Result[0] === "Failed" && recent(s))!;
  const oldOne = items.find((s) => !recent(s))!;
  const running = items.find((s) => s.State[0] === "Working")!;
  const id = guidOf(failed.$.UID);

  it("reference form", async () => {
    const res = await get(sim, token, `/replicaSessions/${id}`);
    const ref = res.xml.EntityRef;
    expect(ref.$).toMatchObject({
      Type: "ReplicaJobSessionReference",
      UID: `urn:veeam:ReplicaJobSession:${id}`,
    });
    const l = links(ref);
    expect(l.map((x) => [x.Rel, x.Type])).toEqual([
      ["Up", "BackupServerReference"],
      ["Up", "JobReference"],
      ["Alternate", "ReplicaJobSession"],
      ["Down", "ReplicaTaskSessionReferenceList"],
    ]);
    expect(l[1].Name).toBe(failed.JobName[0]);
    expect(l[3].Href).toBe(`${u}/replicaSessions/${id}/replicaTaskSessions`);
  });

  it("entity form of a failed session (FailureMessage present) and a running one (no EndTimeUTC)", async () => {
    const res = await get(sim, token, `/replicaSessions/${id}?format=Entity`);
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
    expect(res.xml.ReplicaJobSession.JobType[0]).toBe("Replica");
    const run = await get(sim, token, `/replicaSessions/${guidOf(running.$.UID)}?format=Entity`);
    expect(childOrder(run.text)).toEqual([
      "JobUid",
      "JobName",
      "JobType",
      "CreationTimeUTC",
      "State",
      "Result",
      "Progress",
      "IsRetry",
    ]);
    expect(run.xml.ReplicaJobSession.Result[0]).toBe("None");
    expect(Number(run.xml.ReplicaJobSession.Progress[0])).toBeLessThan(100);
    const ok = items.find((s) => s.Result[0] === "Success")!;
    expect(ok.FailureMessage).toBeUndefined();
  });

  it("some sessions are retries", () => {
    expect(items.some((s) => s.IsRetry[0] === "true")).toBe(true);
  });

  it("the task sessions of a session older than 30 days are not listed (but the query finds them)", async () => {
    const list = await get(sim, token, `/replicaSessions/${guidOf(oldOne.$.UID)}/replicaTaskSessions`);
    expect(list.text).toMatch(/<EntityReferences [^>]*\/>/);
    const { items: tasks } = await entities("ReplicaTaskSession", `JobSessionUid==${guidOf(oldOne.$.UID)}`);
    expect(tasks.length).toBeGreaterThanOrEqual(3);
  });

  it("task sessions of a session and a task in both forms", async () => {
    const list = await get(sim, token, `/replicaSessions/${id}/replicaTaskSessions?format=Entity`);
    const tasks = list.xml.ReplicaTaskSessions.ReplicaTaskSession;
    expect(tasks.some((t: any) => t.Result[0] === "Failed" && t.Reason[0].length > 0)).toBe(true);
    const task = tasks.find((t: any) => t.Result[0] === "Success");
    const tid = guidOf(task.$.UID);
    expect(task.$.Href).toBe(`${u}/replicaTaskSessions/${tid}?format=Entity`);
    const e = await get(sim, token, `/replicaTaskSessions/${tid}?format=Entity`);
    expect(childOrder(e.text)).toEqual([
      "JobSessionUid",
      "CreationTimeUTC",
      "EndTimeUTC",
      "State",
      "Result",
      "Reason",
      "TotalSize",
    ]);
    expect(e.text).toContain("<Reason />");
    expect(e.text).toMatch(
      /<ReplicaTaskSession xmlns:xsd="[^"]+" xmlns:xsi="[^"]+" Href="[^"]+" Type="ReplicaTaskSession" Name="[^"]+" UID="[^"]+" VmDisplayName="[^"]+" xmlns=/,
    );
    const l = links(e.xml.ReplicaTaskSession);
    expect(l.map((x) => [x.Rel, x.Type])).toEqual([
      ["Up", "BackupServerReference"],
      ["Up", "ReplicaJobSessionReference"],
      ["Alternate", "ReplicaTaskSessionReference"],
    ]);
    expect(l[1]).toMatchObject({ Href: `${u}/replicaSessions/${id}`, Name: failed.$.Name });
    const r = await get(sim, token, `/replicaTaskSessions/${tid}`);
    expect(links(r.xml.EntityRef)[2]).toMatchObject({
      Href: `${u}/replicaTaskSessions/${tid}?format=Entity`,
      Type: "ReplicaTaskSession",
    });
  });
});

describe("BackupServer, Job, CdpPolicy", () => {
  it("backup servers: list, reference and entity", async () => {
    const list = await get(sim, token, "/backupServers");
    const refs = list.xml.EntityReferences.Ref;
    expect(refs.map((r: any) => r.$.Name)).toEqual([
      "backupsrv29.tech.local",
      "enterprise01.tech.local",
      "enterprise03.tech.local",
      "enterprise06.tech.local",
    ]);
    const id = guidOf(refs[0].$.UID);
    expect(links(refs[0]).find((l) => l.Rel === "Alternate")).toEqual({
      Href: `${u}/backupServers/${id}?format=Entity`,
      Name: "backupsrv29.tech.local",
      Type: "BackupServer",
      Rel: "Alternate",
    });
    expect(links(refs[0])[0]).toEqual({
      Href: `${u}/backupServers/${id}/jobs`,
      Type: "JobReferenceList",
      Rel: "Down",
    });
    const e = await get(sim, token, `/backupservers/${id}?format=Entity`);
    expect(childOrder(e.text)).toEqual(["Description", "Port", "Version"]);
    expect(e.text).toContain("<Description />");
    expect(e.xml.BackupServer.Port[0]).toBe("9392");
    expect(e.xml.BackupServer.Version[0]).toBe("11.0.0.837");
    const ents = await get(sim, token, "/backupServers?format=Entity");
    expect(ents.xml.BackupServers.BackupServer).toHaveLength(4);
    expect(ents.text).toContain("DR site &amp; &quot;replicas&quot; &lt;east&gt;".replace(/&quot;/g, '"'));
  });

  it("jobs: list, reference and entity", async () => {
    const ents = await get(sim, token, "/jobs?format=Entity");
    const jobs = ents.xml.Jobs.Job;
    expect(new Set(jobs.map((j: any) => j.JobType[0]))).toEqual(
      new Set(["Replica", "Backup", "BackupCopy", "ImmediateBackupCopy"]),
    );
    expect(new Set(jobs.map((j: any) => j.Platform[0]))).toEqual(new Set(["VMware", "Hyperv", "vCloud"]));
    const unscheduled = jobs.find((j: any) => j.ScheduleEnabled[0] === "false");
    expect(unscheduled.NextRun).toBeUndefined();
    const job = jobs.find((j: any) => j.$.Name === "SQL & <Tier-1> Replica");
    const id = guidOf(job.$.UID);
    expect(ents.text).toContain('Name="SQL &amp; &lt;Tier-1&gt; Replica"');
    const ref = await get(sim, token, `/jobs/${id}`);
    expect(links(ref.xml.EntityRef).map((l) => [l.Rel, l.Type])).toEqual([
      ["Up", "BackupServerReference"],
      ["Alternate", "Job"],
      ["Down", "BackupJobSessionReferenceList"],
    ]);
    const e = await get(sim, token, `/jobs/${id}?format=Entity`);
    expect(childOrder(e.text)).toEqual([
      "JobType",
      "Platform",
      "Description",
      "ScheduleConfigured",
      "ScheduleEnabled",
      "NextRun",
    ]);
    expect(
      links(e.xml.Job)
        .slice(0, 2)
        .map((l) => [l.Rel, l.Type]),
    ).toEqual([
      ["Up", "BackupServerReference"],
      ["Alternate", "JobReference"],
    ]);
    const refList = await get(sim, token, "/jobs");
    expect(refList.xml.EntityReferences.Ref).toHaveLength(jobs.length);
  });

  it("CDP policies: list, reference, entity and their sessions", async () => {
    const list = await get(sim, token, "/cdpPolicies");
    const ref = list.xml.EntityReferences.Ref[0];
    const id = guidOf(ref.$.UID);
    expect(ref.$.Type).toBe("CdpPolicyReference");
    expect(links(ref).map((l) => [l.Rel, l.Type])).toEqual([
      ["Up", "BackupServerReference"],
      ["Alternate", "CdpPolicy"],
    ]);
    const e = await get(sim, token, `/cdpPolicies/${id}?format=Entity`);
    expect(childOrder(e.text)).toEqual([
      "PolicyType",
      "Platform",
      "Description",
      "ScheduleConfigured",
      "ScheduleEnabled",
      "NextRun",
    ]);
    const el = links(e.xml.CdpPolicy);
    expect(el[1]).toMatchObject({
      Rel: "Alternate",
      Type: "CdpPolicyReference",
      Href: `${u}/cdpPolicies/${id}`,
    });
    expect(el).toContainEqual({
      Href: `${u}/cdpPolicies/${id}/cdpReplicaSessions`,
      Type: "CdpReplicaSessionReferenceList",
      Rel: "Down",
    });
    const sessions = await get(sim, token, `/cdpPolicies/${id}/cdpReplicaSessions`);
    const refs = sessions.xml.EntityReferences.Ref;
    expect(refs.length).toBeGreaterThanOrEqual(29);
    for (const r of refs) expect(r.$.Name.startsWith(`${ref.$.Name}@`)).toBe(true);
    const plural = await get(sim, token, "/cdpPolicies?format=Entity");
    expect(plural.xml.CdpPolicies.CdpPolicy.length).toBe(list.xml.EntityReferences.Ref.length);
  });
});

describe("ids, paths and collections", () => {
  it("accepts URN ids and case-insensitive paths; unknown ids are 404 Errors", async () => {
    const { items } = await entities("ReplicaJobSession");
    const id = guidOf(items[0].$.UID);
    const a = await get(sim, token, `/REPLICASESSIONS/urn:veeam:ReplicaJobSession:${id}`);
    expect(a.status).toBe(200);
    expect(a.xml.EntityRef.$.UID).toBe(`urn:veeam:ReplicaJobSession:${id}`);
    const encoded = await get(
      sim,
      token,
      `/replicaSessions/${encodeURIComponent(`urn:veeam:ReplicaJobSession:${id}`)}`,
    );
    expect(encoded.status).toBe(200);
    for (const path of [
      "/replicaSessions/00000000-0000-4000-8000-000000000000",
      "/cdpReplicaSessions/00000000-0000-4000-8000-000000000000/cdpReplicaTaskSessions",
      `/cdpReplicaSessions/${id}`,
      `/replicaTaskSessions/${id}`,
    ]) {
      const res = await get(sim, token, path);
      expect(res.status, path).toBe(404);
      expect(res.xml.Error.$.StatusCode).toBe("404");
    }
  });

  it("session collections return only the last 30 days; the query service has no window", async () => {
    const cutoff = new Date(NOW.getTime() - 30 * DAY).toISOString();
    for (const [path, type, field] of [
      ["/replicaSessions", "ReplicaJobSession", "CreationTime"],
      ["/replicaTaskSessions", "ReplicaTaskSession", "CreationTime"],
      ["/cdpReplicaSessions", "CdpReplicaSession", "CreationTimeUTC"],
      ["/cdpReplicaTaskSessions", "CdpReplicaTaskSession", "CreationTimeUTC"],
    ]) {
      const collection = await get(sim, token, path);
      const uids = collection.xml.EntityReferences.Ref.map((r: any) => r.$.UID);
      const windowed = await entities(type, `${field}>="${cutoff}"`);
      expect(uids).toEqual(windowed.items.map((i) => i.$.UID));
      const all = await entities(type);
      expect(all.items.length).toBeGreaterThan(uids.length);
    }
  });

  it("writes trimmed UTC fractions and Name@yyyy-MM-dd HH:mm:ss names", async () => {
    const { items } = await entities("ReplicaTaskSession");
    expect(items.length).toBeGreaterThan(1000);
    const fractions = new Set<number>();
    for (const t of items) {
      for (const time of [t.CreationTimeUTC[0], ...(t.EndTimeUTC ?? [])]) {
        expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{0,6}[1-9])?Z$/);
        fractions.add(/\.(\d+)Z$/.exec(time)?.[1].length ?? 0);
      }
      expect(t.$.Name).toBe(`${t.$.VmDisplayName}@${t.CreationTimeUTC[0].slice(0, 19).replace("T", " ")}`);
    }
    expect(fractions.has(0)).toBe(true);
    expect([...fractions].some((n) => n >= 5)).toBe(true);
  });
});

describe("seed data", () => {
  it("is deterministic for a seed and clock, and differs for another seed", async () => {
    const body = async (seed: number) => {
      const s = await startSimulator({ seed, clock: () => NOW });
      try {
        const t = await logon(s);
        const res = await get(s, t, "/query?type=ReplicaTaskSession&format=Entities&pageSize=10000");
        return res.text.split(s.url).join("BASE");
      } finally {
        await s.close();
      }
    };
    const a = await body(7);
    expect(await body(7)).toBe(a);
    expect(await body(8)).not.toBe(a);
  });

  it("scale multiplies the volume", async () => {
    const s = await startSimulator({ scale: 3, clock: () => NOW });
    try {
      const t = await logon(s);
      const count = async (sim2: typeof s, tok: string) =>
        Number(
          (await get(sim2, tok, "/query?type=CdpReplicaSession&pageSize=1")).xml.QueryResult.PagingInfo[0].$
            .PagesCount,
        );
      expect(await count(s, t)).toBeGreaterThan(2.5 * (await count(sim, token)));
    } finally {
      await s.close();
    }
  });
});

describe("every collection in both representations", () => {
  it.each([
    ["/backupServers", "BackupServers", "BackupServer", "BackupServerReference"],
    ["/jobs", "Jobs", "Job", "JobReference"],
    ["/cdpPolicies", "CdpPolicies", "CdpPolicy", "CdpPolicyReference"],
    ["/cdpReplicaSessions", "CdpReplicaSessions", "CdpPolicySession", "CdpReplicaSessionReference"],
    [
      "/cdpReplicaTaskSessions",
      "CdpReplicaTaskSessions",
      "CdpReplicaTaskSession",
      "CdpReplicaTaskSessionReference",
    ],
    ["/replicaSessions", "ReplicaJobSessions", "ReplicaJobSession", "ReplicaJobSessionReference"],
    ["/replicaTaskSessions", "ReplicaTaskSessions", "ReplicaTaskSession", "ReplicaTaskSessionReference"],
  ])("%s", async (path, plural, item, refType) => {
    const refs = await get(sim, token, path);
    expect(refs.status).toBe(200);
    const refItems = refs.xml.EntityReferences.Ref;
    expect(refItems.length).toBeGreaterThan(0);
    for (const r of refItems) expect(r.$.Type).toBe(refType);
    const ents = await get(sim, token, `${path}?format=Entity`);
    expect(ents.text).toContain(`<${plural} xmlns:xsd="http://www.w3.org/2001/XMLSchema"`);
    const items = ents.xml[plural][item];
    expect(items.map((i: any) => i.$.UID)).toEqual(refItems.map((r: any) => r.$.UID));
    const one = await get(sim, token, `${path}/${guidOf(refItems[0].$.UID)}`);
    expect(one.xml.EntityRef.$).toEqual(
      refItems[0].$.UID
        ? {
            ...refItems[0].$,
            "xmlns:xsd": "http://www.w3.org/2001/XMLSchema",
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            xmlns: "http://www.veeam.com/ent/v1.0",
          }
        : {},
    );
    expect(links(one.xml.EntityRef)).toEqual(links(refItems[0]));
  });
});
