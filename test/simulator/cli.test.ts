import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  clockFromEnv,
  readSimulatorEnv,
  SimulatorConfigError,
} from "../../src/simulator/readSimulatorEnv.js";

describe("readSimulatorEnv", () => {
  it("has the documented defaults", () => {
    const options = readSimulatorEnv({});
    expect(options).toMatchObject({ host: "127.0.0.1", port: 9398, seed: 1, scale: 1 });
    expect(options.users).toBeUndefined();
    expect(options.clock).toBeUndefined();
    expect(options.latency).toBeUndefined();
  });

  it("reads every variable", () => {
    const options = readSimulatorEnv({
      SIM_HOST: "0.0.0.0",
      SIM_PORT: "0",
      SIM_SEED: "42",
      SIM_SCALE: "10",
      SIM_USERS: "alice:secret,bob:p:w",
      SIM_NOW: "2025-11-05T12:00:00Z",
      SIM_LATENCY_MS: "5",
      SIM_LATENCY_JITTER_MS: "3",
      SIM_SESSION_IDLE_TIMEOUT_MS: "1000",
    });
    expect(options).toMatchObject({
      host: "0.0.0.0",
      port: 0,
      seed: 42,
      scale: 10,
      users: [
        { username: "alice", password: "secret" },
        { username: "bob", password: "p:w" },
      ],
      latency: { fixedMs: 5, jitterMs: 3 },
      sessionIdleTimeoutMs: 1000,
    });
    expect(Math.abs(options.clock!().getTime() - Date.parse("2025-11-05T12:00:00Z"))).toBeLessThan(60_000);
  });

  it.each([
    ["SIM_PORT", "70000"],
    ["SIM_PORT", "http"],
    ["SIM_SEED", "1.5"],
    ["SIM_SCALE", "0"],
    ["SIM_USERS", "alice"],
    ["SIM_USERS", ":pw"],
    ["SIM_NOW", "yesterday"],
    ["SIM_LATENCY_MS", "-1"],
    ["SIM_LATENCY_JITTER_MS", "x"],
    ["SIM_SESSION_IDLE_TIMEOUT_MS", "0"],
    ["SIMULATOR_SPEED", "0"],
    ["SIMULATOR_SPEED", "fast"],
  ])("rejects %s=%s with a message naming the variable and the value", (name, value) => {
    expect(() => readSimulatorEnv({ [name]: value })).toThrow(SimulatorConfigError);
    expect(() => readSimulatorEnv({ [name]: value })).toThrow(
      new RegExp(`${name} must be .*${JSON.stringify(value).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`),
    );
  });
});

describe("SIMULATOR_SPEED", () => {
  it("runs the simulated clock that many times faster than the real one, from SIM_NOW", async () => {
    const clock = clockFromEnv({ SIM_NOW: "2025-11-05T12:00:00Z", SIMULATOR_SPEED: "1000" })!;
    const first = clock().getTime();
    expect(first).toBeGreaterThanOrEqual(Date.parse("2025-11-05T12:00:00Z"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // 50 ms of real time is at least 50 s simulated.
    expect(clock().getTime() - first).toBeGreaterThanOrEqual(45_000);
    expect(clockFromEnv({})).toBeUndefined();
    expect(readSimulatorEnv({ SIMULATOR_SPEED: "60" }).clock).toBeDefined();
  });
});

describe("npm run simulator", () => {
  it("prints the base URL and credentials, serves, and exits 0 on SIGTERM", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/simulator/cli.ts"], {
      cwd: new URL("../..", import.meta.url).pathname,
      env: { ...process.env, SIM_PORT: "0", SIM_USERS: "alice:secret" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const m = /listening at (\S+)/.exec(out);
        if (m && out.includes("credentials")) resolve(m[1]);
      });
      child.on("exit", (code) => reject(new Error(`exited early with ${code}: ${out}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    expect(out).toContain("credentials: alice / secret");
    const res = await fetch(`${url}/`);
    expect(res.status).toBe(200);
    await res.text();
    const exit = new Promise<number | null>((resolve) => child.on("exit", resolve));
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
  });
});
