import { describe, expect, it } from "vitest";
import { OperationNameLabels } from "../../src/metrics/OperationNameLabels.js";

describe("OperationNameLabels", () => {
  it("keeps the first N well-formed names and maps the rest to other, unnamed to anonymous", () => {
    const labels = new OperationNameLabels(2);
    expect(labels.labelFor(undefined)).toBe("anonymous");
    expect(labels.labelFor(null)).toBe("anonymous");
    expect(labels.labelFor("A")).toBe("A");
    expect(labels.labelFor("x".repeat(65))).toBe("other");
    expect(labels.labelFor("has space")).toBe("other");
    expect(labels.labelFor("B")).toBe("B");
    expect(labels.labelFor("C")).toBe("other");
    expect(labels.labelFor("A")).toBe("A");
  });
});
