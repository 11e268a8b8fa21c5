import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Where the committed SDL lives, relative to the repository root. */
export const SCHEMA_PATH = "schema/schema.graphql";

/**
 * The schema a change is judged against. `sdl` is null when there is none (the file is new at the base,
 * or the directory is not a git work tree); `source` says where it came from, for the report.
 */
export interface SchemaBaseline {
  readonly sdl: string | null;
  readonly source: string;
}

/** The baseline could not be determined; the message says how to make it determinable. */
export class SchemaBaselineError extends Error {
  readonly code = "SCHEMA_BASELINE_UNAVAILABLE";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SchemaBaselineError";
  }
}

/**
 * Finds the previous committed version of `schema/schema.graphql` in the git repository at `root`.
 *
 * In order: `SCHEMA_BASE_FILE` (an SDL file, taken as is); the schema at the merge base of HEAD and
 * `SCHEMA_BASE_REF` (default `origin/HEAD` when it exists) when HEAD is ahead of it, so a branch is judged
 * as a whole; the committed HEAD version when the working file differs from it; otherwise the version
 * before the last commit that changed the file (what CI on the main line sees).
 *
 * Hazard: a shallow clone has no history to look in, and its oldest commit looks as if it added every
 * file, which would hide every change. The clone is deepened with `git fetch --unshallow`; when that
 * fails (no remote, no network) this throws rather than passing a check it could not do.
 */
export function findSchemaBaseline(root: string, env: NodeJS.ProcessEnv = process.env): SchemaBaseline {
  const baseFile = env["SCHEMA_BASE_FILE"];
  if (baseFile) return { sdl: readFileSync(baseFile, "utf8"), source: `SCHEMA_BASE_FILE=${baseFile}` };

  const git = (...args: string[]): string | undefined => {
    try {
      return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch {
      return undefined;
    }
  };
  if (git("rev-parse", "--is-inside-work-tree")?.trim() !== "true") {
    return { sdl: null, source: "no git work tree, nothing to compare with" };
  }
  if (git("rev-parse", "--is-shallow-repository")?.trim() === "true") {
    git("fetch", "--quiet", "--unshallow", "--no-tags");
    // Checked again, not trusted from the exit status: without a remote, `git fetch` does nothing and
    // succeeds.
    if (git("rev-parse", "--is-shallow-repository")?.trim() !== "false") {
      throw new SchemaBaselineError(
        "the clone is shallow and `git fetch --unshallow` failed, so the previous schema cannot be found: " +
          "clone with full history (e.g. actions/checkout `fetch-depth: 0`) or set SCHEMA_BASE_FILE",
      );
    }
  }
  const schemaAt = (commit: string): string | null => git("show", `${commit}:${SCHEMA_PATH}`) ?? null;
  const head = git("rev-parse", "--verify", "--quiet", "HEAD")?.trim();
  if (!head) return { sdl: null, source: "no commits yet" };

  const explicitRef = env["SCHEMA_BASE_REF"];
  const ref = explicitRef ?? (git("rev-parse", "--verify", "--quiet", "origin/HEAD") ? "origin/HEAD" : "");
  if (ref) {
    const mergeBase = git("merge-base", "HEAD", ref)?.trim();
    if (!mergeBase && explicitRef) {
      throw new SchemaBaselineError(`SCHEMA_BASE_REF=${explicitRef} has no merge base with HEAD`);
    }
    if (mergeBase && mergeBase !== head) {
      return {
        sdl: schemaAt(mergeBase),
        source: `${SCHEMA_PATH} at the merge base with ${ref} (${short(mergeBase)})`,
      };
    }
  }

  const working = readFileSync(join(root, SCHEMA_PATH), "utf8");
  const committed = schemaAt(head);
  if (committed !== working) return { sdl: committed, source: `${SCHEMA_PATH} at HEAD (${short(head)})` };

  const lastChange = git("log", "-1", "--format=%H", "HEAD", "--", SCHEMA_PATH)?.trim();
  const parent = lastChange && git("rev-parse", "--verify", "--quiet", `${lastChange}^`)?.trim();
  if (!lastChange || !parent) return { sdl: null, source: `${SCHEMA_PATH} has no earlier version` };
  return {
    sdl: schemaAt(parent),
    source: `${SCHEMA_PATH} before its last change in ${short(lastChange)}`,
  };
}

function short(commit: string): string {
  return commit.slice(0, 12);
}
