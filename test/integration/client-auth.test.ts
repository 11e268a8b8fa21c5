import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { exposureWarning } from "../../src/http/exposureWarning.js";
import { startStack, type Stack } from "../helpers/startStack.js";

const LIST = `{ jobs(first: 1) { nodes { id } } }`;
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

async function post(stack: Stack, headers: Record<string, string>) {
  const response = await fetch(stack.gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query: LIST }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

function expectRefused(result: Awaited<ReturnType<typeof post>>, message: RegExp): void {
  expect(result.status).toBe(401);
  expect(result.headers.get("www-authenticate")).toMatch(/^Bearer /);
  expect(result.body.errors).toHaveLength(1);
  expect(result.body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
  expect(result.body.errors[0].message).toMatch(message);
}

describe("CLIENT_AUTH=api-key, with METRICS_TOKEN", () => {
  const KEY = "k3y-for-the-dashboard-0123456789";
  const METRICS_TOKEN = "scrape-token-0123456789";
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      env: {
        CLIENT_AUTH: "api-key",
        CLIENT_API_KEYS: `${sha256("another-key-abcdefghij")}, ${sha256(KEY).toUpperCase()}`,
        METRICS_TOKEN,
      },
    });
  });
  afterAll(() => stack.close());

  it("refuses requests without a valid key with 401 UNAUTHENTICATED, before any EM call", async () => {
    stack.sim.clearRequests();
    expectRefused(await post(stack, {}), /requires an API key/);
    expectRefused(await post(stack, { "x-api-key": "wrong" }), /not valid/);
    expectRefused(await post(stack, { authorization: `Bearer ${KEY}x` }), /not valid/);
    expectRefused(
      await post(stack, { authorization: `Basic ${Buffer.from("a:b").toString("base64")}` }),
      /requires/,
    );
    expect(stack.sim.requests).toHaveLength(0);
  });

  it("accepts the key as a bearer token or in X-API-Key, and logs who without the key", async () => {
    const bearer = await post(stack, { authorization: `Bearer ${KEY}` });
    expect(bearer.status).toBe(200);
    expect(bearer.body.errors).toBeUndefined();
    expect((await post(stack, { "x-api-key": KEY })).body.data.jobs.nodes).toHaveLength(1);
    const logs = stack.logs.join("\n");
    expect(logs).toContain(`"client":"api-key:${sha256(KEY).slice(0, 12)}"`);
    expect(logs).not.toContain(KEY);
  });

  it("keeps /healthz, /readyz and the explorer page open, and guards /metrics with METRICS_TOKEN", async () => {
    const at = (path: string, headers: Record<string, string> = {}) =>
      fetch(new URL(path, stack.gateway.url), { headers });
    expect((await at("/healthz")).status).toBe(200);
    expect((await at("/readyz")).status).toBe(200);
    expect((await at("/graphql", { accept: "text/html" })).status).toBe(200);
    expect((await at("/graphiql")).status).toBe(200);
    const refused = await at("/metrics");
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe("UNAUTHENTICATED");
    expect((await at("/metrics", { authorization: "Bearer wrong-token-0123456789" })).status).toBe(401);
    const metrics = await at("/metrics", { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain("graphql_operations_total");
  });
});

describe("CLIENT_AUTH=jwt", () => {
  const ISSUER = "https://idp.example.test/";
  const AUDIENCE = "veeam-em-graphql";
  let jwks: Server;
  let signingKey: CryptoKey;
  let strangerKey: CryptoKey;
  let stack: Stack;
  const token = (claims: { aud?: string; iss?: string; exp?: string | number } = {}, key = signingKey) =>
    new SignJWT({})
      .setProtectedHeader({ alg: "ES256", kid: "k1" })
      .setSubject("grafana")
      .setIssuer(claims.iss ?? ISSUER)
      .setAudience(claims.aud ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(claims.exp ?? "5m")
      .sign(key);

  beforeAll(async () => {
    const pair = await generateKeyPair("ES256");
    signingKey = pair.privateKey;
    strangerKey = (await generateKeyPair("ES256")).privateKey;
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "ES256", use: "sig" };
    jwks = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, "127.0.0.1", resolve));
    const { port } = jwks.address() as AddressInfo;
    stack = await startStack({
      env: {
        CLIENT_AUTH: "jwt",
        CLIENT_JWT_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
        CLIENT_JWT_ISSUER: ISSUER,
        CLIENT_JWT_AUDIENCE: AUDIENCE,
      },
    });
  });
  afterAll(async () => {
    await stack.close();
    await new Promise((resolve) => jwks.close(resolve));
  });

  it("accepts a token signed by the issuer's key for this audience", async () => {
    const result = await post(stack, { authorization: `Bearer ${await token()}` });
    expect(result.status).toBe(200);
    expect(result.body.data.jobs.nodes).toHaveLength(1);
    expect(stack.logs.join("\n")).toContain(`"client":"jwt:grafana"`);
  });

  it("refuses missing, expired, foreign, mis-addressed and forged tokens", async () => {
    stack.sim.clearRequests();
    expectRefused(await post(stack, {}), /requires a bearer token/);
    const past = Math.floor(Date.now() / 1000) - 60;
    expectRefused(await post(stack, { authorization: `Bearer ${await token({ exp: past })}` }), /expired/);
    expectRefused(await post(stack, { authorization: `Bearer ${await token({ aud: "other" })}` }), /"aud"/);
    expectRefused(
      await post(stack, { authorization: `Bearer ${await token({ iss: "https://evil/" })}` }),
      /"iss"/,
    );
    expectRefused(
      await post(stack, { authorization: `Bearer ${await token({}, strangerKey)}` }),
      /not valid for this gateway/,
    );
    expectRefused(await post(stack, { authorization: "Bearer not.a.jwt" }), /not valid for this gateway/);
    expect(stack.sim.requests).toHaveLength(0);
  });
});

describe("CLIENT_AUTH=jwt with the issuer's key set out of reach", () => {
  it("refuses with 401 saying the keys could not be fetched, and keeps serving", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve)); // nothing listens there any more
    const stack = await startStack({
      env: {
        CLIENT_AUTH: "jwt",
        CLIENT_JWT_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`,
        CLIENT_JWT_ISSUER: "https://idp.example.test/",
        CLIENT_JWT_AUDIENCE: "veeam-em-graphql",
      },
    });
    try {
      const { privateKey } = await generateKeyPair("ES256");
      const jwt = await new SignJWT({})
        .setProtectedHeader({ alg: "ES256", kid: "k1" })
        .setIssuer("https://idp.example.test/")
        .setAudience("veeam-em-graphql")
        .setExpirationTime("5m")
        .sign(privateKey);
      expectRefused(await post(stack, { authorization: `Bearer ${jwt}` }), /keys could not be fetched/);
      expect((await fetch(new URL("/healthz", stack.gateway.url))).status).toBe(200);
    } finally {
      await stack.close();
    }
  });
});

describe("client-authentication configuration", () => {
  const base = { VEEAM_EM_URL: "https://em01:9398/api", VEEAM_EM_USERNAME: "svc", VEEAM_EM_PASSWORD: "pw" };

  it("refuses incomplete or unsafe settings, never echoing a key", () => {
    expect(() => loadConfig({ ...base, CLIENT_AUTH: "api-key" })).toThrow(/CLIENT_API_KEYS must list/);
    expect(() =>
      loadConfig({ ...base, CLIENT_AUTH: "api-key", CLIENT_API_KEYS: "my-plain-secret-key" }),
    ).toThrow(/SHA-256 digests \(64 hex characters each\), not keys; got an entry of 19 characters$/);
    expect(() =>
      loadConfig({ ...base, CLIENT_AUTH: "jwt", CLIENT_JWT_JWKS_URL: "https://idp/jwks" }),
    ).toThrow(ConfigError);
    expect(() =>
      loadConfig({
        ...base,
        CLIENT_AUTH: "jwt",
        CLIENT_JWT_JWKS_URL: "http://idp.example.test/jwks",
        CLIENT_JWT_ISSUER: "i",
        CLIENT_JWT_AUDIENCE: "a",
      }),
    ).toThrow(/must use https/);
    expect(() => loadConfig({ ...base, VEEAM_EM_AUTH_MODE: "passthrough", CLIENT_AUTH: "jwt" })).toThrow(
      /cannot be combined with passthrough authentication/,
    );
    expect(() => loadConfig({ ...base, METRICS_TOKEN: "short" })).toThrow(/at least 16 characters/);
  });

  it("warns at start-up exactly when the service account is exposed beyond loopback", () => {
    const service = loadConfig(base);
    expect(exposureWarning(service, "0.0.0.0", 4000)).toMatch(
      /^CLIENT_AUTH=none while listening on 0\.0\.0\.0:4000: anyone who can reach this port reads Enterprise Manager as the service account "svc"/,
    );
    expect(exposureWarning(service, "127.0.0.1", 4000)).toBeUndefined();
    expect(exposureWarning(service, "::1", 4000)).toBeUndefined();
    const keyed = loadConfig({ ...base, CLIENT_AUTH: "api-key", CLIENT_API_KEYS: sha256("k") });
    expect(exposureWarning(keyed, "0.0.0.0", 4000)).toBeUndefined();
    const passthrough = loadConfig({ ...base, VEEAM_EM_AUTH_MODE: "passthrough" });
    expect(exposureWarning(passthrough, "0.0.0.0", 4000)).toBeUndefined();
  });
});
