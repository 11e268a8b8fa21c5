import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "../../src/simulator/startSimulator.js";
import { startGatewayProcess } from "../helpers/gatewayProcess.js";
import { subscribeWs, wsClient } from "../helpers/liveClients.js";
import { startStack, type GraphQLResponse, type Stack } from "../helpers/startStack.js";

/*
 * Several EM servers in one graph (issue 19), against two simulators with data of their own (seeds 1 and 2)
 * as the sites "paris" and "tokyo". The expected merged lists are computed here from each site's own list,
 * read through the gateway one site at a time; what each EM was asked is counted in its own request log.
 */

const now = new Date("2025-11-05T21:30:00Z");
const clock = () => now;
let paris: Simulator;
let tokyo: Simulator;
let stack: Stack;

beforeAll(async () => {
  [paris, tokyo] = await Promise.all([
    startSimulator({ port: 0, seed: 1, clock }),
    startSimulator({ port: 0, seed: 2, clock }),
  ]);
  stack = await startStack({
    sites: [
      { name: "paris", sim: paris },
      { name: "tokyo", sim: tokyo },
    ],
    env: {
      CACHE: "off",
      VEEAM_EM_MAX_RETRIES: "0",
      VEEAM_EM_BREAKER_COOLDOWN_MS: "300",
      READINESS_CACHE_MS: "0",
      LIVE_POLL_INTERVAL_MS: "1000",
    },
  });
  // Both sessions logged on before anything is counted.
  await stack.query(`{ backupServers(first: 1) { nodes { id } } }`);
});
afterAll(async () => {
  await stack.close();
  await Promise.all([paris.close(), tokyo.close()]);
});

/** The requests `sim` received since `since` under the path prefix (`/query`, …). */
function callsTo(sim: Simulator, since: number, prefix = "/api/"): number {
  return sim.requests.filter(
    (r) => r.at.getTime() >= since && r.path.toLowerCase().startsWith(prefix.toLowerCase()),
  ).length;
}

/** Every row of one site's list, through the gateway on that site alone. */
async function wholeList(field: string, site: string, args: string, selection: string): Promise<any[]> {
  const rows: any[] = [];
  let after: string | null = null;
  do {
    const response: GraphQLResponse = await stack.query(
      `query($after: String) { ${field}(sites: ["${site}"], first: 500, after: $after, ${args}) {
        pageInfo { hasNextPage endCursor } nodes { ${selection} } } }`,
      { after },
    );
    expect(response.errors).toBeUndefined();
    const connection = response.data![field];
    rows.push(...connection.nodes);
    after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
  } while (after);
  return rows;
}

/** Every page of the merged list, `first` rows at a time, following `endCursor`. */
async function pages(field: string, first: number, args: string, selection: string) {
  const rows: any[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  for (let page = 0; page < 500; page++) {
    const { data, errors } = await stack.query<Record<string, any>>(
      `query($after: String) { ${field}(first: ${first}, after: $after, ${args}) {
        totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { ${selection} } } }`,
      { after },
    );
    expect(errors).toBeUndefined();
    const connection: any = data![field];
    expect(connection.pageInfo.hasPreviousPage).toBe(page > 0);
    rows.push(...connection.nodes);
    totals.push(connection.totalCount);
    if (!connection.pageInfo.hasNextPage) return { rows, totals };
    after = connection.pageInfo.endCursor as string;
  }
  throw new Error("more than 500 pages");
}

/** The sites' lists merged by `key` (then the sites' order, then each site's order): the expected list. */
function mergeIndependently<T>(lists: T[][], key: (row: T) => number | string, descending: boolean): T[] {
  const tagged = lists.flatMap((rows, site) => rows.map((row, index) => ({ row, site, index })));
  const sign = descending ? -1 : 1;
  tagged.sort((a, b) => {
    const [x, y] = [key(a.row), key(b.row)];
    if (x !== y) return (x < y ? -1 : 1) * sign;
    return a.site - b.site || a.index - b.index;
  });
  return tagged.map(({ row }) => row);
}

describe("lists over two sites", () => {
  it("merges sessions newest first and pages exactly, page after page, with totalCount the sum", async () => {
    const args = `filter: { creationTimeUtc: { gte: "2025-11-03T21:30:00Z" } }`;
    const selection = "id creationTimeUtc site { name }";
    const [fromParis, fromTokyo] = await Promise.all([
      wholeList("backupJobSessions", "paris", args, selection),
      wholeList("backupJobSessions", "tokyo", args, selection),
    ]);
    expect(fromParis.length).toBeGreaterThan(20);
    expect(fromTokyo.length).toBeGreaterThan(20);
    const expected = mergeIndependently(
      [fromParis, fromTokyo],
      (s: any) => Date.parse(s.creationTimeUtc),
      true,
    );
    const { rows, totals } = await pages("backupJobSessions", 7, args, selection);
    expect(rows.map((s) => s.id)).toEqual(expected.map((s) => s.id));
    expect(new Set(totals)).toEqual(new Set([fromParis.length + fromTokyo.length]));
    // Ids carry their site; each row names it.
    for (const session of rows) expect(session.id.endsWith(`@${session.site.name}`)).toBe(true);
    expect(new Set(rows.map((s) => s.site.name))).toEqual(new Set(["paris", "tokyo"]));
  });

  it("merges by a string case-insensitively, as EM orders it", async () => {
    const args = `orderBy: { field: NAME, direction: ASC }`;
    const [fromParis, fromTokyo] = await Promise.all([
      wholeList("jobs", "paris", args, "id name"),
      wholeList("jobs", "tokyo", args, "id name"),
    ]);
    const expected = mergeIndependently([fromParis, fromTokyo], (job: any) => job.name.toLowerCase(), false);
    const { rows } = await pages("jobs", 4, args, "id name");
    expect(rows.map((job) => job.id)).toEqual(expected.map((job) => job.id));
  });

  it("narrows to the sites asked for, and refuses a site it does not serve with the argument's path", async () => {
    const { data } = await stack.query(`{ jobs(sites: ["TOKYO"], first: 50) { nodes { site { name } } } }`);
    expect(new Set(data!.jobs.nodes.map((job: any) => job.site.name))).toEqual(new Set(["tokyo"]));
    const { errors } = await stack.query(`{ jobs(sites: ["tokyo", "lima"]) { totalCount } }`);
    expect(errors?.[0]).toMatchObject({
      path: ["jobs"],
      message: expect.stringContaining('"lima" is not a site of this gateway (its sites: paris, tokyo)'),
      extensions: { code: "BAD_USER_INPUT", argumentPath: ["sites", 1] },
    });
  });

  it("costs each site the EM calls the same query costs on that site alone", async () => {
    const query = (sites: string) => `{
      backupJobSessions(first: 50${sites}) { nodes {
        id state job { name jobType } backupServer { name version } taskSessions { nodes { vmDisplayName } }
      } } }`;
    const cost = async (sites: string) => {
      const since = Date.now();
      const { errors } = await stack.query(query(sites));
      expect(errors).toBeUndefined();
      return { paris: callsTo(paris, since), tokyo: callsTo(tokyo, since) };
    };
    const alone = {
      paris: (await cost(`, sites: ["paris"]`)).paris,
      tokyo: (await cost(`, sites: ["tokyo"]`)).tokyo,
    };
    expect(alone.paris).toBe(4); // sessions, jobs, servers, task sessions
    expect(await cost("")).toEqual(alone);
  });

  it("asks only the site an id names, and a filter that matches elsewhere only costs nothing there", async () => {
    const { data } = await stack.query(`{ jobs(sites: ["paris"], first: 1) { nodes { id } } }`);
    const job = data!.jobs.nodes[0].id as string;
    expect(job).toMatch(/@paris$/);
    const since = Date.now();
    const sessions = await stack.query(
      `query($job: ID!) { backupJobSessions(first: 3, filter: { jobUid: { eq: $job } }) { nodes { job { id } } } }`,
      { job },
    );
    expect(sessions.errors).toBeUndefined();
    for (const session of sessions.data!.backupJobSessions.nodes) expect(session.job.id).toBe(job);
    expect(callsTo(tokyo, since)).toBe(0);
    expect(callsTo(paris, since)).toBe(1);
  });
});

describe("ids over two sites", () => {
  it("routes node(id), nodes(ids) and lookups to the site in the id, and looks a bare EM UID up everywhere", async () => {
    const { data } = await stack.query(`{
      a: backupJobSessions(sites: ["paris"], first: 1) { nodes { id name } }
      b: backupJobSessions(sites: ["tokyo"], first: 1) { nodes { id name } }
    }`);
    const [a, b] = [data!.a.nodes[0], data!.b.nodes[0]];
    expect(a.id).toMatch(/^urn:veeam:BackupJobSession:[0-9a-f-]{36}@paris$/);
    expect(b.id).toMatch(/@tokyo$/);
    const since = Date.now();
    const found = await stack.query(
      `query($a: ID!, $b: ID!, $ids: [ID!]!) {
        a: node(id: $a) { id ... on BackupJobSession { name site { name } } }
        b: backupJobSession(id: $b) { id name }
        both: nodes(ids: $ids) { id }
      }`,
      { a: a.id, b: b.id, ids: [b.id, a.id] },
    );
    expect(found.errors).toBeUndefined();
    expect(found.data).toEqual({
      a: { id: a.id, name: a.name, site: { name: "paris" } },
      b: { id: b.id, name: b.name },
      both: [{ id: b.id }, { id: a.id }],
    });
    // One batched lookup per site, however many ids named it.
    expect(callsTo(paris, since, "/api/query")).toBe(1);
    expect(callsTo(tokyo, since, "/api/query")).toBe(1);

    // An EM UID without a site (pasted from EM itself): no site is named `default`, so each is asked.
    const bare = b.id.replace(/@tokyo$/, "");
    const { data: byBare } = await stack.query(`query($id: ID!) { node(id: $id) { id } }`, { id: bare });
    expect(byBare!.node).toEqual({ id: b.id });
  });

  it("refuses an id naming a site it does not serve, with the argument's path", async () => {
    const { errors } = await stack.query(
      `{ nodes(ids: ["urn:veeam:Job:0b7e8f7a-1111-4c2d-9e3f-0a1b2c3d4e01@lima"]) { id } }`,
    );
    expect(errors?.[0]).toMatchObject({
      extensions: { code: "BAD_USER_INPUT", argumentPath: ["ids", 0] },
      message: expect.stringContaining('names the site "lima"'),
    });
  });
});

describe("sites, their summaries and their metrics", () => {
  it("lists every site with its API version and health, and totals the summary over them", async () => {
    const { data, errors } = await stack.query(`{
      sites { name apiVersion health circuitBreaker lastLatencyMs
        summary { overview { backupServers runningJobs failedVms } repositories { name site { name } } } }
      summary { overview { backupServers runningJobs failedVms } repositories { name } processedVms { day backedUpVms } }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.sites.map((s: any) => [s.name, s.apiVersion, s.health, s.circuitBreaker])).toEqual([
      ["paris", "v1_7", "UP", "CLOSED"],
      ["tokyo", "v1_7", "UP", "CLOSED"],
    ]);
    expect(data!.sites[0].lastLatencyMs).toBeGreaterThan(0);
    const [p, t] = data!.sites.map((s: any) => s.summary);
    for (const figure of ["backupServers", "runningJobs", "failedVms"])
      expect(data!.summary.overview[figure]).toBe(p.overview[figure] + t.overview[figure]);
    expect(data!.summary.repositories).toHaveLength(p.repositories.length + t.repositories.length);
    expect(new Set(p.repositories.map((r: any) => r.site.name))).toEqual(new Set(["paris"]));
  });

  it("labels each EM's metrics with its site", async () => {
    const text = await (await fetch(stack.gateway.url.replace("/graphql", "/metrics"))).text();
    for (const site of ["paris", "tokyo"]) {
      expect(text).toMatch(
        new RegExp(`em_upstream_calls_total\\{site="${site}",endpoint="query",status_class="2xx"\\} \\d+`),
      );
      expect(text).toMatch(new RegExp(`em_circuit_breaker_state\\{site="${site}",state="closed"\\} 1`));
    }
  });

  it("polls only the sites a subscription names", async () => {
    const client = wsClient(stack.gateway.url);
    const received = subscribeWs(client, `subscription { backupJobSessionChanged(sites: ["tokyo"]) { id } }`);
    try {
      await sleep(300);
      const since = Date.now();
      await sleep(2500);
      const polls = (sim: Simulator) =>
        sim.requests.filter(
          (r) => r.at.getTime() >= since && new URLSearchParams(r.query).get("type") === "BackupJobSession",
        ).length;
      expect(polls(tokyo)).toBeGreaterThanOrEqual(2);
      expect(polls(paris)).toBe(0);
      expect(received.errors).toEqual([]);
    } finally {
      received.stop();
      await client.dispose();
    }
  });
});

describe("the cache over two sites", () => {
  it("keeps each site's rows under its own scope: a row of one site is never another site's answer", async () => {
    const cached = await startStack({
      sites: [
        { name: "paris", sim: paris },
        { name: "tokyo", sim: tokyo },
      ],
    });
    try {
      const { data } = await cached.query(`{ jobs(sites: ["paris"], first: 1) { nodes { id name } } }`);
      const job = data!.jobs.nodes[0] as { id: string; name: string };
      const lookup = `query($id: ID!) { job(id: $id) { id name site { name } } }`;
      expect((await cached.query(lookup, { id: job.id })).data!.job).toMatchObject({ id: job.id });
      // Again: from the cache, EM is not asked.
      let since = Date.now();
      expect((await cached.query(lookup, { id: job.id })).data!.job.name).toBe(job.name);
      expect(callsTo(paris, since) + callsTo(tokyo, since)).toBe(0);
      // The same GUID on the other site is the other site's question, asked of its EM: no such job there.
      since = Date.now();
      const elsewhere = job.id.replace(/@paris$/, "@tokyo");
      expect((await cached.query(lookup, { id: elsewhere })).data!.job).toBeNull();
      expect(callsTo(tokyo, since, "/api/query")).toBe(1);
    } finally {
      await cached.close();
    }
  });
});

describe("a site that goes down", () => {
  it("answers with the other site's data and an error naming it, and recovers once it is back", async () => {
    const port = Number(new URL(tokyo.url).port);
    await tokyo.close();
    const query = `{
      backupJobSessions(first: 40) { totalCount nodes { id site { name } job { name } } }
      sites { name health }
    }`;
    const down = await stack.query(query);
    expect(down.status).toBe(200);
    const sessions = down.data!.backupJobSessions;
    expect(sessions.nodes).toHaveLength(40);
    for (const session of sessions.nodes)
      expect(session).toMatchObject({ site: { name: "paris" }, job: { name: expect.any(String) } });
    expect(down.data!.sites).toEqual([
      { name: "paris", health: "UP" },
      { name: "tokyo", health: "DOWN" },
    ]);
    const failures = down.errors!.filter((e) => e.extensions?.["site"] === "tokyo");
    expect(failures.length).toBeGreaterThanOrEqual(1);
    expect(failures[0]).toMatchObject({
      path: ["backupJobSessions"],
      extensions: { code: "UPSTREAM_UNAVAILABLE", site: "tokyo" },
    });
    const ready = await fetch(stack.gateway.url.replace("/graphql", "/readyz"));
    expect(ready.status).toBe(200); // paris still serves
    const readiness = (await ready.json()) as { sites: Array<{ name: string; ready: boolean }> };
    expect(readiness.sites.map((s) => [s.name, s.ready])).toEqual([
      ["paris", true],
      ["tokyo", false],
    ]);

    tokyo = await startSimulator({ port, seed: 2, clock });
    let back: GraphQLResponse<Record<string, any>> | undefined;
    for (let attempt = 0; attempt < 40; attempt++) {
      back = await stack.query<Record<string, any>>(query);
      if (!back.errors) break;
      await sleep(100); // the breaker's cool-down
    }
    expect(back!.errors).toBeUndefined();
    expect(new Set(back!.data!.backupJobSessions.nodes.map((s: any) => s.site.name))).toEqual(
      new Set(["paris", "tokyo"]),
    );
    expect(back!.data!.backupJobSessions.totalCount).toBeGreaterThan(sessions.totalCount);
    expect(back!.data!.sites.map((s: any) => s.health)).toEqual(["UP", "UP"]);
  });
});

describe("npm start with SIMULATOR_SITES=2", () => {
  it("serves two simulated sites with data of their own", async () => {
    const child = await startGatewayProcess({ SIMULATOR_SITES: "2", XML_WORKERS: "0" });
    try {
      const response = await fetch(child.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: `{ sites { name health } jobs(first: 200) { nodes { id site { name } } } }`,
        }),
      });
      const { data } = (await response.json()) as any;
      expect(data.sites).toEqual([
        { name: "london", health: "UP" },
        { name: "sydney", health: "UP" },
      ]);
      const bySite = (name: string) => data.jobs.nodes.filter((job: any) => job.site.name === name);
      expect(bySite("london").length).toBeGreaterThan(0);
      expect(bySite("sydney").length).toBeGreaterThan(0);
      const guids = (name: string) => new Set(bySite(name).map((job: any) => job.id.replace(/@.*/, "")));
      expect([...guids("london")].some((guid) => guids("sydney").has(guid))).toBe(false);
    } finally {
      child.kill();
    }
  });
});
