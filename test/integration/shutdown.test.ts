import { describe, expect, it } from "vitest";
import { startStack } from "../helpers/startStack.js";

describe("gateway shutdown", () => {
  it("logs its EM session out when it stops, and is idempotent", async () => {
    const stack = await startStack();
    try {
      expect((await stack.query(`{ jobs(first: 1) { nodes { id } } }`)).errors).toBeUndefined();
      await stack.gateway.stop();
      await stack.gateway.stop();
      const logouts = stack.sim.requests.filter(
        (request) => request.method === "DELETE" && /\/logonsessions\//i.test(request.path),
      );
      expect(logouts).toHaveLength(1);
      expect(logouts[0]!.status).toBe(204);
    } finally {
      await stack.sim.close();
    }
  });
});
