import { queryPath, type EmQuery } from "../upstream/EmQuery.js";
import type { QueryDeps } from "./QueryDeps.js";

/**
 * True when the query's full URL (base URL + path and encoded parameters, exactly as the client sends it)
 * is within the configured cap (`VEEAM_EM_MAX_URL_LENGTH`, default 8192). Servers behind HTTP.sys reject
 * longer request lines, so batches are split to pass this test.
 */
export function fitsUrl(deps: QueryDeps, query: EmQuery): boolean {
  return deps.baseUrl.length + queryPath(query).length <= deps.limits.maxUrlLength;
}
