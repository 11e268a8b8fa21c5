import fc from "fast-check";
import { parse, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { estimateCost } from "../../../src/limits/estimateCost.js";
import { findDeepValue } from "../../../src/limits/findDeepValue.js";
import { buildGatewaySchema } from "../../../src/schema.js";

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildGatewaySchema();
});

function cost(document: string, variables: Record<string, unknown> = {}, defaultPageSize = 50) {
  const parsed = parse(document);
  const operation = parsed.definitions.find(
    (d) => d.kind === "OperationDefinition",
  ) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    parsed.definitions.flatMap((d) => (d.kind === "FragmentDefinition" ? [[d.name.value, d]] : [])),
  );
  return estimateCost(operation, { schema, fragments, variables, defaultPageSize });
}

describe("estimateCost", () => {
  it("weights scalars 1, objects 2 plus 1.5 × children, connections × their page size", () => {
    // jobs: (2 + 1.5 × nodes) × 5, nodes: 2 + 1.5 × (1 + 1)
    expect(cost(`{ jobs(first: 5) { nodes { id name } } }`)).toEqual({
      cost: 48,
      largestPage: { path: "jobs", size: 5 },
    });
  });

  it("gives the same cost to `first` as a literal, a variable, a variable's default and the page-size default", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 500 }), (outer, inner) => {
        const literal = cost(
          `{ replicaJobSessions(first: ${outer}) { nodes { id taskSessions(first: ${inner}) { nodes { id } } } } }`,
        );
        const variables = cost(
          `query($a: Int, $b: Int) { replicaJobSessions(first: $a) { nodes { id taskSessions(first: $b) { nodes { id } } } } }`,
          { a: outer, b: inner },
        );
        const defaults = cost(
          `query($a: Int = ${outer}) { replicaJobSessions(first: $a) { nodes { id taskSessions { nodes { id } } } } }`,
          {},
          inner,
        );
        expect(variables).toEqual(literal);
        expect(defaults).toEqual(literal);
      }),
    );
  });

  it("counts fragments as if inline, nodes(ids:) by the number of ids, and introspection as nothing", () => {
    const inline = cost(`{ jobs(first: 3) { nodes { id name } } }`);
    expect(cost(`{ jobs(first: 3) { ...J } } fragment J on JobConnection { nodes { id name } }`)).toEqual(
      inline,
    );
    expect(cost(`{ jobs(first: 3) { ... on JobConnection { nodes { id name } } } }`)).toEqual(inline);
    expect(
      cost(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: ["a", "b", "c", "d"] }).largestPage,
    ).toEqual({ path: "nodes", size: 4 });
    expect(cost(`{ __schema { types { name fields { name } } } }`).cost).toBe(0);
  });
});

describe("findDeepValue", () => {
  it("finds the first value past the bound, iteratively, with a bounded path", () => {
    let deep: unknown = { leaf: 1 };
    for (let i = 0; i < 100_000; i++) deep = { not: deep };
    const found = findDeepValue(deep, 100);
    expect(found?.path).toHaveLength(12);
    expect(found?.truncated).toBe(true);
    expect(findDeepValue({ a: [{ b: [1, 2] }] }, 4)).toBeUndefined();
    expect(findDeepValue({ a: [{ b: [1, 2] }] }, 3)).toEqual({ path: ["a", 0, "b"], truncated: false });
  });
});
