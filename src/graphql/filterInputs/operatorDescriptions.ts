/**
 * The operator descriptions shared by the operator input types, so the schema states EM's semantics the
 * same way on every field. The absent-value rule is repeated on `ne` and `notIn` because that is where
 * clients expect the opposite.
 */
export const OPERATOR_DESCRIPTIONS = {
  eq: "Equal to this value.",
  ne: "Not equal to this value. Like every comparison, false when the record has no value for the field.",
  lt: "Less than this value.",
  lte: "Less than or equal to this value.",
  gt: "Greater than this value.",
  gte: "Greater than or equal to this value.",
  in: "Equal to any of these values. An empty list matches nothing.",
  notIn:
    "Equal to none of these values. Records with no value for the field do not match (unless the list is " +
    "empty, which matches everything).",
} as const;

/** The sentence every operator input ends with: how absent values behave (SQL's rule, which EM follows). */
export const ABSENT_VALUE_RULE =
  "Operators given together must all hold. A comparison with a value the record does not have (such as the " +
  "end time of a running session) is false, as in SQL, and that includes `ne` and `notIn`; `not` does not " +
  "turn it true.";
