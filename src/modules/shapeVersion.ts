import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * A digest of the shape of the mapped rows: the gateway's version and the source of every entity
 * declaration and reader (this folder: the declarations, field groups, readers and enums the mappers are
 * made of). It goes into every cache key, so a deploy that changes what a mapper produces never reads rows
 * an older mapper wrote into a shared Redis, while replicas of the same build agree on it. Read once at
 * start.
 */
export function entityShapeVersion(): string {
  const folder = fileURLToPath(new URL(".", import.meta.url));
  const packageJson = fileURLToPath(new URL("../../package.json", import.meta.url));
  const hash = createHash("sha256").update(readFileSync(packageJson));
  for (const file of sourceFiles(folder))
    hash.update(`\u0000${file.slice(folder.length)}\u0000`).update(readFileSync(file));
  return hash.digest("hex").slice(0, 12);
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
    });
}
