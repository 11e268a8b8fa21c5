/**
 * A filter or `orderBy` argument that cannot be translated into an EM query: a value EM cannot represent
 * (control characters, lone surrogates, dates outside years 1–9999, unsafe integers), a UID of the wrong
 * type, a comparison the field's kind has no operator for, or a filter past the size caps of
 * `translateFilter`.
 *
 * The resolver layer turns it into a GraphQL error with `extensions.code` = `code` and the argument path;
 * the message is written for the API client and names the path too, so it stays useful when logged alone.
 * It is always raised before any upstream call, so a rejected filter costs EM nothing.
 */
export class FilterInputError extends Error {
  /** Stable machine-readable code, equal to the GraphQL `extensions.code` it becomes. */
  readonly code = "BAD_USER_INPUT" as const;
  /** Where in the field's arguments the bad value is, e.g. `["filter", "or", 1, "name", "eq"]`. */
  readonly argumentPath: (string | number)[];

  constructor(argumentPath: readonly (string | number)[], problem: string) {
    super(`Invalid argument "${printArgumentPath(argumentPath)}": ${problem}`);
    this.name = "FilterInputError";
    this.argumentPath = [...argumentPath];
  }
}

/** Renders `["filter", "or", 1, "name"]` as `filter.or[1].name`, the way graphql-js prints input paths. */
export function printArgumentPath(path: readonly (string | number)[]): string {
  let printed = "";
  for (const key of path) {
    printed += typeof key === "number" ? `[${key}]` : printed === "" ? key : `.${key}`;
  }
  return printed;
}
