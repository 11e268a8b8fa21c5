import { afterEach, describe, expect, it } from "vitest";
import { EmSession } from "../../../src/upstream/EmSession.js";
import { EmTransport } from "../../../src/upstream/EmTransport.js";
import {
  EmTimeoutError,
  EmUnauthorizedError,
  EmUnavailableError,
} from "../../../src/upstream/UpstreamError.js";
import { silentLogger } from "../../../src/upstream/UpstreamLogger.js";
import { logonSessionXml } from "./emSamples.js";
import { startStubEm, type StubEm, type StubEmOptions } from "./stubEm.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(
  stubOptions: StubEmOptions = {},
  credentials = { username: "admin", password: "s3cret-Pa55" },
  transportOverrides: Partial<ConstructorParameters<typeof EmTransport>[0]> = {},
): Promise<{ stub: StubEm; session: EmSession }> {
  const stub = await startStubEm(stubOptions);
  cleanups.push(() => stub.stop());
  const transport = new EmTransport({
    baseUrl: new URL(stub.url),
    connectTimeoutMs: 2_000,
    headersTimeoutMs: 5_000,
    bodyTimeoutMs: 5_000,
    maxConnections: 4,
    maxResponseBytes: 1 << 20,
    retry: { maxRetries: 2, minDelayMs: 1, maxDelayMs: 10 },
    breaker: { failureThreshold: 5, coolDownMs: 1_000 },
    concurrency: { maxActive: 8, maxQueued: 100, maxWaitMs: 5_000 },
    rejectUnauthorized: true,
    logger: silentLogger,
    ...transportOverrides,
  });
  cleanups.push(() => transport.close());
  return { stub, session: new EmSession({ transport, credentials, logoutTimeoutMs: 300 }) };
}

describe("EmSession logon", () => {
  it("posts Basic credentials with Content-Length 0 and takes the token from X-RestSvcSessionId", async () => {
    const { stub, session } = await setup();
    const token = await session.token();
    expect(stub.logons()).toBe(1);
    const [logon] = stub.requests;
    expect(logon!.url).toBe("/api/sessionMngr/?v=latest");
    expect(logon!.headers["content-length"]).toBe("0");
    expect(logon!.headers.authorization).toBe(`Basic ${Buffer.from("admin:s3cret-Pa55").toString("base64")}`);
    expect(token).toBe(stub.issuedTokens[0]);
    expect(Buffer.from(token, "base64").toString()).toBe(stub.issuedSessionIds[0]);
    expect(await session.token()).toBe(token);
    expect(stub.logons()).toBe(1);
  });

  it("falls back to base64 of the body's SessionId when the header is missing", async () => {
    const sessionId = "44cfbdbe-5a95-4156-8867-91f069b7c2cc";
    const { session } = await setup({
      logon: (_req, res) => {
        res.writeHead(201, { "Content-Type": "application/xml" });
        res.end(logonSessionXml(sessionId));
        return true;
      },
    });
    expect(await session.token()).toBe("NDRjZmJkYmUtNWE5NS00MTU2LTg4NjctOTFmMDY5YjdjMmNj");
  });

  it("shares one logon among 50 concurrent callers", async () => {
    const { stub, session } = await setup({ logonDelayMs: 50 });
    const tokens = await Promise.all(Array.from({ length: 50 }, () => session.token()));
    expect(new Set(tokens).size).toBe(1);
    expect(stub.logons()).toBe(1);
  });

  it("rejects every waiter when the credentials are refused, without caching the failure", async () => {
    const { stub, session } = await setup({ logonDelayMs: 20 }, { username: "admin", password: "wrong" });
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => session.token()));
    expect(results.every((r) => r.status === "rejected" && r.reason instanceof EmUnauthorizedError)).toBe(
      true,
    );
    expect(stub.logons()).toBe(1);
    const error = (results[0] as PromiseRejectedResult).reason as EmUnauthorizedError;
    expect(error.code).toBe("EM_UNAUTHORIZED");
    expect(error.status).toBe(401);
    expect(error.method).toBe("POST");
    expect(error.emMessage).toBe("Authentication failed");
    await expect(session.token()).rejects.toBeInstanceOf(EmUnauthorizedError);
    expect(stub.logons()).toBe(2);
  });

  it("never retries a logon that failed with 503", async () => {
    const { stub, session } = await setup({
      logon: (_req, res) => {
        res.writeHead(503, { "Retry-After": "0" });
        res.end();
        return true;
      },
    });
    await expect(session.token()).rejects.toBeInstanceOf(EmUnavailableError);
    expect(stub.logons()).toBe(1);
  });

  it("never retries a logon that timed out", async () => {
    const { stub, session } = await setup({ logon: () => true }, undefined, { headersTimeoutMs: 100 });
    await expect(session.token()).rejects.toBeInstanceOf(EmTimeoutError);
    expect(stub.logons()).toBe(1);
  });

  it("drops a token on invalidate only while it is the current one", async () => {
    const { stub, session } = await setup();
    const first = await session.token();
    session.invalidate("some-stale-token");
    expect(await session.token()).toBe(first);
    session.invalidate(first);
    expect(session.isLoggedOn).toBe(false);
    const second = await session.token();
    expect(second).not.toBe(first);
    // A late 401 for the first token must not throw away the second.
    session.invalidate(first);
    expect(await session.token()).toBe(second);
    expect(stub.logons()).toBe(2);
  });
});

describe("EmSession logout", () => {
  it("deletes /logonSessions/{SessionId} with the token", async () => {
    const { stub, session } = await setup();
    const token = await session.token();
    await session.logout();
    expect(stub.logouts()).toBe(1);
    const logout = stub.requests.at(-1)!;
    expect(logout.url).toBe(`/api/logonSessions/${stub.issuedSessionIds[0]}`);
    expect(logout.headers["x-restsvcsessionid"]).toBe(token);
    expect(session.isLoggedOn).toBe(false);
    await session.logout();
    expect(stub.logouts()).toBe(1);
  });

  it("gives up on a logout EM never answers, without throwing", async () => {
    const { stub, session } = await setup({ logout: () => true });
    await session.token();
    await expect(session.logout()).resolves.toBeUndefined();
    expect(stub.logouts()).toBe(1);
  });

  it("makes no request when it never logged on", async () => {
    const { stub, session } = await setup();
    await session.logout();
    expect(stub.requests).toHaveLength(0);
  });
});
