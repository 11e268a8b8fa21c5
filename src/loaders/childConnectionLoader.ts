import { createHash } from "node:crypto";
import DataLoader from "dataloader";
import { ATTR } from "../telemetry/spanAttributes.js";
import { inBatchSpan } from "./inBatchSpan.js";
import { combineFilters, orOfUids } from "../filters/index.js";
import type { Connection } from "./Connection.js";
import type { EmQuery } from "../upstream/EmQuery.js";
import { chunkToFit } from "./chunkToFit.js";
import type { EntityRow, EntitySource } from "./EntitySource.js";
import { assemble, emptyConnection, fetchConnection, type ListWindow } from "./fetchConnection.js";
import { isRowOf } from "./isRowOf.js";
import { fitsUrl } from "./fitsUrl.js";
import { BATCH_PAGE_ROWS, type QueryDeps } from "./QueryDeps.js";

/** One nested connection to load: a parent's children, windowed by the connection's arguments. */
export interface ChildConnectionKey {
  /** Canonical URN of the parent. */
  readonly parentId: string;
  /**
   * The parent will not change again (a stopped session): its children are final too, and may be cached
   * for the long TTL. Otherwise they are a list that grows, cached only within the live window.
   */
  readonly parentFinal?: boolean;
  readonly window: ListWindow;
}

/**
 * A per-request loader of nested connections (e.g. the `taskSessions` of many sessions).
 *
 * Keys with the same window (same filter, order, `first`, `after`) are answered together: one query for
 * all their parents — an OR over the parent field (`PolicySessionUid`, `JobSessionUid`) AND the
 * connection's own filter, sorted as asked — paged through up to `maxChildRows`, then grouped per parent
 * and windowed per parent. Because EM sorted the whole answer, each parent's group is already in order.
 *
 * If a batch passes `maxChildRows`, the groups may be incomplete, so each of its parents is then answered
 * by its own query instead (correct, at one request per parent); raise `MAX_CHILD_ROWS` if that shows in
 * the upstream-call counts.
 *
 * With the cross-request cache, each parent's whole group (every child under the window's filter, in its
 * order) is cached as one value for as long as the parent's freshness allows (see ChildConnectionKey), read
 * for all the batch's parents in one round trip; only the parents missing from it are asked of EM.
 * Truncated batches are never cached.
 */
export function childConnectionLoader<T extends EntityRow>(
  deps: QueryDeps,
  source: EntitySource<T>,
  parentField: string,
  parentOf: (child: T) => string,
): DataLoader<ChildConnectionKey, Connection<T>, string> {
  const field = source.query.fields[parentField];
  if (!field) throw new Error(`${source.typeName} has no ${parentField} query field`);
  const render = (parents: readonly string[]) => orOfUids(field.emField, parents);
  // Large pages: every extra EM request costs more than the rows it carries.
  const childPageSize = Math.min(deps.limits.maxChildRows, BATCH_PAGE_ROWS);

  /** One window's connections; `hits` is told how many parents the cache answered. */
  async function loadGroup(
    keys: readonly ChildConnectionKey[],
    hits: (count: number) => void,
  ): Promise<Connection<T>[]> {
    const window = keys[0]!.window;
    if (window.filter.kind === "none") return keys.map(() => emptyConnection<T>(window.offset));
    // Each parent's time to live in the cache (0: not cached); the parents in the batch's order.
    const ttls = deps.cache?.ttls;
    const ttlOf = new Map(
      keys.map((key) => [key.parentId, !ttls ? 0 : key.parentFinal ? ttls.finishedMs : ttls.liveMs]),
    );
    const groups = new Map<string, T[]>();
    const cached = await readCachedGroups(
      [...ttlOf].filter(([, ttl]) => ttl > 0).map(([id]) => id),
      window,
    );
    hits(cached.size);
    for (const [parent, rows] of cached) groups.set(parent, rows);
    const parents = [...ttlOf.keys()].filter((parent) => !cached.has(parent));
    const chunks = chunkToFit(parents, (chunk) => fitsUrl(deps, childQuery(chunk, window, 1)));
    const results = await Promise.all(chunks.map((chunk) => readChildren(chunk, window)));
    let truncated = false;
    for (const result of results) {
      truncated ||= result.truncated;
      for (const child of result.children) {
        const parent = parentOf(child);
        let group = groups.get(parent);
        if (!group) groups.set(parent, (group = []));
        group.push(child);
      }
    }
    if (truncated) {
      return Promise.all(keys.map((key) => fetchConnection(deps, source, withParent(key))));
    }
    if (deps.cache) {
      const cache = deps.cache;
      cache.store.write(
        cacheEntity,
        parents
          .filter((parent) => (ttlOf.get(parent) ?? 0) > 0)
          .map((parent) => ({
            key: groupKey(parent, window),
            value: groups.get(parent) ?? [],
            ttlMs: ttlOf.get(parent)!,
          })),
      );
    }
    return keys.map((key) => {
      const rows = groups.get(key.parentId) ?? [];
      const end = window.offset + window.first;
      return assemble(rows.slice(window.offset, end), window.offset, rows.length > end, () => rows.length);
    });
  }

  const cacheEntity = `${source.typeName}.children`;

  /** The cache key of one parent's whole group under the window's filter and order (not its page). */
  // The window's digest, computed once per window rather than once per parent and key.
  const windowDigests = new WeakMap<ListWindow, string>();
  function groupKey(parent: string, window: ListWindow): string {
    let digest = windowDigests.get(window);
    if (digest === undefined) {
      digest = createHash("sha256")
        .update(JSON.stringify([window.filter, window.sort.sortAsc, window.sort.sortDesc]))
        .digest("hex")
        .slice(0, 24);
      windowDigests.set(window, digest);
    }
    return deps.cache!.store.key(deps.cache!.scope, "children", source.typeName, parentField, digest, parent);
  }

  /** The cached groups of `parents`, by parent; missing ones are absent. */
  async function readCachedGroups(parents: readonly string[], window: ListWindow): Promise<Map<string, T[]>> {
    const found = new Map<string, T[]>();
    if (!deps.cache || parents.length === 0) return found;
    const values = await deps.cache.store.read(
      cacheEntity,
      parents.map((parent) => groupKey(parent, window)),
      (value, index): value is T[] =>
        Array.isArray(value) &&
        value.every(
          (row) =>
            isRowOf(row, source.typeName, (row as EntityRow).id) && parentOf(row as T) === parents[index],
        ),
    );
    values.forEach((rows, index) => rows && found.set(parents[index]!, rows));
    return found;
  }

  /** All children of `parents` that match the window's filter, in the window's order, up to the bound. */
  async function readChildren(parents: readonly string[], window: ListWindow) {
    const first = await deps.em.queryRows(childQuery(parents, window, 1), deps.call, source);
    const maxPages = Math.ceil(deps.limits.maxChildRows / childPageSize);
    const lastPage = Math.min(first.pagesCount, maxPages);
    const rest = await Promise.all(
      Array.from({ length: Math.max(0, lastPage - 1) }, (_, index) =>
        deps.em.queryRows(childQuery(parents, window, index + 2), deps.call, source),
      ),
    );
    return {
      children: [first, ...rest].flatMap((page) => page.rows),
      truncated: first.pagesCount > maxPages,
    };
  }

  /** The query for one page of the children of `parents` under the window's filter and order. */
  function childQuery(parents: readonly string[], window: ListWindow, page: number): EmQuery {
    const filter = combineFilters({ kind: "expression", text: render(parents) }, window.filter);
    return {
      type: source.query.queryType,
      format: "Entities",
      filter: filter.kind === "expression" ? filter.text : undefined,
      ...window.sort,
      pageSize: childPageSize,
      page,
    };
  }

  function withParent(key: ChildConnectionKey): ListWindow {
    return {
      ...key.window,
      filter: combineFilters({ kind: "expression", text: render([key.parentId]) }, key.window.filter),
    };
  }

  return new DataLoader<ChildConnectionKey, Connection<T>, string>(
    (keys) =>
      inBatchSpan(deps, `${source.typeName}.children`, keys.length, async (span) => {
        // Group by window so that each group is one upstream query; answers go back in key order.
        const byWindow = new Map<string, number[]>();
        keys.forEach((key, index) => {
          const windowKey = windowKeyOf(key.window);
          const indexes = byWindow.get(windowKey) ?? [];
          indexes.push(index);
          byWindow.set(windowKey, indexes);
        });
        const answers = new Array<Connection<T> | Error>(keys.length);
        let cacheHits = 0;
        await Promise.all(
          [...byWindow.values()].map(async (indexes) => {
            try {
              const connections = await loadGroup(
                indexes.map((index) => keys[index]!),
                (count) => (cacheHits += count),
              );
              indexes.forEach((index, position) => (answers[index] = connections[position]!));
            } catch (error) {
              // A failed group fails only its own fields; the other groups still answer.
              indexes.forEach((index) => (answers[index] = toError(error)));
            }
          }),
        );
        span?.setAttribute(ATTR.BATCH_CACHE_HITS, cacheHits);
        return answers;
      }),
    { cacheKeyFn: (key) => `${windowKeyOf(key.window)}\u0000${key.parentId}` },
  );
}

/** Two windows are the same batch exactly when this text is equal. */
function windowKeyOf(window: ListWindow): string {
  return JSON.stringify([
    window.offset,
    window.first,
    window.filter,
    window.sort.sortAsc,
    window.sort.sortDesc,
  ]);
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
