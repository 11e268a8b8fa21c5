import type { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import type { UpstreamErrorCode } from "../upstream/UpstreamError.js";
import { GatewayErrorCode } from "./GatewayErrorCode.js";

/** Something that logs; the gateway passes its pino logger. */
interface ErrorLogger {
  error(details: object, message: string): void;
}

/** The codes of the layers below: upstream errors, the mappers' and the filter translator's. */
type LowerLayerCode = UpstreamErrorCode | "EM_UNEXPECTED_XML" | "BAD_USER_INPUT";

/**
 * Codes of the layers below, translated here and nowhere else. A Record over the closed union, so a new
 * upstream code does not compile until it has its client-visible code.
 */
const UPSTREAM_CODES: Readonly<Record<LowerLayerCode, GatewayErrorCode>> = {
  EM_UNAUTHORIZED: GatewayErrorCode.UNAUTHENTICATED,
  EM_FORBIDDEN: GatewayErrorCode.FORBIDDEN,
  EM_BAD_REQUEST: GatewayErrorCode.BAD_USER_INPUT,
  EM_UNAVAILABLE: GatewayErrorCode.UPSTREAM_UNAVAILABLE,
  EM_NOT_FOUND: GatewayErrorCode.UPSTREAM_BAD_RESPONSE,
  EM_TIMEOUT: GatewayErrorCode.UPSTREAM_TIMEOUT,
  EM_BAD_RESPONSE: GatewayErrorCode.UPSTREAM_BAD_RESPONSE,
  EM_UNEXPECTED_XML: GatewayErrorCode.UPSTREAM_BAD_RESPONSE,
  BAD_USER_INPUT: GatewayErrorCode.BAD_USER_INPUT,
};

/** Codes Apollo Server and graphql-js already assign correctly (parse, validation, variables). */
const PASS_THROUGH: ReadonlySet<string> = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "BAD_REQUEST",
  GatewayErrorCode.BAD_USER_INPUT,
  GatewayErrorCode.UNAUTHENTICATED,
  GatewayErrorCode.FORBIDDEN,
  GatewayErrorCode.TOO_MANY_SUBSCRIPTIONS,
]);

/**
 * Builds Apollo's `formatError`: maps each error to a client-visible `extensions.code`, keeps the argument
 * path of input errors, and masks anything unexpected (logged in full with its cause) unless
 * `exposeInternal` is set for development. Never adds stack traces: Apollo's own option decides those.
 */
export function createFormatError(logger: ErrorLogger, exposeInternal: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const ownCode = codeOf(original);
    const mapped =
      ownCode !== undefined && Object.hasOwn(UPSTREAM_CODES, ownCode)
        ? UPSTREAM_CODES[ownCode as LowerLayerCode]
        : undefined;
    if (mapped !== undefined) {
      const { argumentPath, retryAt, site } = original as {
        argumentPath?: unknown;
        retryAt?: unknown;
        site?: unknown;
      };
      return {
        ...formatted,
        message: clientMessageOf(original) ?? formatted.message,
        extensions: {
          ...formatted.extensions,
          code: mapped,
          ...(Array.isArray(argumentPath) ? { argumentPath } : {}),
          // An open circuit breaker says when EM will next be tried; clients can wait until then.
          ...(typeof retryAt === "string" ? { retryAt } : {}),
          // Which EM failed, when the gateway serves several (the data of the others is still there).
          ...(typeof site === "string" ? { site } : {}),
        },
      };
    }
    const existing = formatted.extensions?.["code"];
    if (typeof existing === "string" && PASS_THROUGH.has(existing)) return formatted;
    logger.error({ err: original, path: formatted.path }, "unexpected error while executing an operation");
    return {
      ...formatted,
      message: exposeInternal ? formatted.message : "Internal server error",
      extensions: { ...formatted.extensions, code: GatewayErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/** What the client may read of an error from below: `clientMessage` where a layer defines one. */
function clientMessageOf(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const clientMessage = (error as { clientMessage?: unknown }).clientMessage;
  return typeof clientMessage === "string" ? clientMessage : error.message;
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}
