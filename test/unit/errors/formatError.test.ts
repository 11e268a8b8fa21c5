import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { createFormatError } from "../../../src/errors/formatError.js";
import { FilterInputError } from "../../../src/filters/index.js";
import { EntityMappingError } from "../../../src/modules/shared/EntityMappingError.js";
import {
  EmForbiddenError,
  EmTimeoutError,
  EmUnauthorizedError,
} from "../../../src/upstream/UpstreamError.js";

function capture() {
  const logged: object[] = [];
  return { logged, logger: { error: (details: object) => logged.push(details) } };
}

/** How Apollo hands a resolver error to formatError: a GraphQLError wrapping the original. */
function fromResolver(original: Error) {
  const wrapped = new GraphQLError(original.message, { originalError: original, path: ["field"] });
  return { formatted: { message: original.message, path: ["field"] }, wrapped };
}

describe("formatError", () => {
  it("masks unexpected errors outside development and logs them in full", () => {
    const { logged, logger } = capture();
    const format = createFormatError(logger, false);
    const { formatted, wrapped } = fromResolver(new TypeError("cannot read x of undefined at secret place"));
    const result = format(formatted, wrapped);
    expect(result.message).toBe("Internal server error");
    expect(result.extensions?.["code"]).toBe("INTERNAL_SERVER_ERROR");
    expect(logged).toHaveLength(1);
  });

  it("shows the message of unexpected errors in development", () => {
    const format = createFormatError(capture().logger, true);
    const { formatted, wrapped } = fromResolver(new TypeError("cannot read x"));
    expect(format(formatted, wrapped)).toMatchObject({
      message: "cannot read x",
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    });
  });

  it.each([
    [
      new EmUnauthorizedError({ method: "POST", url: "https://em/api/sessionMngr/" }, "refused"),
      "UNAUTHENTICATED",
    ],
    [
      new EmForbiddenError({ method: "GET", url: "https://em/api/query", status: 403 }, "denied"),
      "FORBIDDEN",
    ],
    [new EmTimeoutError({ method: "GET", url: "https://em/api/query" }, "slow"), "UPSTREAM_TIMEOUT"],
    [new EntityMappingError("Job", "State", "has an unknown value"), "UPSTREAM_BAD_RESPONSE"],
  ])("maps %s to its client code", (error, code) => {
    const { formatted, wrapped } = fromResolver(error as Error);
    expect(createFormatError(capture().logger, false)(formatted, wrapped).extensions?.["code"]).toBe(code);
  });

  it("keeps the argument path of filter errors", () => {
    const { formatted, wrapped } = fromResolver(new FilterInputError(["filter", "name", "eq"], "bad value"));
    expect(createFormatError(capture().logger, false)(formatted, wrapped).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentPath: ["filter", "name", "eq"],
    });
  });

  it("passes validation errors through unchanged", () => {
    const formatted = { message: "Cannot query field", extensions: { code: "GRAPHQL_VALIDATION_FAILED" } };
    expect(createFormatError(capture().logger, false)(formatted, new GraphQLError("x"))).toBe(formatted);
  });
});
