import type { SimulatorOptions } from "./startSimulator.js";

/** A configuration problem, naming the variable, the expected form and the value received. */
export class SimulatorConfigError extends Error {
  readonly code = "SIMULATOR_CONFIG_INVALID";
}

function readNumber(
  env: NodeJS.ProcessEnv,
  name: string,
  check: (n: number) => boolean,
  expected: string,
): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  const value = Number(raw.trim());
  if (!Number.isFinite(value) || !check(value)) {
    throw new SimulatorConfigError(`${name} must be ${expected}; got ${JSON.stringify(raw)}.`);
  }
  return value;
}

/**
 * Reads and validates the `SIM_*` variables into simulator options (see `cli.ts` for the list). SIM_NOW
 * starts the clock at that instant and lets it run.
 *
 * @throws SimulatorConfigError naming the variable, the expected form and the value received.
 */
export function readSimulatorEnv(env: NodeJS.ProcessEnv): SimulatorOptions {
  const options: SimulatorOptions = {
    host: env.SIM_HOST?.trim() || "127.0.0.1",
    port:
      readNumber(
        env,
        "SIM_PORT",
        (n) => Number.isInteger(n) && n >= 0 && n <= 65535,
        "an integer port 0–65535",
      ) ?? 9398,
    seed: readNumber(env, "SIM_SEED", Number.isInteger, "an integer") ?? 1,
    scale: readNumber(env, "SIM_SCALE", (n) => n > 0 && n <= 1000, "a positive number up to 1000") ?? 1,
    sessionIdleTimeoutMs: readNumber(
      env,
      "SIM_SESSION_IDLE_TIMEOUT_MS",
      (n) => n > 0,
      "a positive number of milliseconds",
    ),
  };
  const users = env.SIM_USERS?.trim();
  if (users) {
    options.users = users.split(",").map((entry) => {
      const colon = entry.indexOf(":");
      const username = colon < 0 ? "" : entry.slice(0, colon).trim();
      if (!username || colon === entry.length - 1) {
        throw new SimulatorConfigError(
          `SIM_USERS must be a comma-separated list of user:password pairs; got ${JSON.stringify(entry)} in ${JSON.stringify(users)}.`,
        );
      }
      return { username, password: entry.slice(colon + 1) };
    });
  }
  const clock = clockFromEnv(env);
  if (clock) options.clock = clock;
  const fixedMs = readNumber(env, "SIM_LATENCY_MS", (n) => n >= 0, "a non-negative number of milliseconds");
  const jitterMs = readNumber(
    env,
    "SIM_LATENCY_JITTER_MS",
    (n) => n >= 0,
    "a non-negative number of milliseconds",
  );
  if (fixedMs !== undefined || jitterMs !== undefined)
    options.latency = { fixedMs: fixedMs ?? 0, jitterMs: jitterMs ?? 0 };
  return options;
}

/**
 * The simulator's clock from `SIM_NOW` (start at that instant) and `SIMULATOR_SPEED` (simulated seconds per
 * real second, default 1: at 60 a backup job of half an hour runs in 30 s, so progress shows in an
 * explorer within seconds). Undefined when neither is set: the real clock. The clock keeps running from
 * its start, so idle sessions and running jobs behave normally.
 *
 * @throws SimulatorConfigError naming the variable, the expected form and the value received.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv): (() => Date) | undefined {
  const now = env.SIM_NOW?.trim();
  let start = Date.now();
  if (now) {
    const fixed = new Date(now);
    if (Number.isNaN(fixed.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(now)) {
      throw new SimulatorConfigError(
        `SIM_NOW must be an ISO date-time such as 2025-11-05T12:00:00Z; got ${JSON.stringify(now)}.`,
      );
    }
    start = fixed.getTime();
  }
  const speed =
    readNumber(env, "SIMULATOR_SPEED", (n) => n > 0 && n <= 10_000, "a positive number up to 10000") ?? 1;
  if (!now && speed === 1) return undefined;
  const realStart = Date.now();
  return () => new Date(start + (Date.now() - realStart) * speed);
}
