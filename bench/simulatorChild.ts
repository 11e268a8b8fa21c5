/**
 * The EM simulator in a process of its own for the benchmark (forked by `simulatorProcess.ts`): a real EM
 * runs on another host, so its CPU must not share the gateway's event loop. Answers the parent's requests
 * over the IPC channel: the request-log count, clearing it, latency, and shutdown.
 */
import { startSimulator } from "../src/simulator/startSimulator.js";

interface Command {
  readonly id: number;
  readonly op: "count" | "clear" | "latency" | "close";
  readonly latencyMs?: number | null;
}

const scale = Number(process.env["BENCH_SIM_SCALE"] ?? "1");
const speed = Number(process.env["BENCH_SIM_SPEED"] ?? "0");
const seed = Number(process.env["BENCH_SIM_SEED"] ?? "1");
// The clock stands still: running backup sessions would otherwise move between the three ways' reads of
// the same question, and the same-data check compares them. The live run wants sessions that move
// (BENCH_SIM_SPEED simulated seconds per real second).
const startedAt = new Date();
const clock =
  speed > 0
    ? () => new Date(startedAt.getTime() + (Date.now() - startedAt.getTime()) * speed)
    : () => startedAt;
const sim = await startSimulator({ scale, clock, seed });
process.send!({ ready: true, url: sim.url, credentials: sim.credentials });

process.on("message", (raw) => {
  const command = raw as Command;
  const reply = (value: unknown) => process.send!({ id: command.id, value });
  switch (command.op) {
    case "count":
      reply(sim.requests.length);
      return;
    case "clear":
      sim.clearRequests();
      reply(null);
      return;
    case "latency":
      sim.faults.setLatency(
        command.latencyMs == null ? undefined : { fixedMs: command.latencyMs, jitterMs: 0 },
      );
      reply(null);
      return;
    case "close":
      void sim.close().then(() => {
        reply(null);
        process.disconnect();
      });
      return;
  }
});
