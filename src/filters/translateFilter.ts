import { FilterInputError } from "./FilterInputError.js";
import { FILTER_OPERATORS, negateComparison, operatorsOf, type EmComparison } from "./filterOperators.js";
import type { FilterSite } from "./FilterSite.js";
import { uidOnSite } from "./FilterSite.js";
import { describeType } from "./normalizeUid.js";
import type { QueryEntity, QueryField } from "./QueryField.js";
import type { TranslatedFilter } from "./TranslatedFilter.js";
import { UnreachableCaseError } from "./UnreachableCaseError.js";
import { writeEmValue } from "./writeEmValue.js";

/**
 * At most this many comparisons in the translated expression (after `in`/`notIn` are expanded and `not`
 * is pushed inward). EM documents no limit; this bounds the work one GraphQL argument can ask of EM's query
 * service, and it is generous for hand-written filters.
 */
export const MAX_FILTER_COMPARISONS = 200;

/**
 * At most this many characters in the translated expression once URL-encoded, i.e. as it travels in the
 * request line. EM runs on HTTP.sys, whose default `MaxRequestBytes` (16 KiB) covers the request line and
 * all headers; half of it leaves room for the rest of the URL, the session headers and a parent-key group
 * that `combineFilters` adds (the loaders size those to the URL cap, see `chunkToFit`).
 */
export const MAX_FILTER_ENCODED_LENGTH = 8192;

/** At most this many nested `and`/`or`/`not` levels; deeper input is rejected before it can exhaust the stack. */
export const MAX_FILTER_DEPTH = 32;

/**
 * Translates a GraphQL entity filter (`CdpReplicaSessionFilter`, `JobFilter`, …) into EM's query filter
 * syntax, using only EM's grammar: the six comparisons, `;` (AND), `,` (OR) and parentheses.
 *
 * - Sibling fields and sibling operators combine with AND; `in` becomes an OR group, `notIn` an AND of `!=`.
 * - `not` is pushed inward (De Morgan, and each comparison replaced by its negation) because EM has no NOT.
 * - Every group below the top is parenthesised and each group holds one kind of separator, so the text
 *   means the same whatever precedence EM gives `;` and `,` (undocumented).
 * - Values are written by `writeEmValue`: strings quoted with `""` escaping, times ISO UTC, UIDs as URNs.
 * - Constants are folded: an empty filter is `all`, `or: []` / `in: []` / `not: {}` are `none`.
 * - A `null` field, `and`, `or` or `not` counts as not given (clients fill filters from optional
 *   variables); a `null` operator value is an error, because ignoring it would widen the result and EM has
 *   no way to test for an absent value.
 *
 * Pure: `filter` is read, never changed; the same input gives byte-identical text (fields in the order of
 * `entity.fields`, then `and`, `or`, `not`; operators in `FILTER_OPERATORS` order). `path` is where the
 * filter sits in the field's arguments (usually `["filter"]`) and prefixes every error path.
 *
 * With several EM sites, `site` is the one the filter is translated for (see `uidOnSite`): `==` an id of
 * another site is false, so `in` drops such ids and a filter that can only match elsewhere is `none` here;
 * `!=` one is true for every row that has a value (written as `!=` the nil GUID, which names no row, so a row
 * without one stays unselected, as with any comparison). Every value is checked, whatever site it names.
 *
 * Throws `FilterInputError` for values EM cannot represent, operators the field's kind lacks, unknown keys,
 * ids naming a site that is not configured, input nested deeper than `MAX_FILTER_DEPTH`, and results larger
 * than `MAX_FILTER_COMPARISONS` or `MAX_FILTER_ENCODED_LENGTH`.
 */
export function translateFilter(
  filter: object | null | undefined,
  entity: QueryEntity,
  path: readonly (string | number)[],
  site?: FilterSite,
): TranslatedFilter {
  if (filter === null || filter === undefined) return { kind: "all" };
  const node = translateNode(filter, entity, path, false, 0, site);
  switch (node.type) {
    case "constant":
      return node.value ? { kind: "all" } : { kind: "none" };
    case "comparison":
    case "and":
    case "or": {
      if (node.comparisons > MAX_FILTER_COMPARISONS) {
        throw new FilterInputError(
          path,
          `the filter needs ${node.comparisons} comparisons once in/notIn are expanded and not is pushed ` +
            `inward; at most ${MAX_FILTER_COMPARISONS} are allowed`,
        );
      }
      // Lone surrogates, on which encodeURIComponent throws, were rejected by writeEmValue.
      const encodedLength = encodeURIComponent(node.text).length;
      if (encodedLength > MAX_FILTER_ENCODED_LENGTH) {
        throw new FilterInputError(
          path,
          `the filter is ${encodedLength} characters long once URL-encoded; ` +
            `at most ${MAX_FILTER_ENCODED_LENGTH} are allowed`,
        );
      }
      return { kind: "expression", text: node.text };
    }
    default:
      throw new UnreachableCaseError(node);
  }
}

/*
 * Why pushing `not` down is exact. EM evaluates a comparison against an absent value (a running session's
 * end time) as false, whichever the operator, `!=` included: SQL's rule, where the comparison is UNKNOWN and
 * only TRUE selects a row. In SQL's three-valued (Kleene) logic De Morgan's laws hold, NOT UNKNOWN is
 * UNKNOWN, and `NOT (x op v)` equals `x negated-op v` for present and absent x alike (both UNKNOWN when x is
 * absent). So the NOT-free expression we send has the same truth value as the client's filter on every
 * record. Without NOT, "is TRUE" of an AND/OR tree depends only on which comparisons are TRUE, so EM's
 * "absent is false" reading selects exactly the records whose filter is TRUE. The consequence clients see:
 * `not: { endTimeUtc: { lt: T } }` does not select running sessions, just as `endTimeUtc: { gte: T }` does
 * not. Constants are definite (never UNKNOWN), so folding `x OR TRUE` to TRUE is exact too.
 */

/**
 * The negation normal form being built: comparisons joined by flattened AND/OR groups, with constants
 * already folded away below the root. `text` is the node's EM text (children that are groups in
 * parentheses), `comparisons` the number of comparisons in it.
 */
type FilterNode = { readonly type: "constant"; readonly value: boolean } | Expression;

/** A node that is not a constant: what groups hold once constants are folded. */
type Expression =
  | { readonly type: "comparison"; readonly text: string; readonly comparisons: 1 }
  | {
      readonly type: "and" | "or";
      readonly items: readonly Expression[];
      readonly text: string;
      readonly comparisons: number;
    };

const LOGICAL_KEYS = ["and", "or", "not"] as const;

/** One entity filter object; `negated` says an odd number of `not`s surround it. */
function translateNode(
  filter: unknown,
  entity: QueryEntity,
  path: readonly (string | number)[],
  negated: boolean,
  depth: number,
  site: FilterSite | undefined,
): FilterNode {
  if (depth > MAX_FILTER_DEPTH) {
    throw new FilterInputError(path, `and/or/not may be nested at most ${MAX_FILTER_DEPTH} levels deep`);
  }
  const input = asInputObject(filter, path);
  for (const key of Object.keys(input)) {
    if (input[key] !== undefined && !Object.hasOwn(entity.fields, key) && !isLogicalKey(key)) {
      throw new FilterInputError([...path, key], `${entity.queryType} has no filterable field "${key}"`);
    }
  }
  // NOT (a AND b) = NOT a OR NOT b: under negation every conjunction becomes a disjunction and vice versa.
  const and = negated ? "or" : "and";
  const or = negated ? "and" : "or";
  const parts: FilterNode[] = [];
  for (const [name, field] of Object.entries(entity.fields)) {
    // null is "not given" at this level: clients build filters from optional variables.
    if (input[name] === undefined || input[name] === null) continue;
    parts.push(translateField(input[name], field, [...path, name], negated, site));
  }
  for (const key of LOGICAL_KEYS) {
    const value = input[key];
    if (value === undefined || value === null) continue;
    const keyPath = [...path, key];
    switch (key) {
      case "and":
      case "or":
        parts.push(
          junction(
            key === "and" ? and : or,
            asList(value, keyPath).map((item, i) =>
              translateNode(item, entity, [...keyPath, i], negated, depth + 1, site),
            ),
          ),
        );
        break;
      case "not":
        parts.push(translateNode(value, entity, keyPath, !negated, depth + 1, site));
        break;
      default:
        throw new UnreachableCaseError(key);
    }
  }
  return junction(and, parts);
}

/** One field's operator object (`{ gte: …, lt: … }`): its operators are ANDed. */
function translateField(
  operators: unknown,
  field: QueryField,
  path: readonly (string | number)[],
  negated: boolean,
  site: FilterSite | undefined,
): FilterNode {
  const input = asInputObject(operators, path);
  const allowed = operatorsOf(field.kind);
  for (const key of Object.keys(input)) {
    if (input[key] !== undefined && !allowed.some((operator) => operator === key)) {
      throw new FilterInputError([...path, key], `"${key}" is not an operator of ${field.kind} fields`);
    }
  }
  const comparison = (
    op: EmComparison,
    value: unknown,
    valuePath: readonly (string | number)[],
  ): FilterNode => {
    const written = negated ? negateComparison(op) : op;
    if (field.kind === "uid") {
      const uid = uidOnSite(value, field.uidType, valuePath, site);
      if ("elsewhere" in uid) {
        // An id of another site names no row here. `==` is false: exact, because negations are already
        // pushed into the comparisons and an AND/OR tree without NOT selects a row only through TRUE leaves,
        // which a false-or-unknown leaf never is. `!=` is true on every row with a value and unknown on one
        // without: `!=` the nil GUID says exactly that.
        if (written === "==") return { type: "constant", value: false };
        return { type: "comparison", text: `${field.emField}!="${nilUid(field.uidType)}"`, comparisons: 1 };
      }
      return { type: "comparison", text: `${field.emField}${written}"${uid.urn}"`, comparisons: 1 };
    }
    const text = `${field.emField}${written}${writeEmValue(field, value, valuePath)}`;
    return { type: "comparison", text, comparisons: 1 };
  };
  const and = negated ? "or" : "and";
  const or = negated ? "and" : "or";
  const parts: FilterNode[] = [];
  for (const operator of FILTER_OPERATORS) {
    const value = input[operator];
    if (value === undefined) continue;
    const opPath = [...path, operator];
    if (value === null) {
      // Silently dropping it would widen the result; "is null" has no spelling in EM's grammar.
      throw new FilterInputError(opPath, "null cannot be compared in EM filters; leave the operator out");
    }
    switch (operator) {
      case "eq":
        parts.push(comparison("==", value, opPath));
        break;
      case "ne":
        parts.push(comparison("!=", value, opPath));
        break;
      case "lt":
        parts.push(comparison("<", value, opPath));
        break;
      case "lte":
        parts.push(comparison("<=", value, opPath));
        break;
      case "gt":
        parts.push(comparison(">", value, opPath));
        break;
      case "gte":
        parts.push(comparison(">=", value, opPath));
        break;
      case "in":
        parts.push(
          junction(
            or,
            asList(value, opPath).map((item, i) => comparison("==", item, [...opPath, i])),
          ),
        );
        break;
      case "notIn":
        parts.push(
          junction(
            and,
            asList(value, opPath).map((item, i) => comparison("!=", item, [...opPath, i])),
          ),
        );
        break;
      default:
        throw new UnreachableCaseError(operator);
    }
  }
  return junction(and, parts);
}

/**
 * AND or OR of `children`, simplified: nested groups of the same kind are flattened (so a group's children
 * are comparisons or groups of the other kind, and one separator per parenthesised level suffices), the
 * identity constant is dropped, the absorbing one wins, repeated children are dropped (x AND x = x, also in
 * three-valued logic), and an empty group is the identity (AND of nothing is TRUE, OR of nothing FALSE).
 */
function junction(kind: "and" | "or", children: readonly FilterNode[]): FilterNode {
  const absorbing = kind === "or";
  const items: Expression[] = [];
  const seen = new Set<string>();
  const add = (item: Expression): void => {
    if (seen.has(item.text)) return;
    seen.add(item.text);
    items.push(item);
  };
  for (const child of children) {
    switch (child.type) {
      case "constant":
        if (child.value === absorbing) return child;
        break;
      case "comparison":
        add(child);
        break;
      case "and":
      case "or":
        if (child.type === kind) child.items.forEach(add);
        else add(child);
        break;
      default:
        throw new UnreachableCaseError(child);
    }
  }
  if (items.length === 0) return { type: "constant", value: !absorbing };
  if (items.length === 1) return items[0];
  const text = items
    .map((item) => (item.type === "comparison" ? item.text : `(${item.text})`))
    .join(kind === "and" ? ";" : ",");
  const comparisons = items.reduce((sum, item) => sum + item.comparisons, 0);
  return { type: kind, items, text, comparisons };
}

/** The URN of the nil GUID: no EM row has it. */
function nilUid(uidType: string): string {
  return `urn:veeam:${uidType}:00000000-0000-0000-0000-000000000000`;
}

function isLogicalKey(key: string): key is (typeof LOGICAL_KEYS)[number] {
  return (LOGICAL_KEYS as readonly string[]).includes(key);
}

/** Input objects arrive as type-graphql class instances or plain objects; both are plain data here. */
function asInputObject(
  value: unknown,
  path: readonly (string | number)[],
): Readonly<Record<string, unknown>> {
  if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof Date) {
    throw new FilterInputError(path, `expected an input object, got ${describeType(value)}`);
  }
  return value as Readonly<Record<string, unknown>>;
}

function asList(value: unknown, path: readonly (string | number)[]): readonly unknown[] {
  if (!Array.isArray(value)) {
    throw new FilterInputError(path, `expected a list, got ${describeType(value)}`);
  }
  return value;
}
