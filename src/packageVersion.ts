import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The gateway's version from package.json (the traces' `service.version` and instrumentation scope). */
export function packageVersion(): string {
  const path = fileURLToPath(new URL("../package.json", import.meta.url));
  const { version } = JSON.parse(readFileSync(path, "utf8")) as { version?: unknown };
  return typeof version === "string" ? version : "0.0.0";
}
