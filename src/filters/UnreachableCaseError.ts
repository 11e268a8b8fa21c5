/**
 * Thrown from the `default` branch of a switch over a closed union, where the compiler has proved the value
 * is `never`. Reaching it at run time means a caller bypassed the types (an `as` cast, untyped JavaScript or
 * data from outside), so it is a programming error, never a user error: it is deliberately not a
 * `FilterInputError` and the GraphQL boundary masks it like any other internal failure.
 *
 * Model: apollo-server `src/utils/UnreachableCaseError.ts`.
 */
export class UnreachableCaseError extends Error {
  constructor(value: never) {
    super(`Unreachable case: ${JSON.stringify(value)}`);
    this.name = "UnreachableCaseError";
  }
}
