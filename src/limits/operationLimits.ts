import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, type ParseOptions, type ValidationContext, type ValidationRule } from "graphql";

/** The per-operation abuse limits, from the configuration (documented there). */
export interface OperationLimitSettings {
  readonly maxQueryDepth: number;
  readonly maxAliases: number;
  readonly maxTokens: number;
  readonly maxDirectives: number;
}

/** Which limit refused an operation; sent as `extensions.limit` beside `code: GRAPHQL_VALIDATION_FAILED`. */
export type OperationLimitName = "MAX_DEPTH" | "MAX_ALIASES" | "MAX_DIRECTIVES";

/** What Apollo Server needs to enforce the limits. */
export interface OperationLimitOptions {
  readonly validationRules: ValidationRule[];
  readonly parseOptions: ParseOptions;
}

/**
 * Apollo options enforcing the per-operation limits before anything executes:
 * depth, aliases and directives through graphql-armor's validation rules (a refusal is a
 * GRAPHQL_VALIDATION_FAILED error, HTTP 400, whose message states the limit and what was found, and whose
 * `extensions.limit` names it); tokens through graphql-js's own `maxTokens` parse option (a
 * GRAPHQL_PARSE_FAILED error, HTTP 400), which stops lexing at the limit instead of after parsing the whole
 * document as armor's token plugin would.
 *
 * Introspection fields are not counted by the depth rule, so the explorers keep working with tight limits.
 * The cost limit needs the operation's variables, which validation rules do not see: it is
 * `operationGuardsPlugin`. Field suggestions are handled by Apollo's `hideSchemaDetailsFromClientErrors`, not armor.
 */
export function operationLimitOptions(settings: OperationLimitSettings): OperationLimitOptions {
  const reject =
    (limit: OperationLimitName) =>
    (context: ValidationContext | null, error: GraphQLError): void => {
      // Armor prefixes "Syntax Error: " to what is a validation failure; the limit speaks for itself.
      context?.reportError(
        new GraphQLError(error.message.replace(/^Syntax Error: /, ""), { extensions: { limit } }),
      );
    };
  const armor = new ApolloArmor({
    maxDepth: {
      n: settings.maxQueryDepth,
      ignoreIntrospection: true,
      propagateOnRejection: false,
      onReject: [reject("MAX_DEPTH")],
    },
    maxAliases: { n: settings.maxAliases, propagateOnRejection: false, onReject: [reject("MAX_ALIASES")] },
    maxDirectives: {
      n: settings.maxDirectives,
      propagateOnRejection: false,
      onReject: [reject("MAX_DIRECTIVES")],
    },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  const { validationRules } = armor.protect();
  return { validationRules, parseOptions: { maxTokens: settings.maxTokens } };
}
