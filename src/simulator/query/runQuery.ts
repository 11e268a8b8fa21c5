import type { QueryRow, SeedData } from "../data/SeedData.js";
import {
  BACKUP_SERVER,
  CDP_POLICY,
  CDP_SESSION,
  CDP_TASK,
  JOB,
  REPLICA_SESSION,
  REPLICA_TASK,
  type RenderableRecord,
  type ResourceKind,
} from "../xml/resourceKinds.js";
import { BACKUP_SESSION, BACKUP_TASK, REPOSITORY } from "../xml/backupResourceKinds.js";
import { renderEntityItem, renderRefItem, type RenderCache } from "../xml/renderResource.js";
import { escapeAttr } from "../xml/xmlEscape.js";
import { EM_NAMESPACE, INDENT, XML_DECLARATION, XSD_XSI } from "../xml/xmlDocument.js";
import { compileFilter } from "./compileFilter.js";
import { QUERY_TYPES, type QueryFieldDef } from "./queryTypes.js";
import { SimulatorQueryError } from "./SimulatorQueryError.js";

/** Default `pageSize` when the request has none (what real servers report in `PagingInfo`). */
export const DEFAULT_PAGE_SIZE = 100;
/** Largest accepted `pageSize` (EM's is undocumented; an Int32 is what its contract can carry). */
export const MAX_PAGE_SIZE = 2147483647;

interface QuerySource {
  readonly kind: ResourceKind<RenderableRecord>;
  /** All records in the default order (creation time then id for sessions; name then id otherwise). */
  readonly records: (data: SeedData) => readonly RenderableRecord[];
}

const source = <T extends RenderableRecord>(
  kind: ResourceKind<T>,
  records: (data: SeedData) => readonly T[],
) => ({ kind, records }) as unknown as QuerySource;

const SOURCES: ReadonlyMap<string, QuerySource> = new Map([
  ["cdpreplicasession", source(CDP_SESSION, (d) => d.cdpSessions)],
  ["cdpreplicatasksession", source(CDP_TASK, (d) => d.cdpTasks)],
  ["replicajobsession", source(REPLICA_SESSION, (d) => d.replicaSessions)],
  ["replicatasksession", source(REPLICA_TASK, (d) => d.replicaTasks)],
  ["backupserver", source(BACKUP_SERVER, (d) => d.backupServers)],
  ["job", source(JOB, (d) => d.jobs)],
  ["cdppolicy", source(CDP_POLICY, (d) => d.cdpPolicies)],
  ["backupjobsession", source(BACKUP_SESSION, (d) => d.backups.sessions)],
  ["backuptasksession", source(BACKUP_TASK, (d) => d.backups.tasks)],
  ["repository", source(REPOSITORY, (d) => d.repositories)],
]);

/** The decoded query-string parameters, keyed by lower-cased name (first occurrence wins). */
export type QueryParams = ReadonlyMap<string, string>;

/**
 * Answers `GET /api/query`: type, format (References/Entities), filter, sortAsc/sortDesc, pageSize/page,
 * returning the `QueryResult` document. No 30-day window applies (UNCONFIRMED for real servers).
 *
 * @throws SimulatorQueryError for anything the caller must see as a 400.
 */
export function runQuery(data: SeedData, base: string, params: QueryParams, cache: RenderCache): string {
  const typeText = params.get("type");
  if (typeText === undefined || typeText === "")
    throw new SimulatorQueryError('The "type" parameter is required.');
  const src = SOURCES.get(typeText.toLowerCase());
  const def = QUERY_TYPES.get(typeText.toLowerCase());
  if (!src || !def) throw new SimulatorQueryError(`Unknown query type "${typeText}".`);

  const formatText = params.get("format");
  let entities = false;
  if (formatText !== undefined && formatText !== "") {
    const lower = formatText.toLowerCase();
    if (lower === "entities") entities = true;
    else if (lower !== "references") {
      throw new SimulatorQueryError(`Unknown format "${formatText}": expected References or Entities.`);
    }
  }

  const filterText = params.get("filter");
  const hasFilter = filterText !== undefined && filterText.trim() !== "";
  const predicate = hasFilter ? compileFilter(def.name, filterText) : undefined;

  const sortAsc = params.get("sortasc");
  const sortDesc = params.get("sortdesc");
  const sortText = sortAsc ?? sortDesc;
  let sortField: QueryFieldDef | undefined;
  if (sortText !== undefined && sortText !== "") {
    sortField = def.byLowerName.get(sortText.trim().toLowerCase());
    if (!sortField)
      throw new SimulatorQueryError(`Unknown sort field "${sortText}" for query type ${def.name}.`);
  }

  const pageSize = parsePositive("pageSize", params.get("pagesize"), DEFAULT_PAGE_SIZE);
  const page = parsePositive("page", params.get("page"), 1);

  let rows: readonly RenderableRecord[] = src.records(data);
  if (predicate) rows = rows.filter((r) => predicate(r.row));
  if (sortField) rows = sortRows(rows, sortField, sortAsc === undefined);

  const pagesCount = Math.max(1, Math.ceil(rows.length / pageSize));
  const start = (page - 1) * pageSize;
  const pageRows = start < rows.length ? rows.slice(start, start + pageSize) : [];

  let out = XML_DECLARATION + "<QueryResult " + XSD_XSI + ' xmlns="' + EM_NAMESPACE + '">\n';
  const kind = src.kind;
  if (entities) {
    out += INDENT + "<Entities>\n";
    const ind = INDENT + INDENT;
    if (pageRows.length === 0) out += ind + "<" + kind.listElement + " />\n";
    else {
      out += ind + "<" + kind.listElement + ">\n";
      for (const r of pageRows)
        out += renderEntityItem(kind, base, r, ind + INDENT, kind.listItemElement, cache);
      out += ind + "</" + kind.listElement + ">\n";
    }
    out += INDENT + "</Entities>\n";
  } else if (pageRows.length === 0) {
    out += INDENT + "<Refs />\n";
  } else {
    out += INDENT + "<Refs>\n";
    for (const r of pageRows) out += renderRefItem(kind, base, r, INDENT + INDENT, cache);
    out += INDENT + "</Refs>\n";
  }

  // Page links repeat the request's own parameters (filter re-encoded) with explicit pageSize and page.
  let prefix = base + "/query?type=" + encodeURIComponent(typeText);
  if (formatText !== undefined) prefix += "&format=" + encodeURIComponent(formatText);
  if (hasFilter) prefix += "&filter=" + encodeFilter(filterText);
  if (sortAsc !== undefined) prefix += "&sortAsc=" + encodeURIComponent(sortAsc);
  else if (sortDesc !== undefined) prefix += "&sortDesc=" + encodeURIComponent(sortDesc);
  prefix += "&pageSize=" + pageSize + "&page=";
  const link = (rel: string, n: number): string =>
    INDENT + INDENT + INDENT + '<Link Href="' + escapeAttr(prefix + n) + '" Rel="' + rel + '" />\n';
  out +=
    INDENT +
    '<PagingInfo PageNum="' +
    page +
    '" PageSize="' +
    pageSize +
    '" PagesCount="' +
    pagesCount +
    '">\n';
  out += INDENT + INDENT + "<Links>\n";
  out += link("First", 1);
  if (page > 1) out += link("Previous", page - 1);
  if (page < pagesCount) out += link("Next", page + 1);
  out += link("Last", pagesCount);
  out += INDENT + INDENT + "</Links>\n" + INDENT + "</PagingInfo>\n</QueryResult>\n";
  return out;
}

/** Percent-encodes a filter for a page link, leaving `;` and `,` readable as a real server's links do. */
function encodeFilter(filter: string): string {
  return encodeURIComponent(filter).replace(/%3B/g, ";").replace(/%2C/g, ",");
}

function parsePositive(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined || text === "") return fallback;
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed))
    throw new SimulatorQueryError(`Invalid ${name} "${text}": expected a positive integer.`);
  const value = Number(trimmed);
  if (value < 1 || value > MAX_PAGE_SIZE) {
    throw new SimulatorQueryError(
      `Invalid ${name} "${text}": expected an integer from 1 to ${MAX_PAGE_SIZE}.`,
    );
  }
  return value;
}

type SortKey = number | string | undefined;

/** Stable sort on one field; absent values sort first ascending and last descending (SQL Server NULLs). */
function sortRows(
  rows: readonly RenderableRecord[],
  field: QueryFieldDef,
  descending: boolean,
): RenderableRecord[] {
  const keyed = rows.map((r, i) => ({ r, i, k: sortKey(field, r.row) }));
  const dir = descending ? -1 : 1;
  keyed.sort((a, b) => {
    const x = a.k;
    const y = b.k;
    let order: number;
    if (x === undefined || y === undefined) order = x === undefined ? (y === undefined ? 0 : -1) : 1;
    else order = x < y ? -1 : x > y ? 1 : 0;
    return order * dir || a.i - b.i;
  });
  return keyed.map((e) => e.r);
}

function sortKey(field: QueryFieldDef, row: QueryRow): SortKey {
  const value = row[field.name];
  if (value === undefined || value === null) return undefined;
  switch (field.kind) {
    case "string":
      return String(value).toLowerCase();
    case "uid": {
      const text = String(value);
      return text.slice(text.lastIndexOf(":") + 1).toLowerCase();
    }
    case "long":
      return Number(value);
    case "dateTime": {
      const date = value instanceof Date ? value : new Date(String(value));
      const ticks = (date as { ticks?: number }).ticks ?? 0;
      // A string key: ms × 10,000 + ticks would exceed Number's exact integer range.
      return String(date.getTime()).padStart(16, "0") + String(ticks).padStart(4, "0");
    }
    case "boolean":
      return value === true || String(value).toLowerCase() === "true" ? 1 : 0;
    case "enum": {
      const index = (field.values ?? []).findIndex((v) => v.toLowerCase() === String(value).toLowerCase());
      return index < 0 ? undefined : index;
    }
  }
}
