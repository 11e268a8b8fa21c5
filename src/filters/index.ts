/**
 * The filter layer's public surface: GraphQL filter arguments → EM query-service parameters. Pure
 * functions only; nothing here performs I/O. Operator input types live in `./inputs/` and the per-entity
 * filter inputs in `modules/<entity>/<entity>.filter.ts`.
 */
export { combineFilters } from "./combineFilters.js";
export { FilterInputError, printArgumentPath } from "./FilterInputError.js";
export type { FilterSite } from "./FilterSite.js";
export { normalizeUid } from "./normalizeUid.js";
export { uidOnSite } from "./FilterSite.js";
export { orOfUids } from "./orOfUids.js";
export type { QueryEntity, QueryField, QueryFieldKind } from "./QueryField.js";
export { toEmSort } from "./toEmSort.js";
export type { TranslatedFilter } from "./TranslatedFilter.js";
export {
  MAX_FILTER_COMPARISONS,
  MAX_FILTER_DEPTH,
  MAX_FILTER_ENCODED_LENGTH,
  translateFilter,
} from "./translateFilter.js";
export { UnreachableCaseError } from "./UnreachableCaseError.js";
