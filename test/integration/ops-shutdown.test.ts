import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { startSimulator } from "../../src/simulator/startSimulator.js";
import { startStack, type Stack } from "../helpers/startStack.js";

const LIST = `{ replicaJobSessions(first: 2) { nodes { id name } } }`;

/** Resolves once `condition` holds, polling; the test's own timeout bounds it. */
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await sleep(10);
}

function logouts(stack: Pick<Stack, "sim">) {
  return stack.sim.requests.filter(
    (request) => request.method === "DELETE" && /\/logonsessions\//i.test(request.path),
  );
}

describe("gateway.stop()", () => {
  it("lets an in-flight slow operation finish, then logs the EM session out", async () => {
    const stack = await startStack();
    try {
      expect((await stack.query(LIST)).errors).toBeUndefined(); // logged on
      stack.sim.faults.setLatency({ fixedMs: 300, jitterMs: 0 });
      const slow = stack.query(LIST);
      await until(() => stack.gateway.em.stats().running > 0);
      await stack.gateway.stop();
      const response = await slow;
      expect(response.errors).toBeUndefined();
      expect(response.data!.replicaJobSessions.nodes).toHaveLength(2);
      expect(logouts(stack)).toHaveLength(1);
      // Stopped means stopped: no new connections.
      await expect(fetch(new URL("/healthz", stack.gateway.url))).rejects.toThrow();
    } finally {
      await stack.sim.close();
    }
  });

  it("cuts a stuck operation at SHUTDOWN_TIMEOUT_MS with UPSTREAM_UNAVAILABLE and still logs out", async () => {
    const stack = await startStack({ env: { SHUTDOWN_TIMEOUT_MS: "200" } });
    try {
      expect((await stack.query(LIST)).errors).toBeUndefined();
      // EM accepts the query and never answers (its headers timeout is 30 s, far beyond the bound).
      stack.sim.faults.inject({ kind: "stallHeaders" }, { pathPrefix: "/query" });
      const stuck = stack.query(LIST);
      await until(() => stack.gateway.em.stats().running > 0);
      await stack.gateway.stop();
      const response = await stuck;
      expect(response.errors?.[0]?.extensions?.code).toBe("UPSTREAM_UNAVAILABLE");
      expect(response.errors?.[0]?.message).toMatch(/shutting down/);
      expect(stack.logs.some((line) => line.includes("shutdown bound reached"))).toBe(true);
      expect(logouts(stack)).toHaveLength(1);
    } finally {
      await stack.sim.close();
    }
  });
});

describe("the gateway process", () => {
  it("on SIGTERM during a slow upstream call: the call completes, EM is logged out, exit code 0", async () => {
    const sim = await startSimulator({ port: 0 });
    const require = createRequire(import.meta.url);
    const tsxCli = require.resolve("tsx/cli");
    const child = spawn(process.execPath, [tsxCli, "src/main.ts"], {
      cwd: new URL("../..", import.meta.url),
      env: {
        PATH: process.env["PATH"],
        VEEAM_EM_URL: sim.url,
        VEEAM_EM_USERNAME: sim.credentials.username,
        VEEAM_EM_PASSWORD: sim.credentials.password,
        PORT: "0",
        HOST: "127.0.0.1",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      await until(() => /GraphQL gateway: (http:\/\/\S+)/.test(stdout) || child.exitCode !== null);
      const url = /GraphQL gateway: (http:\/\/\S+)/.exec(stdout)?.[1];
      expect(url, stderr).toBeDefined();
      const post = () =>
        fetch(url!, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: LIST }),
        }).then((response) => response.json() as Promise<any>);
      expect((await post()).errors).toBeUndefined();

      sim.faults.setLatency({ fixedMs: 500, jitterMs: 0 });
      sim.clearRequests();
      const slow = post();
      // The gateway has the request once its own metrics show it in flight (a scrape does not count itself).
      await until(async () => {
        const metrics = await (await fetch(new URL("/metrics", url))).text();
        return /^gateway_http_requests_in_flight [1-9]/m.test(metrics);
      });
      child.kill("SIGTERM");
      const response = await slow;
      expect(response.errors).toBeUndefined();
      expect(response.data.replicaJobSessions.nodes).toHaveLength(2);
      expect(await exited).toBe(0);
      expect(
        sim.requests.filter(
          (request) => request.method === "DELETE" && /\/logonsessions\//i.test(request.path),
        ),
      ).toHaveLength(1);
      const lines = stdout
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line));
      expect(lines.some((line) => line.msg === "shutting down" && line.signal === "SIGTERM")).toBe(true);
      expect(lines.at(-1)?.msg).toBe("stopped");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await sim.close();
    }
  }, 30_000);
});
