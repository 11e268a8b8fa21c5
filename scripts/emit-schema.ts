/**
 * Writes `schema/schema.graphql` from the code-first schema (`npm run schema`). The file is committed; a
 * test fails when it and the code disagree.
 */
import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { printGatewaySchema } from "../src/printGatewaySchema.js";

const target = fileURLToPath(new URL("../schema/schema.graphql", import.meta.url));
writeFileSync(target, await printGatewaySchema());
process.stdout.write(`wrote ${target}\n`);
