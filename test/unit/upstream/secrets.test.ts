import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { errorXml } from "./emSamples.js";
import { sendXml, startStubEm } from "./stubEm.js";
import { recordingLogger, testClient } from "./testClient.js";

const PASSWORD = "Sup3r-S3cret-Passw0rd!";
const BASIC = Buffer.from(`admin:${PASSWORD}`).toString("base64");

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("secrets never leak from src/upstream", () => {
  it("keeps the password, Basic header, tokens and session ids out of logs and errors", async () => {
    let echoToken = "";
    const stub = await startStubEm({
      users: { admin: PASSWORD },
      handler: (req, res, { seen, token }) => {
        echoToken = token;
        const path = req.url!.split("?")[0];
        // EM echoing the token back in a message must not carry it into our errors.
        if (path === "/api/echo") return sendXml(res, errorXml(`Session ${token} is not allowed`, 400), 400);
        if (path === "/api/busy") return sendXml(res, errorXml("busy", 503), 503);
        if (path === "/api/boom") return sendXml(res, errorXml("Object reference not set", 500), 500);
        if (path === "/api/stall") return true;
        if (path === "/api/expired") return sendXml(res, errorXml("expired", 401), 401);
        if (path === "/api/reset" && seen < 5) {
          req.socket.destroy();
          return true;
        }
        return sendXml(res, "<Ok/>");
      },
    });
    cleanups.push(() => stub.stop());
    const logger = recordingLogger();
    const { client } = testClient(stub.url, {
      auth: { mode: "service", username: "admin", password: PASSWORD },
      logger,
      tlsInsecure: true,
      headersTimeoutMs: 100,
    });
    const passthrough = testClient(stub.url, { auth: { mode: "passthrough" }, logger }).client;
    const errors: unknown[] = [];
    const collect = (p: Promise<unknown>): Promise<void> =>
      p.then(
        () => undefined,
        (e: unknown) => void errors.push(e),
      );

    await collect(client.get("/ok"));
    for (const path of ["/echo", "/busy", "/boom", "/stall", "/expired", "/reset"])
      await collect(client.get(path));
    await collect(passthrough.get("/ok", { credentials: { username: "admin", password: `${PASSWORD}x` } }));
    await collect(passthrough.get("/ok", { credentials: { username: "admin", password: PASSWORD } }));
    stub.expireAll();
    await collect(passthrough.close());
    await collect(client.close());

    expect(errors.length).toBeGreaterThanOrEqual(7);
    expect(stub.issuedTokens.length).toBeGreaterThanOrEqual(3);
    const secrets = [PASSWORD, BASIC, echoToken, ...stub.issuedTokens, ...stub.issuedSessionIds];
    const haystack = [
      ...logger.lines,
      ...errors.map((e) => inspect(e, { depth: 10, showHidden: true })),
      ...errors.map((e) => JSON.stringify(e)),
      ...errors.map((e) => String((e as Error).message)),
    ].join("\n");
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(5);
      expect(haystack.includes(secret), `leaked ${secret.slice(0, 4)}…`).toBe(false);
    }
    expect(haystack).toContain("[redacted]");
    expect(logger.lines.some((l) => l.includes("retrying"))).toBe(true);
  });
});
