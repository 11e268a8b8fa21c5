import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// No Docker engine runs here, so the image is checked by reading the Dockerfile: its stages, base images,
// installs, user, port, health check and build context. `docker build` itself is documented in the README.

const root = new URL("../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");

interface Instruction {
  readonly keyword: string;
  readonly args: string;
}
interface Stage {
  readonly image: string;
  readonly name: string | undefined;
  readonly instructions: Instruction[];
}

/** Instructions of a Dockerfile: comments dropped, `\` continuations joined, global ARG defaults applied to FROM. */
function parseDockerfile(text: string): { globalArgs: Map<string, string>; stages: Stage[] } {
  const lines = text
    .replace(/\\\r?\n/g, " ")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  const globalArgs = new Map<string, string>();
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword = "", args = ""] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args: args.replace(/\s+/g, " ") };
    if (instruction.keyword === "FROM") {
      const [, image = "", name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args) ?? [];
      const resolved = image.replace(/\$\{?(\w+)\}?/g, (_, arg: string) => globalArgs.get(arg) ?? "");
      stages.push({ image: resolved, name, instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword === "ARG") {
        const [, arg = "", value = ""] = /^(\w+)(?:=(.*))?$/.exec(instruction.args) ?? [];
        globalArgs.set(arg, value);
      }
    } else {
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  return { globalArgs, stages };
}

const { stages } = parseDockerfile(read("Dockerfile"));
const build = stages[0]!;
const runtime = stages.at(-1)!;
const of = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword);
const indexOf = (stage: Stage, pattern: RegExp) => stage.instructions.findIndex((i) => pattern.test(i.args));
/** The command of a RUN, without BuildKit flags such as `--mount=...`. */
const command = (instruction: Instruction) => instruction.args.replace(/^(--\S+\s+)*/, "");

describe("Dockerfile", () => {
  it("is multi-stage, every stage on the same slim image of an even-numbered (LTS) Node line >= 22", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) {
      const [, major] =
        /^node:(\d+)(?:\.\d+)*-(?:bookworm|trixie)-slim(?:@sha256:[0-9a-f]{64})?$/.exec(stage.image) ?? [];
      expect(major, `base image ${stage.image}`).toBeDefined();
      expect(Number(major) % 2).toBe(0);
      expect(Number(major)).toBeGreaterThanOrEqual(22);
    }
    expect(new Set(stages.map((stage) => stage.image)).size).toBe(1);
    expect(build.name).toBeTruthy();
  });

  it("build stage: npm ci from the lockfile, then npm run build", () => {
    const lockCopy = of(build, "COPY").findIndex((i) => /\bpackage-lock\.json\b/.test(i.args));
    expect(lockCopy).toBeGreaterThanOrEqual(0);
    const runs = of(build, "RUN").map(command);
    const ci = runs.findIndex((run) => /^npm ci\b/.test(run));
    const compile = runs.findIndex((run) => /^npm run build\b/.test(run));
    expect(ci).toBeGreaterThanOrEqual(0);
    expect(runs[ci]).not.toMatch(/--omit=dev|--production/);
    expect(compile).toBeGreaterThan(ci);
    expect(runs.some((run) => /\bnpm (install|i)\b/.test(run))).toBe(false);
    expect(indexOf(build, /\bpackage-lock\.json\b/)).toBeLessThan(indexOf(build, /^(--\S+\s+)*npm ci\b/));
  });

  it("final stage: production dependencies from the lockfile and the compiled dist/ only", () => {
    const runs = of(runtime, "RUN").map(command);
    expect(runs.filter((run) => /\bnpm\b/.test(run))).toEqual([
      expect.stringMatching(/^npm ci --omit=dev\b/),
    ]);
    expect(of(runtime, "COPY").some((i) => /\bpackage-lock\.json\b/.test(i.args))).toBe(true);
    const fromBuild = of(runtime, "COPY").filter((i) => i.args.startsWith(`--from=${build.name} `));
    expect(fromBuild.map((i) => i.args)).toEqual([`--from=${build.name} /app/dist ./dist`]);
    expect(of(runtime, "COPY").some((i) => /\bsrc\b/.test(i.args))).toBe(false);
    expect(of(runtime, "CMD").map((i) => JSON.parse(i.args))).toEqual([["node", "dist/main.js"]]);
  });

  it("runs as a non-root user, listens on 0.0.0.0:4000, in production mode", () => {
    const users = of(runtime, "USER").map((i) => i.args);
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    expect(indexOf(runtime, /^node$/)).toBeLessThan(
      runtime.instructions.findIndex((i) => i.keyword === "CMD"),
    );
    const env = of(runtime, "ENV")
      .map((i) => i.args)
      .join(" ");
    expect(env).toMatch(/\bHOST=0\.0\.0\.0\b/);
    expect(env).toMatch(/\bNODE_ENV=production\b/);
    expect(of(runtime, "EXPOSE").map((i) => i.args)).toEqual(["4000"]);
  });

  it("checks health on /healthz with node (slim images have no curl)", () => {
    const [healthcheck] = of(runtime, "HEALTHCHECK");
    expect(healthcheck).toBeDefined();
    const [, options = "", exec = "[]"] = /^(.*?)CMD (\[.*\])$/.exec(healthcheck!.args) ?? [];
    expect(options).toMatch(/--interval=\d+s/);
    expect(options).toMatch(/--timeout=\d+s/);
    const argv: string[] = JSON.parse(exec);
    expect(argv[0]).toBe("node");
    expect(argv.join(" ")).toMatch(/127\.0\.0\.1:.*\/healthz/);
    expect(argv.join(" ")).not.toMatch(/\bcurl\b|\bwget\b/);
  });

  it("compiles to what the image runs: `npm run build` writes dist/main.js from src/main.ts", () => {
    const pkg = JSON.parse(read("package.json"));
    expect(pkg.scripts.build).toBe("tsc -p tsconfig.build.json");
    const tsconfig = JSON.parse(read("tsconfig.build.json"));
    expect(tsconfig.compilerOptions).toMatchObject({ rootDir: "src", outDir: "dist" });
    expect(existsSync(new URL("src/main.ts", root))).toBe(true);
  });

  it("needs no dev dependency at run time: every package src/ imports is a production dependency", () => {
    const pkg = JSON.parse(read("package.json"));
    const files = readdirRecursive(new URL("src/", root)).filter((path) => path.endsWith(".ts"));
    const imported = new Set<string>();
    for (const file of files) {
      for (const [, specifier] of readFileSync(file, "utf8").matchAll(
        /^import (?!type )[^;]*?from "([^".][^"]*)"/gm,
      )) {
        if (specifier!.startsWith("node:")) continue;
        imported.add(
          specifier!.startsWith("@")
            ? specifier!.split("/").slice(0, 2).join("/")
            : specifier!.split("/")[0]!,
        );
      }
    }
    expect(imported.size).toBeGreaterThan(0);
    for (const name of imported) expect(Object.keys(pkg.dependencies), `import of ${name}`).toContain(name);
  });
});

describe(".dockerignore", () => {
  const rules = read(".dockerignore")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));

  it("starts from nothing and lets in exactly what the build stage copies", () => {
    expect(rules[0]).toBe("*");
    const allowed = rules
      .filter((rule) => rule.startsWith("!"))
      .map((rule) => rule.slice(1).replace(/\/$/, ""));
    const copied = stages
      .flatMap((stage) => of(stage, "COPY"))
      .filter((i) => !i.args.startsWith("--from="))
      .flatMap((i) => i.args.split(" ").slice(0, -1))
      .filter((source) => !source.startsWith("--"))
      .map((source) => source.replace(/^\.\//, "").replace(/\/$/, ""));
    expect(new Set(allowed)).toEqual(new Set(copied));
    for (const secret of [".env", ".git", "node_modules"]) expect(allowed).not.toContain(secret);
  });
});

/** Absolute paths of every file under `dir` (`recursive` needs Node >= 20.1). */
function readdirRecursive(dir: URL): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).map((entry) => new URL(entry, dir).pathname);
}
