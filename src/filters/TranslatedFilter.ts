/**
 * The outcome of translating a GraphQL filter for EM's query service.
 *
 * - `all`: no condition at all (absent or empty filter): send no `filter=` parameter.
 * - `none`: provably matches nothing (`or: []`, `in: []`, `not: {}`): answer with an empty page and make no
 *   upstream call, because EM has no literal for false.
 * - `expression`: one EM filter expression, NOT URL-encoded. The upstream client encodes the whole string
 *   exactly once (`encodeURIComponent`); encoding it here too would make EM read `%22` as data.
 *
 * To AND two of these (a connection's filter and a parent-key group), use `combineFilters`, never string
 * concatenation: the texts may be top-level OR groups that need parentheses.
 */
export type TranslatedFilter = { kind: "all" } | { kind: "none" } | { kind: "expression"; text: string };
