import { afterEach, describe, expect, it } from "vitest";
import type { EmClient } from "../../../src/upstream/EmClient.js";
import { EmUnauthorizedError } from "../../../src/upstream/UpstreamError.js";
import { childText } from "../../../src/upstream/xmlNodes.js";
import { sendXml, startStubEm, type StubEm } from "./stubEm.js";
import { testClient, type TestClientOverrides } from "./testClient.js";

const users = { alice: "alice-pw-1", bob: "bob-pw-2" };
const alice = { credentials: { username: "alice", password: users.alice } };
const bob = { credentials: { username: "bob", password: users.bob } };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A stub whose answer names the user whose token was used, so cross-use would show. */
async function setup(
  overrides: TestClientOverrides = {},
  delayMs = 0,
): Promise<{ stub: StubEm; client: EmClient }> {
  const stub = await startStubEm({
    users,
    handler: (_req, res, { user }) => {
      setTimeout(() => sendXml(res, `<Whoami><User>${user}</User></Whoami>`), delayMs);
      return true;
    },
  });
  cleanups.push(() => stub.stop());
  const { client } = testClient(stub.url, { auth: { mode: "passthrough" }, ...overrides });
  cleanups.push(() => client.close());
  return { stub, client };
}

describe("EmClient passthrough mode", () => {
  it("logs each credential pair on separately and never uses one user's token for another", async () => {
    const { stub, client } = await setup();
    const answers = await Promise.all([
      client.get("/whoami", alice),
      client.get("/whoami", bob),
      client.get("/other", alice),
      client.get("/other", bob),
    ]);
    expect(answers.map((a) => childText(a, "User"))).toEqual(["alice", "bob", "alice", "bob"]);
    expect(stub.logons()).toBe(2);
    const byUser = (name: string): Set<unknown> =>
      new Set(
        stub
          .calls()
          .filter((c) => c.user === name)
          .map((c) => c.headers["x-restsvcsessionid"]),
      );
    expect(byUser("alice").size).toBe(1);
    expect(byUser("bob").size).toBe(1);
    expect([...byUser("alice")][0]).not.toBe([...byUser("bob")][0]);
    expect(client.stats().sessions).toBe(2);
  });

  it("shares identical in-flight GETs only within one credential pair", async () => {
    const { stub, client } = await setup({}, 30);
    const [a1, a2, b1] = await Promise.all([
      client.get("/whoami", alice),
      client.get("/whoami", alice),
      client.get("/whoami", bob),
    ]);
    expect(a1).toBe(a2);
    expect(childText(b1, "User")).toBe("bob");
    expect(stub.calls()).toHaveLength(2);
  });

  it("refuses a wrong password with EmUnauthorizedError and leaves other users unaffected", async () => {
    const { stub, client } = await setup();
    await client.get("/whoami", alice);
    const wrong = { credentials: { username: "alice", password: "guess" } };
    await expect(client.get("/whoami", wrong)).rejects.toBeInstanceOf(EmUnauthorizedError);
    expect(childText(await client.get("/whoami", alice), "User")).toBe("alice");
    expect(stub.logons()).toBe(2);
    expect(stub.calls().every((c) => c.user === "alice")).toBe(true);
    // The refused pair is not kept as a session.
    expect(client.stats().sessions).toBe(1);
  });

  it("refuses a call without credentials before contacting EM", async () => {
    const { stub, client } = await setup();
    await expect(client.get("/whoami")).rejects.toBeInstanceOf(EmUnauthorizedError);
    await expect(
      client.get("/whoami", { credentials: { username: "", password: "x" } }),
    ).rejects.toBeInstanceOf(EmUnauthorizedError);
    expect(stub.requests).toHaveLength(0);
  });

  it("logs out the least recently used session when the cache is full", async () => {
    const { stub, client } = await setup({ auth: { mode: "passthrough", maxSessions: 1 } });
    await client.get("/whoami", alice);
    await client.get("/whoami", bob);
    await waitFor(() => stub.logouts() === 1);
    const logout = stub.requests.find((r) => r.method === "DELETE")!;
    expect(logout.user).toBe("alice");
    expect(client.stats().sessions).toBe(1);
  });

  it("logs every session out on close", async () => {
    const { stub, client } = await setup();
    await client.get("/whoami", alice);
    await client.get("/whoami", bob);
    await client.close();
    expect(stub.logouts()).toBe(2);
    expect(new Set(stub.requests.filter((r) => r.method === "DELETE").map((r) => r.user))).toEqual(
      new Set(["alice", "bob"]),
    );
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}
