import type { GraphQLRequestContextWillSendResponse } from "@apollo/server";

/**
 * The distinct `extensions.code`s of a response about to be sent, as the client sees them: the formatted
 * errors of a single result (request-level and field errors alike). `requestContext.errors` holds the
 * same errors before formatError gave them their codes, so it is read only for incremental responses.
 * Errors without a code count as INTERNAL_SERVER_ERROR, which is what formatError makes of them.
 */
export function responseErrorCodes(
  requestContext: Pick<GraphQLRequestContextWillSendResponse<object>, "response" | "errors">,
): string[] {
  const body = requestContext.response.body;
  const errors = body.kind === "single" ? (body.singleResult.errors ?? []) : (requestContext.errors ?? []);
  return [...errors]
    .map((error) => (error.extensions?.["code"] as string | undefined) ?? "INTERNAL_SERVER_ERROR")
    .filter((code, index, all) => all.indexOf(code) === index);
}
