import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { printGatewaySchema } from "../../src/printGatewaySchema.js";

describe("schema/schema.graphql", () => {
  it("is exactly the SDL of the code-first schema", async () => {
    const committed = readFileSync(
      fileURLToPath(new URL("../../schema/schema.graphql", import.meta.url)),
      "utf8",
    );
    const current = await printGatewaySchema();
    if (committed !== current) {
      expect.fail("schema/schema.graphql is stale: run `npm run schema` and commit the result");
    }
  });
});
