import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { generate, loadContext } from "@graphql-codegen/cli";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

describe("test/__generated__/ (GraphQL Code Generator output)", () => {
  it("is exactly what `npm run codegen` makes from codegen.yml, the schema and the operations", async () => {
    const context = await loadContext(`${root}codegen.yml`);
    context.cwd = root;
    const outputs: Array<{ filename: string; content: string }> = await generate(context, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      const committed = readFileSync(new URL(output.filename, `file://${root}`), "utf8");
      if (committed !== output.content) {
        expect.fail(`${output.filename} is stale: run \`npm run codegen\` and commit the result`);
      }
    }
  });
});
