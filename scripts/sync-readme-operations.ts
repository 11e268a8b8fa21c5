/**
 * Copies each example operation in schema/operations/ into the README's block marked with its path
 * (`npm run readme:operations`), so that the README shows exactly the files the tests run.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { syncReadmeOperations } from "./readmeOperations.js";

const root = new URL("../", import.meta.url);
const readmePath = fileURLToPath(new URL("README.md", root));
const readme = readFileSync(readmePath, "utf8");
const synced = syncReadmeOperations(readme, (path) => readFileSync(new URL(path, root), "utf8"));
if (synced !== readme) writeFileSync(readmePath, synced);
process.stdout.write(synced === readme ? "README.md already up to date\n" : `updated ${readmePath}\n`);
