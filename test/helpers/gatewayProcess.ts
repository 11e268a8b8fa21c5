import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { setTimeout as sleep } from "node:timers/promises";

/** `src/main.ts` running in a child process, started through tsx's CLI as `npm start` does. */
export interface GatewayProcess {
  readonly process: ChildProcess;
  /** The GraphQL endpoint the child printed. */
  readonly url: string;
  /** Its JSON log lines so far, parsed. */
  lines(): Array<Record<string, unknown>>;
  readonly exited: Promise<number | null>;
  /** SIGKILLs the child (tsx and the gateway it runs) if it is still running. */
  kill(): void;
}

const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");

/** Polls `condition` every 20 ms until it holds; throws after `timeoutMs` naming `what`. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/**
 * Starts the gateway process with only PATH from this environment plus `env` (PORT 0 and loopback by
 * default) and resolves once it printed its URL. Register `kill()` in teardown.
 */
export async function startGatewayProcess(env: Record<string, string>): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [tsxCli, "src/main.ts"], {
    cwd: new URL("../..", import.meta.url),
    env: { PATH: process.env["PATH"], PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // A process group of its own: tsx's CLI runs the gateway in a child process, which a SIGKILL of the CLI
    // alone would leave running (orphaned, still serving and polling).
    detached: true,
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const kill = () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      child.kill("SIGKILL");
    }
  };
  try {
    await until(
      () => /GraphQL gateway: (http:\/\/\S+)/.test(stdout) || child.exitCode !== null,
      "the gateway",
    );
  } catch (error) {
    kill();
    throw error;
  }
  const url = /GraphQL gateway: (http:\/\/\S+)/.exec(stdout)?.[1];
  if (!url) throw new Error(`the gateway did not start: ${stderr}`);
  return {
    process: child,
    url,
    lines: () =>
      stdout
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    exited,
    kill,
  };
}

/** POSTs one operation to `url` and returns the parsed body. */
export async function postGraphQL(
  url: string,
  query: string,
  headers: Record<string, string> = {},
): Promise<any> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query }),
  });
  return response.json();
}
