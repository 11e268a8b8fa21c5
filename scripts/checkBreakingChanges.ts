import { CriticalityLevel, diff } from "@graphql-inspector/core";
import { buildSchema } from "graphql";

/** The file that flags intended breaking changes, relative to the repository root. */
export const ACCEPTED_PATH = "schema/BREAKING_CHANGES_ACCEPTED";

/** One breaking change between two schemas: its schema coordinate (`Type.field.arg`) and a sentence. */
export interface BreakingChange {
  readonly path: string;
  readonly message: string;
}

/** The verdict on a schema change. `ok` is false when a breaking change is not listed as accepted. */
export interface BreakingChangeReport {
  readonly ok: boolean;
  readonly breaking: readonly BreakingChange[];
  readonly unaccepted: readonly BreakingChange[];
  /** Entries of the accepted file that matched no change here: harmless, prune them after a release. */
  readonly unusedAcceptances: readonly string[];
}

/** The accepted-changes file is malformed; the message names the line. */
export class AcceptedChangesFormatError extends Error {
  readonly code = "ACCEPTED_CHANGES_MALFORMED";
  constructor(message: string) {
    super(message);
    this.name = "AcceptedChangesFormatError";
  }
}

/**
 * The changes from `oldSdl` to `newSdl` that can break an existing client (graphql-inspector's
 * `Breaking` criticality: removed types, fields, arguments and enum values, narrowed types, new required
 * arguments...). Dangerous but compatible changes (a new enum value, a new optional argument) are not.
 */
export async function findBreakingChanges(oldSdl: string, newSdl: string): Promise<BreakingChange[]> {
  const changes = await diff(buildSchema(oldSdl), buildSchema(newSdl));
  return changes
    .filter((change) => change.criticality.level === CriticalityLevel.Breaking)
    .map((change) => ({ path: change.path ?? "(schema)", message: change.message }));
}

/**
 * Parses `schema/BREAKING_CHANGES_ACCEPTED`: one accepted change a line, `<coordinate> <reason>`, for
 * example `Query.jobs.first Int! now: EM rejects unpaged job queries`. `#` starts a comment line.
 * A reason is required so that the review of the pull request sees why.
 */
export function parseAcceptedChanges(text: string): Set<string> {
  const accepted = new Set<string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const match = /^(\S+)\s+\S/.exec(line);
    if (!match) {
      throw new AcceptedChangesFormatError(
        `${ACCEPTED_PATH}:${index + 1}: expected "<schema coordinate> <reason>", got "${line}"`,
      );
    }
    accepted.add(match[1]!);
  });
  return accepted;
}

/**
 * Judges the change from `oldSdl` to `newSdl`: every breaking change must be listed (by its coordinate)
 * in the accepted-changes text. A null `oldSdl` (no previous schema) has nothing to break.
 */
export async function checkBreakingChanges(
  oldSdl: string | null,
  newSdl: string,
  acceptedText: string,
): Promise<BreakingChangeReport> {
  const accepted = parseAcceptedChanges(acceptedText);
  const breaking = oldSdl === null ? [] : await findBreakingChanges(oldSdl, newSdl);
  const unaccepted = breaking.filter((change) => !accepted.has(change.path));
  const used = new Set(breaking.map((change) => change.path));
  return {
    ok: unaccepted.length === 0,
    breaking,
    unaccepted,
    unusedAcceptances: [...accepted].filter((path) => !used.has(path)),
  };
}
