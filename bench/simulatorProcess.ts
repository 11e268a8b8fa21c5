import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

/** A simulator running in a child process, with the parts of its API the benchmark needs. */
export interface SimulatorProcess {
  readonly url: string;
  readonly credentials: { readonly username: string; readonly password: string };
  /** Requests in the simulator's log (logons included). */
  requestCount(): Promise<number>;
  clearRequests(): Promise<void>;
  /** Fixed latency per response; null removes it. */
  setLatency(ms: number | null): Promise<void>;
  close(): Promise<void>;
}

/**
 * Forks `simulatorChild.ts` (under tsx, like `npm run simulator`) and waits until it listens. The
 * benchmark's three ways then talk to it over loopback exactly as they would to a remote EM, and its CPU
 * runs beside the gateway's instead of inside its event loop.
 */
export async function startSimulatorProcess(options: {
  scale: number;
  /** Simulated seconds per real second; omitted: the clock stands still. */
  speed?: number;
  /** Data seed (default 1): another seed is another EM's data. */
  seed?: number;
}): Promise<SimulatorProcess> {
  const child: ChildProcess = fork(fileURLToPath(new URL("./simulatorChild.ts", import.meta.url)), {
    execArgv: ["--import", "tsx"],
    env: {
      ...process.env,
      BENCH_SIM_SCALE: String(options.scale),
      BENCH_SIM_SPEED: String(options.speed ?? 0),
      BENCH_SIM_SEED: String(options.seed ?? 1),
    },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const ready = await new Promise<{ url: string; credentials: { username: string; password: string } }>(
    (resolve, reject) => {
      child.once("error", reject);
      child.once("exit", (code) =>
        reject(new Error(`simulator process exited with ${code} before listening`)),
      );
      child.once("message", (message) =>
        resolve(message as { url: string; credentials: { username: string; password: string } }),
      );
    },
  );
  child.removeAllListeners("exit");

  let nextId = 0;
  const pending = new Map<number, (value: unknown) => void>();
  child.on("message", (message) => {
    const { id, value } = message as { id: number; value: unknown };
    pending.get(id)?.(value);
    pending.delete(id);
  });
  const call = (op: string, extra: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      child.send({ id, op, ...extra });
    });

  return {
    url: ready.url,
    credentials: ready.credentials,
    requestCount: async () => (await call("count")) as number,
    clearRequests: async () => void (await call("clear")),
    setLatency: async (ms) => void (await call("latency", { latencyMs: ms })),
    async close() {
      if (!child.connected) return;
      await call("close");
      await new Promise<void>((resolve) =>
        child.exitCode !== null ? resolve() : child.once("exit", () => resolve()),
      );
    },
  };
}
