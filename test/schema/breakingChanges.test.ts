import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  AcceptedChangesFormatError,
  checkBreakingChanges,
  findBreakingChanges,
  parseAcceptedChanges,
} from "../../scripts/checkBreakingChanges.js";
import { findSchemaBaseline, SchemaBaselineError } from "../../scripts/schemaBaseline.js";

const V1 = "type Query {\n  jobs(first: Int): [String]\n  servers: [String]\n}\n";
const V2_ADDITIVE =
  "type Query {\n  jobs(first: Int, after: String): [String]\n  servers: [String]\n  policies: [String]\n}\n";
const V3_BREAKING = "type Query {\n  jobs(first: Int!): [String]\n  policies: [String]\n}\n";

describe("findBreakingChanges / checkBreakingChanges", () => {
  it("reports removed fields and narrowed arguments by coordinate, and nothing for additions", async () => {
    expect(await findBreakingChanges(V1, V2_ADDITIVE)).toEqual([]);
    const paths = (await findBreakingChanges(V2_ADDITIVE, V3_BREAKING)).map((change) => change.path).sort();
    expect(paths).toEqual(["Query.jobs.after", "Query.jobs.first", "Query.servers"]);
  });

  it("passes a breaking change only when every coordinate is accepted with a reason", async () => {
    const partly = await checkBreakingChanges(V2_ADDITIVE, V3_BREAKING, "Query.servers unused since 2.0\n");
    expect(partly.ok).toBe(false);
    expect(partly.unaccepted.map((change) => change.path).sort()).toEqual([
      "Query.jobs.after",
      "Query.jobs.first",
    ]);

    const all = await checkBreakingChanges(
      V2_ADDITIVE,
      V3_BREAKING,
      "# comment\nQuery.servers unused\nQuery.jobs.after never worked\nQuery.jobs.first EM needs it\nOld.field gone\n",
    );
    expect(all).toMatchObject({ ok: true, unaccepted: [], unusedAcceptances: ["Old.field"] });
    expect((await checkBreakingChanges(null, V3_BREAKING, "")).ok).toBe(true);
  });

  it("rejects an accepted-changes line without a reason, naming the line", () => {
    expect(() => parseAcceptedChanges("# ok\nQuery.servers\n")).toThrow(AcceptedChangesFormatError);
    expect(() => parseAcceptedChanges("# ok\nQuery.servers\n")).toThrow(/BREAKING_CHANGES_ACCEPTED:2/);
  });
});

describe("findSchemaBaseline", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const gitEnv = {
    ...process.env,
    GIT_AUTHOR_NAME: "test",
    GIT_AUTHOR_EMAIL: "test@example.invalid",
    GIT_COMMITTER_NAME: "test",
    GIT_COMMITTER_EMAIL: "test@example.invalid",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
  };
  const git = (cwd: string, ...args: string[]) =>
    execFileSync("git", args, { cwd, env: gitEnv, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "schema-baseline-"));
    dirs.push(dir);
    return dir;
  };
  const writeSchema = (repo: string, sdl: string) => writeFileSync(join(repo, "schema/schema.graphql"), sdl);
  const commitSchema = (repo: string, sdl: string, message: string) => {
    writeSchema(repo, sdl);
    git(repo, "add", "schema/schema.graphql");
    git(repo, "commit", "-q", "-m", message);
  };
  const newRepo = () => {
    const repo = tempDir();
    git(repo, "init", "-q", "-b", "main");
    mkdirSync(join(repo, "schema"));
    writeFileSync(join(repo, "README"), "x\n");
    git(repo, "add", "README");
    git(repo, "commit", "-q", "-m", "start");
    return repo;
  };
  const noEnv = {};

  it("on a clean main line: the version before the last commit that changed the schema", () => {
    const repo = newRepo();
    commitSchema(repo, V1, "v1");
    commitSchema(repo, V3_BREAKING, "v3");
    writeFileSync(join(repo, "README"), "y\n");
    git(repo, "commit", "-q", "-am", "unrelated");
    expect(findSchemaBaseline(repo, noEnv).sdl).toBe(V1);
  });

  it("with uncommitted edits: the committed version", () => {
    const repo = newRepo();
    commitSchema(repo, V1, "v1");
    commitSchema(repo, V2_ADDITIVE, "v2");
    writeSchema(repo, V3_BREAKING);
    expect(findSchemaBaseline(repo, noEnv).sdl).toBe(V2_ADDITIVE);
  });

  it("on a branch: the merge base with SCHEMA_BASE_REF, so an earlier commit of the branch cannot hide a break", () => {
    const repo = newRepo();
    commitSchema(repo, V1, "v1");
    git(repo, "checkout", "-q", "-b", "feature");
    commitSchema(repo, V3_BREAKING, "break");
    commitSchema(repo, `${V3_BREAKING}type Extra {\n  a: Int\n}\n`, "additive");
    expect(findSchemaBaseline(repo, { SCHEMA_BASE_REF: "main" }).sdl).toBe(V1);
  });

  it("has no baseline for a schema first added, or outside a git work tree", () => {
    const repo = newRepo();
    commitSchema(repo, V1, "v1");
    expect(findSchemaBaseline(repo, noEnv).sdl).toBeNull();
    const plain = tempDir();
    mkdirSync(join(plain, "schema"));
    writeSchema(plain, V1);
    expect(findSchemaBaseline(plain, noEnv).sdl).toBeNull();
  });

  it("deepens a shallow clone, and fails loudly when it cannot", () => {
    const origin = newRepo();
    commitSchema(origin, V1, "v1");
    commitSchema(origin, V3_BREAKING, "v3");
    const parent = tempDir();
    git(parent, "clone", "-q", "--depth", "1", `file://${origin}`, "shallow");
    const shallow = join(parent, "shallow");
    git(parent, "clone", "-q", "--depth", "1", `file://${origin}`, "orphan");
    const orphan = join(parent, "orphan");
    git(orphan, "remote", "remove", "origin");

    expect(findSchemaBaseline(shallow, noEnv).sdl).toBe(V1);
    expect(() => findSchemaBaseline(orphan, noEnv)).toThrow(SchemaBaselineError);
  });
});
