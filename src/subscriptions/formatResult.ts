import {
  GraphQLError,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
} from "graphql";
import type { GatewayContext } from "../graphql/GatewayContext.js";

/** Apollo's `formatError` as `createFormatError` builds it. */
export type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * An execution result as the subscription transports send it: every error through the gateway's
 * `formatError`, exactly as over HTTP (codes translated, internal errors masked and logged), and without
 * the HTTP-only `extensions.http` the guards attach. The failures of whole sites the result's execution met
 * (`context.sites`, see RequestSites.fail) join its errors, as `siteFailuresPlugin` does over HTTP.
 */
export function formatResult(
  result: ExecutionResult,
  formatError: FormatError,
  context?: unknown,
): FormattedExecutionResult {
  const failures = (context as Partial<GatewayContext> | undefined)?.sites?.takeFailures() ?? [];
  const errors = [...(result.errors ?? []), ...failures];
  if (errors.length === 0) return result as FormattedExecutionResult;
  return { ...result, errors: formatErrors(errors, formatError) } as FormattedExecutionResult;
}

export function formatErrors(
  errors: readonly GraphQLError[],
  formatError: FormatError,
): GraphQLFormattedError[] {
  return errors.map((raw) => {
    // graphql-ws wraps what a subscription's iterator throws in a GraphQLError of its own, without a path:
    // format the error the gateway raised (its code and extensions), as Apollo would.
    const thrown = raw instanceof GraphQLError && !raw.path ? raw.originalError : undefined;
    const error = thrown instanceof GraphQLError ? thrown : raw;
    const formatted = formatError(
      error instanceof GraphQLError ? error.toJSON() : { message: String(error) },
      thrown ?? error,
    );
    if (!formatted.extensions || !("http" in formatted.extensions)) return formatted;
    const { http: _http, ...extensions } = formatted.extensions;
    return { ...formatted, extensions };
  });
}
