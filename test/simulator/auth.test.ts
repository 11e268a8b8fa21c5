import { describe, expect, it } from "vitest";
import { basic, get, GUID, links, logon, useSimulator } from "./simulatorTestKit.js";

const sim = await useSimulator({
  users: [
    { username: "demo", password: "demo" },
    { username: "alice", password: "s3cr:et", role: "PortalUser" },
  ],
});

describe("entry point", () => {
  it("GET /api/ answers EnterpriseManager without authentication", async () => {
    for (const path of ["/", ""]) {
      const res = await get(sim, undefined, path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^application\/xml/);
      expect(
        res.text.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<EnterpriseManager xmlns:xsd='),
      ).toBe(true);
      const em = res.xml.EnterpriseManager;
      expect(em.$.xmlns).toBe("http://www.veeam.com/ent/v1.0");
      expect(links(em)).toEqual([
        { Href: `${sim.url}/logonSessions`, Type: "LogonSessionList", Rel: "Down" },
        { Href: `${sim.url}/sessionMngr/?v=latest`, Type: "LogonSession", Rel: "Create" },
      ]);
      const versions = em.SupportedVersions[0].SupportedVersion.map((v: { $: { Name: string } }) => v.$.Name);
      expect(versions).toEqual(["v1_5", "v1_6", "v1_7"]);
    }
  });
});

describe("logon", () => {
  it.each(["?v=latest", "?v=v1_7", "?v=V1_7", ""])(
    "POST /sessionMngr/%s → 201 LogonSession with token and cookie",
    async (q) => {
      const res = await fetch(`${sim.url}/sessionMngr/${q}`, {
        method: "POST",
        headers: { Authorization: basic("demo", "demo"), "Content-Length": "0" },
      });
      expect(res.status).toBe(201);
      const text = await res.text();
      const sessionId = /<SessionId>(.*)<\/SessionId>/.exec(text)![1];
      expect(sessionId).toMatch(new RegExp(`^${GUID}$`));
      const token = res.headers.get("X-RestSvcSessionId");
      expect(token).toBe(Buffer.from(sessionId).toString("base64"));
      expect(res.headers.get("set-cookie")).toBe(`X-RestSvcSessionId=${token}; Path=/api;`);
      expect(res.headers.get("location")).toBe(`${sim.url}/logonSessions/${sessionId}`);
      expect(text).toContain("<UserName>demo</UserName>");
      expect(text).toContain(`Href="${sim.url}/logonSessions/${sessionId}" Type="LogonSession"`);
      expect(text).toContain(`<Link Href="${sim.url}/logonSessions/${sessionId}" Rel="Delete" />`);
    },
  );

  it("a password containing ':' works (split at the first colon)", async () => {
    const res = await fetch(`${sim.url}/sessionMngr/?v=latest`, {
      method: "POST",
      headers: { Authorization: basic("alice", "s3cr:et") },
    });
    expect(res.status).toBe(201);
    await res.arrayBuffer();
  });

  it.each([
    ["wrong password", basic("demo", "nope")],
    ["unknown user", basic("mallory", "demo")],
    ["no colon", "Basic " + Buffer.from("demo").toString("base64")],
    ["not basic", "Bearer abc"],
    ["missing", undefined],
  ])("401 with WWW-Authenticate on bad credentials (%s)", async (_name, authorization) => {
    const headers: Record<string, string> = {};
    if (authorization) headers.Authorization = authorization;
    const res = await fetch(`${sim.url}/sessionMngr/?v=latest`, { method: "POST", headers });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe("Basic Realm=RestSvc");
    expect(res.headers.get("x-restsvcsessionid")).toBeNull();
    expect(await res.text()).toMatch(
      /<Error Message="[^"]+" StatusCode="401" xmlns="http:\/\/www.veeam.com\/ent\/v1.0"/,
    );
  });

  it("an unsupported API version is a 400", async () => {
    const res = await fetch(`${sim.url}/sessionMngr/?v=v1_2`, {
      method: "POST",
      headers: { Authorization: basic("demo", "demo") },
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("v1_2");
  });

  it("GET on sessionMngr is a 405", async () => {
    const res = await get(sim, undefined, "/sessionMngr/");
    expect(res.status).toBe(405);
    expect(res.xml.Error.$.StatusCode).toBe("405");
  });
});

describe("token rules", () => {
  it("accepts the token from the header (any case) or the cookie", async () => {
    const token = await logon(sim);
    expect((await get(sim, undefined, "/jobs", { headers: { "x-restsvcsessionid": token } })).status).toBe(
      200,
    );
    expect(
      (await get(sim, undefined, "/jobs", { headers: { Cookie: `X-RestSvcSessionId=${token}` } })).status,
    ).toBe(200);
    expect(
      (await get(sim, undefined, "/jobs", { headers: { Cookie: `other=1; X-RestSvcSessionId=${token}` } }))
        .status,
    ).toBe(200);
  });

  it("the cookie wins over the header", async () => {
    const token = await logon(sim);
    const bogus = Buffer.from("00000000-0000-4000-8000-000000000000").toString("base64");
    const cookieBad = await get(sim, undefined, "/jobs", {
      headers: { "X-RestSvcSessionId": token, Cookie: `X-RestSvcSessionId=${bogus}` },
    });
    expect(cookieBad.status).toBe(401);
    const cookieGood = await get(sim, undefined, "/jobs", {
      headers: { "X-RestSvcSessionId": bogus, Cookie: `X-RestSvcSessionId=${token}` },
    });
    expect(cookieGood.status).toBe(200);
  });

  it("401 Error (no WWW-Authenticate) on a missing or unknown token", async () => {
    for (const token of [undefined, "garbage", Buffer.from("urn:veeam:x").toString("base64")]) {
      const res = await get(sim, token, "/query?type=Job");
      expect(res.status).toBe(401);
      expect(res.xml.Error.$.StatusCode).toBe("401");
      expect(res.xml.Error.$.Message).toMatch(/X-RestSvcSessionId/);
    }
  });

  it("expireSessions() makes every existing token answer 401; a new logon works", async () => {
    const token = await logon(sim);
    expect((await get(sim, token, "/backupServers")).status).toBe(200);
    sim.expireSessions();
    expect((await get(sim, token, "/backupServers")).status).toBe(401);
    const fresh = await logon(sim);
    expect((await get(sim, fresh, "/backupServers")).status).toBe(200);
  });

  it("DELETE /logonSessions/{id} → 204, then the token is refused", async () => {
    const token = await logon(sim);
    const id = Buffer.from(token, "base64").toString();
    const res = await fetch(`${sim.url}/logonSessions/${id}`, {
      method: "DELETE",
      headers: { "X-RestSvcSessionId": token },
    });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    expect((await get(sim, token, "/jobs")).status).toBe(401);
  });

  it("GET /logonSessions and /logonSessions/{id}", async () => {
    const token = await logon(sim);
    const id = Buffer.from(token, "base64").toString();
    const one = await get(sim, token, `/logonSessions/${id}`);
    expect(one.status).toBe(200);
    expect(one.xml.LogonSession.SessionId[0]).toBe(id);
    expect(one.xml.LogonSession.$.Href).toBe(`${sim.url}/logonSessions/${id}`);
    const list = await get(sim, token, "/logonSessions");
    expect(list.status).toBe(200);
    const ids = list.xml.LogonSessions.LogonSession.map((s: { SessionId: string[] }) => s.SessionId[0]);
    expect(ids).toContain(id);
    expect((await get(sim, token, "/logonSessions/00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });
});

describe("idle expiry", async () => {
  const shortLived = await useSimulator({ sessionIdleTimeoutMs: 40 });

  it("a session unused for longer than the idle timeout is gone; use renews it", async () => {
    const token = await logon(shortLived);
    expect((await get(shortLived, token, "/jobs")).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect((await get(shortLived, token, "/jobs")).status).toBe(401);
  });
});

describe("routing and content negotiation", () => {
  it("406 with an XML Error body when Accept asks only for JSON", async () => {
    const token = await logon(sim);
    const res = await get(sim, token, "/jobs", { headers: { Accept: "application/json" } });
    expect(res.status).toBe(406);
    expect(res.headers.get("content-type")).toMatch(/^application\/xml/);
    expect(res.xml.Error.$.StatusCode).toBe("406");
    const both = await get(sim, token, "/jobs", { headers: { Accept: "application/json, application/xml" } });
    expect(both.status).toBe(200);
    expect((await get(sim, token, "/jobs", { headers: { Accept: "*/*" } })).status).toBe(200);
  });

  it("404 Error for unknown routes, 405 for wrong methods", async () => {
    const token = await logon(sim);
    const unknown = await get(sim, token, "/noSuchThing");
    expect(unknown.status).toBe(404);
    expect(unknown.xml.Error.$.StatusCode).toBe("404");
    const outside = await fetch(sim.url.replace(/\/api$/, "/other"));
    expect(outside.status).toBe(404);
    await outside.arrayBuffer();
    const wrong = await get(sim, token, "/jobs", { method: "POST" });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET");
  });
});
