import { describe, expect, it } from "vitest";
import { get, links, logon, NOW, useSimulator } from "./simulatorTestKit.js";

const sim = await useSimulator();
const token = await logon(sim);
const u = sim.url;

/** GETs a query; `search` is appended verbatim after `/query?`. Returns items, paging info and raw text. */
async function query(search: string) {
  const res = await get(sim, token, `/query?${search}`);
  expect(res.status, res.text).toBe(200);
  const result = res.xml.QueryResult;
  let items: any[] = [];
  let container: string | undefined;
  let itemName: string | undefined;
  if (result.Entities) {
    const entities = result.Entities[0];
    container = Object.keys(entities)[0];
    const list = entities[container][0];
    if (typeof list === "object") {
      itemName = Object.keys(list)[0];
      items = list[itemName];
    }
  } else if (typeof result.Refs[0] === "object") {
    items = result.Refs[0].Ref;
  }
  const paging = result.PagingInfo[0];
  const pageLinks = Object.fromEntries(links(paging).map((l) => [l.Rel, l.Href]));
  return { res, items, container, itemName, paging: paging.$, pageLinks };
}

const upName = (item: any): string => links(item)[0].Name!;

describe("documented example requests", () => {
  it('CdpReplicaSession, format=Entities, filter=CreationTimeUTC>="2021-06-15" (raw in the URL)', async () => {
    const r = await query('type=CdpReplicaSession&format=Entities&filter=CreationTimeUTC>="2021-06-15"');
    expect(r.container).toBe("CdpReplicaSessions");
    expect(r.itemName).toBe("CdpPolicySession");
    expect(r.items[0].$.Type).toBe("CdpReplicaSession");
    expect(r.items).toHaveLength(100);
    expect(r.paging).toEqual({ PageNum: "1", PageSize: "100", PagesCount: "2" });
    expect(r.res.text).toContain(
      `<Link Href="${u}/query?type=CdpReplicaSession&amp;format=Entities&amp;filter=CreationTimeUTC%3E%3D%222021-06-15%22&amp;pageSize=100&amp;page=1" Rel="First" />`,
    );
  });

  it("CdpReplicaTaskSession between two dates for one VM", async () => {
    const empty = await query(
      'type=CdpReplicaTaskSession&format=Entities&filter=CreationTimeUTC>="2021-06-15";CreationTimeUTC<="2021-06-16";VmDisplayName=="virt03-ubuntu01"',
    );
    expect(empty.items).toEqual([]);
    expect(empty.res.text).toContain("<CdpReplicaTaskSessions />");
    expect(empty.paging).toEqual({ PageNum: "1", PageSize: "100", PagesCount: "1" });
    const r = await query(
      `type=CdpReplicaTaskSession&format=Entities&filter=${encodeURIComponent('CreationTimeUTC>="2025-10-15";CreationTimeUTC<="2025-10-20";VmDisplayName=="virt03-ubuntu01"')}`,
    );
    expect(r.items.length).toBeGreaterThanOrEqual(4);
    expect(r.items.length).toBeLessThanOrEqual(6);
    for (const t of r.items) {
      expect(t.$.VmDisplayName).toBe("virt03-ubuntu01");
      const at = Date.parse(t.CreationTimeUTC[0]);
      expect(at >= Date.parse("2025-10-15T00:00:00Z") && at <= Date.parse("2025-10-20T00:00:00Z")).toBe(true);
    }
  });

  it('ReplicaJobSession: BackupServerName=="enterprise06.tech.local";Result==Success', async () => {
    const r = await query(
      'type=ReplicaJobSession&format=Entities&filter=BackupServerName=="enterprise06.tech.local";Result==Success',
    );
    expect(r.items.length).toBeGreaterThan(10);
    for (const s of r.items) {
      expect(upName(s)).toBe("enterprise06.tech.local");
      expect(s.Result[0]).toBe("Success");
    }
  });

  it("ReplicaTaskSession: sortDesc=CreationTime, Result==Success;VmDisplayName==apache02", async () => {
    const r = await query(
      "type=ReplicaTaskSession&format=Entities&sortDesc=CreationTime&filter=Result==Success;VmDisplayName==apache02",
    );
    expect(r.items.length).toBeGreaterThan(10);
    const times = r.items.map((t) => t.CreationTimeUTC[0]);
    expect(times).toEqual([...times].sort().reverse());
    for (const t of r.items) expect([t.$.VmDisplayName, t.Result[0]]).toEqual(["apache02", "Success"]);
  });

  it('BackupServer: Version=="11.0.0.837"', async () => {
    const r = await query('type=BackupServer&format=Entities&filter=Version=="11.0.0.837"');
    expect(r.container).toBe("BackupServers");
    expect(r.items.map((s) => s.$.Name)).toEqual(["backupsrv29.tech.local"]);
  });

  it("Job: sortAsc=name, Platform==vCloud", async () => {
    const r = await query("type=Job&format=Entities&sortAsc=name&filter=Platform==vCloud");
    expect(r.items.length).toBeGreaterThanOrEqual(2);
    for (const j of r.items) expect(j.Platform[0]).toBe("vCloud");
    const names = r.items.map((j) => j.$.Name.toLowerCase());
    expect(names).toEqual([...names].sort());
  });

  it('cdpPolicy: BackupServerName=="backupsrv29.tech.local"', async () => {
    const r = await query('type=cdpPolicy&format=Entities&filter=BackupServerName=="backupsrv29.tech.local"');
    expect(r.container).toBe("CdpPolicies");
    expect(r.items.length).toBeGreaterThanOrEqual(1);
    for (const p of r.items) expect(upName(p)).toBe("backupsrv29.tech.local");
  });

  it("the grouping example of the docs", async () => {
    const r = await query(
      "type=job&format=entities&filter=(jobtype==replica;scheduleconfigured==false),(jobtype==backup;scheduleconfigured==true)",
    );
    expect(r.items.length).toBeGreaterThan(0);
    for (const j of r.items) {
      expect([j.JobType[0], j.ScheduleConfigured[0]]).toEqual(["Backup", "true"]);
    }
  });

  it("community forms: zabbix's newest successful session, centreon's unquoted ISO time, NativeScript's URN", async () => {
    const zabbix = await query(
      'type=ReplicaJobSession&sortDesc=EndTime&pageSize=1&format=entities&filter=JobName=="Replication Job 1";Result==Success',
    );
    expect(zabbix.items).toHaveLength(1);
    expect(zabbix.paging.PageSize).toBe("1");
    const jobUid = zabbix.items[0].JobUid[0];
    const centreon = await query(
      "type=ReplicaJobSession&format=entities&pageSize=1000&filter=CreationTime>=2025-11-01T10:00:00",
    );
    for (const s of centreon.items)
      expect(Date.parse(s.CreationTimeUTC[0])).toBeGreaterThanOrEqual(Date.parse("2025-11-01T10:00:00Z"));
    const byUrn = await query(
      `type=ReplicaJobSession&format=Entities&sortDesc=name&pageSize=1&page=1&filter=JobUid==${jobUid}`,
    );
    expect(byUrn.items[0].JobUid[0]).toBe(jobUid);
  });

  it("a stray &Field==x after the filter is a separate, ignored parameter", async () => {
    const a = await query("type=Job&filter=ScheduleEnabled==True&JobType==Backup&pageSize=1000");
    const b = await query("type=Job&filter=ScheduleEnabled==True&pageSize=1000");
    expect(a.items.map((i) => i.$.UID)).toEqual(b.items.map((i) => i.$.UID));
  });
});

describe("References format", () => {
  it("answers Ref items with the reference links", async () => {
    const r = await query("type=ReplicaTaskSession&pageSize=2");
    expect(r.items).toHaveLength(2);
    const ref = r.items[0];
    expect(ref.$.Type).toBe("ReplicaTaskSessionReference");
    expect(links(ref).map((l) => [l.Rel, l.Type])).toEqual([
      ["Up", "BackupServerReference"],
      ["Up", "ReplicaJobSessionReference"],
      ["Alternate", "ReplicaTaskSession"],
    ]);
    expect(r.res.text).toMatch(
      /<Ref UID="[^"]+" Name="[^"]+" Href="[^"]+" Type="ReplicaTaskSessionReference">/,
    );
    const explicit = await query("type=ReplicaTaskSession&pageSize=2&format=references");
    expect(explicit.items.map((i) => i.$.UID)).toEqual(r.items.map((i) => i.$.UID));
  });
});

describe("paging", () => {
  it("following Next links visits every row once, in order", async () => {
    const filter = encodeURIComponent('JobName=="SQL & <Tier-1> Replica",Result>Success');
    const all = await query(`type=ReplicaJobSession&pageSize=10000&filter=${filter}`);
    let next: string | undefined = `${u}/query?type=ReplicaJobSession&pageSize=7&filter=${filter}`;
    const seen: string[] = [];
    let pageNum = 0;
    while (next) {
      const res = await get(sim, token, next.slice(u.length));
      expect(res.status).toBe(200);
      pageNum++;
      const paging = res.xml.QueryResult.PagingInfo[0];
      expect(paging.$.PageNum).toBe(String(pageNum));
      const rels = links(paging).map((l) => l.Rel);
      expect(rels[0]).toBe("First");
      expect(rels[rels.length - 1]).toBe("Last");
      expect(rels.includes("Previous")).toBe(pageNum > 1);
      const refs = res.xml.QueryResult.Refs[0];
      if (typeof refs === "object") seen.push(...refs.Ref.map((r: any) => r.$.UID));
      next = links(paging).find((l) => l.Rel === "Next")?.Href;
    }
    expect(pageNum).toBe(Math.ceil(all.items.length / 7));
    expect(seen).toEqual(all.items.map((i) => i.$.UID));
  });

  it("escapes page-link Hrefs and re-encodes the filter", async () => {
    const r = await query(`type=Job&pageSize=1&page=2&filter=${encodeURIComponent('Name!="a&b c"')}`);
    expect(r.res.text).toContain(
      `${u}/query?type=Job&amp;filter=Name!%3D%22a%26b%20c%22&amp;pageSize=1&amp;page=1" Rel="First"`,
    );
    expect(r.pageLinks.Previous).toBe(`${u}/query?type=Job&filter=Name!%3D%22a%26b%20c%22&pageSize=1&page=1`);
    expect(Object.keys(r.pageLinks)).toEqual(["First", "Previous", "Next", "Last"]);
  });

  it("a page beyond the last is empty but keeps PagingInfo", async () => {
    const r = await query("type=BackupServer&pageSize=3&page=5");
    expect(r.items).toEqual([]);
    expect(r.res.text).toContain("<Refs />");
    expect(r.paging).toEqual({ PageNum: "5", PageSize: "3", PagesCount: "2" });
    expect(Object.keys(r.pageLinks)).toEqual(["First", "Previous", "Last"]);
  });

  it("accepts large page sizes and rejects invalid ones", async () => {
    const big = await query("type=ReplicaTaskSession&pageSize=10000");
    expect(big.items.length).toBeGreaterThan(1000);
    expect(big.paging.PagesCount).toBe("1");
    for (const bad of ["pageSize=0", "pageSize=-1", "pageSize=abc", "pageSize=1.5", "page=0", "page=x"]) {
      const res = await get(sim, token, `/query?type=Job&${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.xml.Error.$.Message).toMatch(/page/i);
    }
  });
});

describe("sorting", () => {
  it("defaults to creation time then UID for sessions and name for the others", async () => {
    const sessions = await query("type=CdpReplicaTaskSession&format=Entities&pageSize=10000");
    const keys = sessions.items.map((t) => t.CreationTimeUTC[0]);
    const asTime = keys.map((k) => Date.parse(k));
    expect(asTime).toEqual([...asTime].sort((a, b) => a - b));
    const servers = await query("type=BackupServer");
    expect(servers.items.map((s) => s.$.Name)).toEqual([...servers.items.map((s) => s.$.Name)].sort());
  });

  it("sortAsc/sortDesc take one case-insensitive field; absent values sort first ascending", async () => {
    const asc = await query("type=ReplicaJobSession&format=Entities&pageSize=10000&sortAsc=endtime");
    const firstWithEnd = asc.items.findIndex((s) => s.EndTimeUTC !== undefined);
    expect(firstWithEnd).toBeGreaterThan(0);
    expect(asc.items.slice(0, firstWithEnd).every((s) => s.State[0] === "Working")).toBe(true);
    const desc = await query("type=ReplicaJobSession&format=Entities&pageSize=10000&sortDesc=EndTime");
    expect(desc.items[desc.items.length - 1].EndTimeUTC).toBeUndefined();
    const byResult = await query("type=ReplicaJobSession&format=Entities&pageSize=10000&sortAsc=Result");
    const order = ["None", "Success", "Warning", "Failed"];
    const idx = byResult.items.map((s) => order.indexOf(s.Result[0]));
    expect(idx).toEqual([...idx].sort((a, b) => a - b));
    const bySize = await query("type=ReplicaTaskSession&format=Entities&pageSize=10000&sortDesc=TotalSize");
    const sizes = bySize.items.map((t) => Number(t.TotalSize[0]));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });

  it("an unknown sort field is a 400 naming it", async () => {
    const res = await get(sim, token, "/query?type=Job&sortAsc=Colour");
    expect(res.status).toBe(400);
    expect(res.xml.Error.$.Message).toContain('"Colour"');
  });
});

describe("decoding and errors", () => {
  it("decodes percent-encoded and raw filters alike; + is a space, %2B a plus", async () => {
    const raw = await query('type=Job&filter=Name=="Exchange+Backup"');
    expect(raw.items.map((i) => i.$.Name)).toEqual(["Exchange Backup"]);
    const encoded = await query(`type=Job&filter=${encodeURIComponent('Name=="Exchange Backup"')}`);
    expect(encoded.items.map((i) => i.$.Name)).toEqual(["Exchange Backup"]);
    const plus = await query(`type=Job&filter=Name=="Exchange%2BBackup"`);
    expect(plus.items).toEqual([]);
    const lowerCaseParams = await query('TYPE=job&FORMAT=entities&FILTER=name=="exchange backup"');
    expect(lowerCaseParams.items.map((i) => i.$.Name)).toEqual(["Exchange Backup"]);
  });

  it.each([
    ["type=Nope", /Unknown query type "Nope"/],
    ["format=Entities", /"type" parameter is required/],
    ["type=Job&format=Entity", /Unknown format "Entity"/],
    ["type=Job&filter=Colour==red", /Unknown field "Colour" for query type Job/],
    ["type=Job&filter=Name==a;;", /syntax error at position 9/],
    ["type=Job&filter=JobType==Tape", /Invalid value "Tape" for field JobType/],
    ["type=Job&filter=Name==%E0%A4%A", /Malformed percent-encoding/],
    ["type=CdpReplicaSession&filter=UID==7445e6ce-86f5-4171-b909-dac209c66563", /Unknown field "UID"/],
  ])("400 Error for %s", async (search, message) => {
    const res = await get(sim, token, `/query?${search}`);
    expect(res.status).toBe(400);
    expect(res.xml.Error.$.StatusCode).toBe("400");
    expect(res.xml.Error.$.Message).toMatch(message);
  });

  it("uses the per-type time field and its alias", async () => {
    const cutoff = new Date(NOW.getTime() - 86_400_000).toISOString();
    const a = await query(`type=ReplicaJobSession&pageSize=1000&filter=CreationTime>="${cutoff}"`);
    const b = await query(`type=ReplicaJobSession&pageSize=1000&filter=CreationTimeUTC>="${cutoff}"`);
    expect(a.items.length).toBeGreaterThan(0);
    expect(a.items.map((i) => i.$.UID)).toEqual(b.items.map((i) => i.$.UID));
    const running = await query(
      "type=ReplicaJobSession&format=Entities&filter=State==Working;EndTime!=2000-01-01",
    );
    expect(running.items).toEqual([]); // 3VL: a running session's absent EndTime never compares true
  });
});
