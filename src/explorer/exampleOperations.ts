import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** One example operation of `schema/operations/`, as the explorers open it. */
export interface ExampleOperation {
  /** The file name without `.graphql`, e.g. `BackupSessionsDashboard`. */
  readonly name: string;
  readonly document: string;
  /** Values for its required variables, so that the tab runs as it opens (`# variables: {…}` line). */
  readonly variables: Record<string, unknown>;
}

/** Files opened first, in this order; the rest follow by name. */
const FIRST = [
  "BackupSessionsDashboard",
  "LastNightFailedVms",
  "FailedReplicaJobSessions",
  "CdpReplicaSessionsPage",
];
const VARIABLES_LINE = /^#\s*variables:\s*(\{.*\})\s*$/m;

/**
 * The example operations the explorers open as tabs: `schema/operations/*.graphql`, found next to the
 * sources (`npm start`), next to the build (`dist/`) or under the working directory (the Docker image).
 * A `# variables: {…}` comment line in a file gives the variables its tab starts with; a top-level string
 * `"now"`, `"now-18h"`, `"now-7d"` or `"now-30m"` there becomes that time (ISO, relative to `now`), so
 * "last night" tabs find last night's sessions whenever the gateway starts. Empty when the
 * folder is not there: the explorers then open with a short default query.
 */
export function readExampleOperations(now: Date = new Date()): ExampleOperation[] {
  const here = fileURLToPath(new URL(".", import.meta.url));
  const folder = [
    join(here, "../../schema/operations"),
    join(here, "../../../schema/operations"),
    join(process.cwd(), "schema/operations"),
  ].find((candidate) => existsSync(candidate));
  if (!folder) return [];
  const names = readdirSync(folder)
    .filter((file) => file.endsWith(".graphql"))
    .map((file) => file.slice(0, -".graphql".length));
  const rank = (name: string) => (FIRST.includes(name) ? FIRST.indexOf(name) : FIRST.length);
  names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return names.map((name) => {
    const document = readFileSync(join(folder, `${name}.graphql`), "utf8");
    const line = VARIABLES_LINE.exec(document)?.[1];
    let variables: Record<string, unknown> = {};
    try {
      variables = line ? (JSON.parse(line) as Record<string, unknown>) : {};
    } catch {
      variables = {};
    }
    return { name, document, variables: withRelativeTimes(variables, now) };
  });
}

const RELATIVE_TIME = /^now(?:-(\d{1,4})([dhm]))?$/;
const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000 };

/** Replaces top-level `now[-N(d|h|m)]` strings with ISO times relative to `now`. */
function withRelativeTimes(variables: Record<string, unknown>, now: Date): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(variables)) {
    const match = typeof value === "string" ? RELATIVE_TIME.exec(value) : null;
    out[name] = match
      ? new Date(now.getTime() - (match[1] ? Number(match[1]) * UNIT_MS[match[2]!]! : 0)).toISOString()
      : value;
  }
  return out;
}
