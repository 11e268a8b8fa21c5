import { GraphQLError } from "graphql";
import { GatewayErrorCode } from "./GatewayErrorCode.js";

/**
 * A `BAD_USER_INPUT` error for an argument the resolver rejected before asking EM. `argumentPath` is the
 * path inside the field's arguments (e.g. `["filter", "or", 1, "name", "eq"]`); GraphQL adds the response
 * path of the field itself.
 */
export function badUserInput(message: string, argumentPath: readonly (string | number)[]): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: GatewayErrorCode.BAD_USER_INPUT, argumentPath: [...argumentPath] },
  });
}
