import type { QueryFieldKind } from "./QueryField.js";
import { UnreachableCaseError } from "./UnreachableCaseError.js";

/**
 * The operators of the GraphQL operator inputs (`StringFilter`, `IdFilter`, …). The set is closed: a new operator needs a new case in every switch below and in
 * `translateFilter`, which the compiler enforces.
 */
export type FilterOperator = "eq" | "ne" | "lt" | "lte" | "gt" | "gte" | "in" | "notIn";

/**
 * Every operator, in the order the translator writes them (lower bounds before upper bounds, so a range
 * reads `T>=a;T<b`); a fixed order makes equal inputs give byte-equal filter text.
 */
export const FILTER_OPERATORS: readonly FilterOperator[] = [
  "eq",
  "ne",
  "gt",
  "gte",
  "lt",
  "lte",
  "in",
  "notIn",
];

/** The six comparisons of EM's filter grammar; there is nothing else (no `in`, `like` or NOT). */
export type EmComparison = "==" | "!=" | "<" | "<=" | ">" | ">=";

/**
 * The comparison that is true exactly where `comparison` is false, for present values. EM has no NOT, so
 * `not` is pushed down to the comparisons with this. On absent values both sides are false in EM and
 * UNKNOWN in SQL terms, which is why the push-down stays exact (see `translateFilter`).
 */
export function negateComparison(comparison: EmComparison): EmComparison {
  switch (comparison) {
    case "==":
      return "!=";
    case "!=":
      return "==";
    case "<":
      return ">=";
    case "<=":
      return ">";
    case ">":
      return "<=";
    case ">=":
      return "<";
    default:
      throw new UnreachableCaseError(comparison);
  }
}

const EQUALITY: readonly FilterOperator[] = ["eq", "ne", "in", "notIn"];
const ORDERED: readonly FilterOperator[] = FILTER_OPERATORS;

/**
 * The operators a field kind offers, matching the operator input types: UIDs and booleans have no order
 * (EM compares UIDs as identifiers; an order on booleans would only be a trap), booleans no lists.
 */
export function operatorsOf(kind: QueryFieldKind): readonly FilterOperator[] {
  switch (kind) {
    case "string":
    case "long":
    case "dateTime":
    case "enum":
      return ORDERED;
    case "uid":
      return EQUALITY;
    case "boolean":
      return ["eq", "ne"];
    default:
      throw new UnreachableCaseError(kind);
  }
}
