import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// A layer never imports the one above it. The layers of src/, lowest first, and what each may import
// (besides itself and packages). Top-level files (config, context, gateway, main, schema, …) and the
// cross-cutting folders above the graphql layer may import any of these; none of these may import them.

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  ids: [],
  // Span helpers over @opentelemetry/api: every layer may trace its own work.
  telemetry: [],
  // formatError names the upstream codes it translates; nothing below imports formatError.
  errors: ["ids", "upstream"],
  logging: ["telemetry"],
  upstream: ["ids", "telemetry"],
  // The cross-request cache stores bytes under keys; it knows nothing of EM or of rows.
  cache: [],
  filters: ["errors", "ids"],
  loaders: ["cache", "errors", "filters", "ids", "telemetry", "upstream"],
  modules: ["errors", "filters", "ids", "loaders", "upstream"],
  // Live feeds poll EM for entity sources and diff rows; they know nothing of GraphQL or of the entities.
  live: ["filters", "ids", "loaders", "telemetry", "upstream"],
  graphql: ["errors", "filters", "ids", "live", "loaders", "modules", "telemetry", "upstream"],
  // The XML worker maps with the entity declarations; only the gateway's top level builds the pool.
  "xml-workers": ["modules", "upstream"],
  // The embedded EM shares no code with the gateway, in either direction (main.ts starts it).
  simulator: [],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** `modules` for src/modules/job/job.entity.ts; `(top)` for src/gateway.ts. */
function layerOf(file: string): string {
  const [first, ...rest] = relative(SRC, file).split("/");
  return rest.length === 0 ? "(top)" : first!;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map((m) => m[1]!);
  return specifiers.map((specifier) => resolve(dirname(file), specifier.replace(/\.js$/, ".ts")));
}

describe("import direction in src/", () => {
  const files = sourceFiles(SRC);

  it("finds the layers it checks", () => {
    for (const layer of Object.keys(ALLOWED))
      expect(
        files.some((f) => layerOf(f) === layer),
        layer,
      ).toBe(true);
  });

  it("has no import from a lower layer into a higher one, and none across the simulator boundary", () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      for (const target of importsOf(file)) {
        const to = layerOf(target);
        if (to === from) continue;
        const allowed = ALLOWED[from];
        const wrong =
          (allowed !== undefined && !allowed.includes(to)) ||
          (to === "simulator" && relative(SRC, file) !== "main.ts");
        if (wrong) violations.push(`${relative(SRC, file)} → ${relative(SRC, target)}`);
      }
    }
    expect(violations).toEqual([]);
  });
});
