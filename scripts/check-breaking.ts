/**
 * Fails (exit 1) when `schema/schema.graphql` breaks clients compared with its previous committed version
 * and the change is not listed in `schema/BREAKING_CHANGES_ACCEPTED` (`npm run schema:breaking`; runs in
 * `.ci/run`). How the previous version is found: `findSchemaBaseline` in scripts/schemaBaseline.ts.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ACCEPTED_PATH, checkBreakingChanges } from "./checkBreakingChanges.js";
import { findSchemaBaseline, SCHEMA_PATH } from "./schemaBaseline.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const acceptedFile = join(root, ACCEPTED_PATH);

const baseline = findSchemaBaseline(root);
const report = await checkBreakingChanges(
  baseline.sdl,
  readFileSync(join(root, SCHEMA_PATH), "utf8"),
  existsSync(acceptedFile) ? readFileSync(acceptedFile, "utf8") : "",
);

const out: string[] = [`schema:breaking: compared with ${baseline.source}`];
for (const change of report.breaking) {
  const flag = report.unaccepted.includes(change) ? "BREAKING" : "accepted";
  out.push(`  ${flag}  ${change.path}: ${change.message}`);
}
for (const path of report.unusedAcceptances) {
  out.push(`  note: ${ACCEPTED_PATH} lists ${path}, which no change here matches (prune it after a release)`);
}
if (report.ok) {
  out.push(report.breaking.length ? "  breaking changes are all accepted" : "  no breaking changes");
} else {
  out.push(
    `  ${report.unaccepted.length} unaccepted breaking change(s). Keep the schema compatible (deprecate first), or, ` +
      `when the break is intended and the clients are ready, add a line "<coordinate> <reason>" for each to ` +
      `${ACCEPTED_PATH}.`,
  );
}
(report.ok ? process.stdout : process.stderr).write(`${out.join("\n")}\n`);
process.exitCode = report.ok ? 0 : 1;
