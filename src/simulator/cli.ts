/**
 * `npm run simulator`: starts the EM simulator from `SIM_*` environment variables, prints its base URL and
 * credentials, and closes cleanly on SIGINT/SIGTERM.
 *
 * Variables (all optional): SIM_HOST (127.0.0.1), SIM_PORT (9398), SIM_SEED (1), SIM_SCALE (1),
 * SIM_USERS (`user:password[,user:password…]`, default demo:demo), SIM_NOW (ISO time, default the real
 * clock), SIMULATOR_SPEED (1: simulated seconds per real second), SIM_LATENCY_MS and SIM_LATENCY_JITTER_MS (0),
 * SIM_SESSION_IDLE_TIMEOUT_MS (900000).
 */
import { readSimulatorEnv } from "./readSimulatorEnv.js";
import { startSimulator, type SimulatorOptions } from "./startSimulator.js";

async function main(): Promise<void> {
  let options: SimulatorOptions;
  try {
    options = readSimulatorEnv(process.env);
  } catch (error) {
    console.error(`simulator: ${(error as Error).message}`);
    process.exitCode = 2;
    return;
  }
  const simulator = await startSimulator(options);
  console.log(`Veeam EM simulator listening at ${simulator.url}`);
  console.log(`credentials: ${simulator.credentials.username} / ${simulator.credentials.password}`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`simulator: ${signal} received, closing`);
    void simulator.close().then(() => process.exit(0));
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

void main().catch((error: unknown) => {
  console.error("simulator: failed to start:", error);
  process.exitCode = 1;
});
