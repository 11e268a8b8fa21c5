import { request as httpRequest, Agent } from "node:http";
import { connect, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "../../src/simulator/startSimulator.js";
import {
  postGraphQL as post,
  startGatewayProcess,
  until,
  type GatewayProcess as Child,
} from "../helpers/gatewayProcess.js";

// SIGTERM and SIGINT end the process within SHUTDOWN_TIMEOUT_MS + 2 s whatever is still open, in the
// default (development) mode and in production alike, with "stopped" as the last log line. Each case
// runs `src/main.ts` through tsx's CLI, as `npm start` does.

const SHUTDOWN_TIMEOUT_MS = 3000;
const BOUND_MS = SHUTDOWN_TIMEOUT_MS + 2000;
/** Signals the child and resolves with its exit code and how long the exit took. */
async function stop(child: Child, signal: NodeJS.Signals): Promise<{ code: number | null; ms: number }> {
  const started = performance.now();
  child.process.kill(signal);
  const code = await Promise.race([child.exited, sleep(BOUND_MS + 5000).then(() => "hung" as const)]);
  if (code === "hung") {
    child.process.kill("SIGKILL");
    throw new Error("the gateway did not exit");
  }
  return { code, ms: performance.now() - started };
}

/** A request whose response the client never reads: the socket stays open and paused. */
function neverReadingClient(url: string, body: string): Socket {
  const target = new URL(url);
  const socket = connect(Number(target.port), target.hostname);
  socket.write(
    `POST ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  socket.pause();
  socket.on("error", () => undefined);
  return socket;
}

/** An idle keep-alive connection: one answered request, the socket kept for reuse. */
async function idleKeepAlive(url: string): Promise<Agent> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  await new Promise<void>((resolve, reject) => {
    httpRequest(new URL("/healthz", url), { agent }, (response) => {
      response.resume();
      response.on("end", resolve);
    })
      .on("error", reject)
      .end();
  });
  return agent;
}

// Large enough that an unread answer fills the socket buffers, so the server can never finish writing it.
const BIG_LIST = `{ replicaTaskSessions(first: 500) { nodes { id name vmDisplayName creationTimeUtc endTimeUtc state result reason totalSize } } }`;

describe.each([
  ["development", {}],
  ["production", { NODE_ENV: "production" }],
] as const)("the gateway process (%s mode)", (_mode, modeEnv) => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
  });
  afterAll(() => sim.close());

  it("exits within the bound with a stalled EM call, an idle keep-alive connection and a client that never reads", async () => {
    const child = await startGatewayProcess({
      ...modeEnv,
      VEEAM_EM_URL: sim.url,
      VEEAM_EM_USERNAME: sim.credentials.username,
      VEEAM_EM_PASSWORD: sim.credentials.password,
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    });
    const sockets: Socket[] = [];
    let agent: Agent | undefined;
    try {
      expect((await post(child.url, BIG_LIST)).errors).toBeUndefined(); // logged on, list warm
      agent = await idleKeepAlive(child.url);
      for (let i = 0; i < 3; i++)
        sockets.push(neverReadingClient(child.url, JSON.stringify({ query: BIG_LIST })));
      await sleep(300); // the unread answers are written into full socket buffers
      sim.faults.inject({ kind: "stallHeaders" }, { pathPrefix: "/query" });
      const stalled = post(child.url, `{ jobs(first: 1) { nodes { id } } }`).catch(() => undefined);
      await until(() => sim.faults.pending.length === 0, "the stalled EM call");

      const { code, ms } = await stop(child, "SIGTERM");
      expect(ms).toBeLessThan(BOUND_MS);
      expect(code).toBe(0);
      const lines = child.lines();
      expect(lines.at(-1)?.["msg"]).toBe("stopped");
      expect(
        lines.some((line) => line["msg"] === "shutdown bound reached: cancelling in-flight requests"),
      ).toBe(true);
      await stalled;
    } finally {
      for (const socket of sockets) socket.destroy();
      agent?.destroy();
      sim.faults.clear();
      child.kill();
    }
  }, 40_000);

  it.each(["SIGTERM", "SIGINT"] as const)(
    "on the embedded simulator: %s stops the gateway and the simulator, and exits",
    async (signal) => {
      const child = await startGatewayProcess({ ...modeEnv });
      try {
        expect((await post(child.url, `{ jobs(first: 1) { nodes { id } } }`)).errors).toBeUndefined();
        const sites = child.lines().find((line) => Array.isArray(line["sites"]))?.["sites"] as
          Array<{ emUrl: string }> | undefined;
        const simulatorUrl = sites?.[0]?.emUrl as string;
        expect(simulatorUrl).toBeDefined();
        const { code, ms } = await stop(child, signal);
        expect(ms).toBeLessThan(BOUND_MS);
        expect(code).toBe(0);
        expect(child.lines().at(-1)?.["msg"]).toBe("stopped");
        await expect(fetch(simulatorUrl)).rejects.toThrow(); // no orphan simulator
      } finally {
        child.kill();
      }
    },
    40_000,
  );
});
