import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildSchema, Kind, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import {
  OPERATIONS_DIR,
  readmeOperationPaths,
  syncReadmeOperations,
  unmarkedGraphqlBlocks,
} from "../../scripts/readmeOperations.js";

const root = new URL("../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");
const files = readdirSync(fileURLToPath(new URL(OPERATIONS_DIR, root)))
  .filter((name) => name.endsWith(".graphql"))
  .sort()
  .map((name) => `${OPERATIONS_DIR}/${name}`);

describe("schema/operations/*.graphql", () => {
  const schema = buildSchema(read("schema/schema.graphql"));

  it("holds the examples: lookups, filtered lists, nested links and paging", () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it.each(files)(
    "%s is one named query or subscription, valid against schema/schema.graphql, named like its file",
    (path) => {
      const document = parse(read(path));
      expect(validate(schema, document).map((error) => error.message)).toEqual([]);
      const operations = document.definitions.filter(
        (definition) => definition.kind === Kind.OPERATION_DEFINITION,
      );
      expect(operations).toHaveLength(1);
      expect(["query", "subscription"]).toContain((operations[0] as { operation: string }).operation);
      expect(`${OPERATIONS_DIR}/${operations[0]!.name?.value}.graphql`).toBe(path);
    },
  );
});

describe("README.md examples", () => {
  const readme = read("README.md");

  it("shows every operation file, and every graphql block it shows is one of them", () => {
    expect(new Set(readmeOperationPaths(readme))).toEqual(new Set(files));
    if (unmarkedGraphqlBlocks(readme) !== 0) {
      expect.fail(
        "README.md has a ```graphql block without a `<!-- schema/operations/<Name>.graphql -->` marker line: " +
          "put the example in schema/operations/ and mark the block",
      );
    }
  });

  it("shows each operation exactly as its file has it", () => {
    if (syncReadmeOperations(readme, read) !== readme) {
      expect.fail("README.md examples differ from schema/operations/: run `npm run readme:operations`");
    }
  });
});
