import { execFileSync } from "node:child_process";
import { cpus, totalmem } from "node:os";

/** Where the numbers were measured. */
export interface MachineDescription {
  readonly cpuModel: string;
  /** `nproc`: the cores this process may use. */
  readonly nproc: number;
  /** `free -h`, verbatim (the "Mem:" line), or total memory when `free` is missing. */
  readonly memory: string;
  readonly node: string;
  readonly platform: string;
  /** 1-minute load average at start: other work on the (shared) machine. */
  readonly loadAverageAtStart: number;
}

/** Describes this machine with `nproc`, `free -h`, `node --version` and the CPU model. */
export function describeMachine(loadAverage: number): MachineDescription {
  return {
    cpuModel: cpus()[0]?.model ?? "unknown",
    nproc: Number(run("nproc") ?? cpus().length),
    memory:
      run("free", "-h")
        ?.split("\n")
        .find((line) => line.startsWith("Mem:"))
        ?.replace(/\s+/g, " ")
        .trim() ?? `${(totalmem() / 2 ** 30).toFixed(1)} GiB total`,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: loadAverage,
  };
}

function run(command: string, ...args: string[]): string | undefined {
  try {
    return execFileSync(command, args, { encoding: "utf8" }).trim();
  } catch {
    return undefined;
  }
}
