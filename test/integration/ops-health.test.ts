import { describe, expect, it } from "vitest";
import { startStack } from "../helpers/startStack.js";

async function get(
  graphqlUrl: string,
  path: string,
): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(new URL(path, graphqlUrl));
  return { status: response.status, body: await response.json(), headers: response.headers };
}

describe("/healthz and /readyz (service account)", () => {
  it("is live and ready while EM is up, live and not ready (503 with a reason) once it is down", async () => {
    const stack = await startStack({ env: { READINESS_CACHE_MS: "0", VEEAM_EM_MAX_RETRIES: "0" } });
    try {
      const live = await get(stack.gateway.url, "/healthz");
      expect(live).toMatchObject({ status: 200, body: { status: "ok" } });
      expect(stack.sim.requests).toHaveLength(0); // liveness never touches EM

      const ready = await get(stack.gateway.url, "/readyz");
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ status: "ready", ready: true, check: "em-session" });
      expect(ready.body.upstream).toMatchObject({ sessions: 1 });
      expect(ready.body.breaker).toMatchObject({ state: "closed" });
      // A session was had: one logon and one cheap query.
      expect(stack.upstream("/sessionMngr")).toHaveLength(1);
      expect(stack.upstream("/query")).toHaveLength(1);

      await stack.sim.close();
      expect((await get(stack.gateway.url, "/healthz")).status).toBe(200);
      const down = await get(stack.gateway.url, "/readyz");
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ status: "unavailable", ready: false, code: "EM_UNAVAILABLE" });
      expect(down.body.reason).toMatch(/Enterprise Manager/);
    } finally {
      await stack.close();
    }
  });

  it("asks EM at most once per READINESS_CACHE_MS however many probes arrive", async () => {
    const stack = await startStack({ env: { READINESS_CACHE_MS: "60000" } });
    try {
      const answers = await Promise.all(Array.from({ length: 10 }, () => get(stack.gateway.url, "/readyz")));
      for (const answer of answers) expect(answer.status).toBe(200);
      expect((await get(stack.gateway.url, "/readyz")).status).toBe(200);
      expect(stack.upstream("/query")).toHaveLength(1);
      expect(stack.upstream("/sessionMngr")).toHaveLength(1);
    } finally {
      await stack.close();
    }
  });

  it("is not ready when EM refuses the service account", async () => {
    const stack = await startStack({ env: { VEEAM_EM_PASSWORD: "not-the-password" } });
    try {
      const answer = await get(stack.gateway.url, "/readyz");
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ ready: false, code: "EM_UNAUTHORIZED" });
      expect(JSON.stringify(answer.body)).not.toContain("not-the-password");
    } finally {
      await stack.close();
    }
  });

  it("answers every request with an x-request-id, health endpoints included", async () => {
    const stack = await startStack();
    try {
      expect((await get(stack.gateway.url, "/healthz")).headers.get("x-request-id")).toMatch(
        /^[0-9a-f-]{36}$/,
      );
      const echoed = await fetch(new URL("/healthz", stack.gateway.url), {
        headers: { "x-request-id": "probe-1" },
      });
      expect(echoed.headers.get("x-request-id")).toBe("probe-1");
    } finally {
      await stack.close();
    }
  });
});

describe("/readyz in passthrough mode", () => {
  it("checks EM's unauthenticated entry point GET /api/ and logs on as nobody", async () => {
    const stack = await startStack({
      env: { VEEAM_EM_AUTH_MODE: "passthrough", READINESS_CACHE_MS: "0" },
    });
    try {
      const ready = await get(stack.gateway.url, "/readyz");
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ ready: true, check: "em-entry-point" });
      expect(stack.sim.requests.map((request) => `${request.method} ${request.path}`)).toEqual(["GET /api/"]);

      await stack.sim.close();
      const down = await get(stack.gateway.url, "/readyz");
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ ready: false, check: "em-entry-point", code: "EM_UNAVAILABLE" });
    } finally {
      await stack.close();
    }
  });
});
