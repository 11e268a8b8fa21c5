import { createHash } from "node:crypto";
import type { EntityRow } from "../loaders/EntitySource.js";
import type { Freshness } from "../loaders/Freshness.js";
import type { PollWindow } from "./livePollFilter.js";

/** What a feed remembers of one row: enough to tell whether it changed, not the row itself. */
interface SnapshotEntry {
  readonly fingerprint: string;
  readonly final: boolean;
  readonly creationMs: number;
}

/**
 * A snapshot as plain data, for handing a feed over to another replica (through Redis): the rows it knows
 * and the newest creation time it saw. It holds digests of EM data, never credentials.
 */
export interface LiveSnapshotState {
  readonly entries: ReadonlyArray<
    readonly [id: string, fingerprint: string, final: boolean, creationMs: number]
  >;
  readonly newestMs: number | null;
}

/** What one poll returned: its rows, and whether they are all the rows that matched (not cut by paging). */
export interface PollResult {
  readonly rows: readonly EntityRow[];
  readonly complete: boolean;
}

/**
 * What a live feed knows of the rows matching its filter, and the diff of each poll against it: the rows
 * that are new or changed since the last poll (state, progress, result or any other field), in creation
 * order. Pure; one per feed.
 *
 * Window: unfinished rows are tracked (asked for by id until they are seen final, so the final state is
 * always seen once); new rows are asked for by creation time from `newest − lookback`, since EM's creation
 * times are not strictly monotonic across servers. Rows already known and unchanged in that overlap are not
 * changes. Final rows older than the window are forgotten: EM never returns them again.
 */
export class LiveSnapshot {
  readonly #freshness: Extract<Freshness, { kind: "history" }>;
  readonly #lookbackMs: number;
  readonly #entries = new Map<string, SnapshotEntry>();
  #newestMs: number | undefined;
  #started = false;

  constructor(freshness: Freshness, lookbackMs: number, state?: LiveSnapshotState) {
    if (freshness.kind !== "history")
      throw new TypeError("LiveSnapshot: only history entities have live feeds");
    this.#freshness = freshness;
    this.#lookbackMs = lookbackMs;
    if (state) {
      for (const [id, fingerprint, final, creationMs] of state.entries)
        this.#entries.set(id, { fingerprint, final, creationMs });
      this.#newestMs = state.newestMs ?? undefined;
      this.#started = true;
    }
  }

  /** False until the first poll was applied (or a state restored): that poll is the baseline. */
  get started(): boolean {
    return this.#started;
  }

  /** The next poll's window: from `newest − lookback` (none before any row was seen), and the tracked ids. */
  get window(): PollWindow {
    const tracked = [...this.#entries].filter(([, entry]) => !entry.final).map(([id]) => id);
    return {
      since: this.#newestMs === undefined ? undefined : new Date(this.#newestMs - this.#lookbackMs),
      tracked,
    };
  }

  /** Records the newest row's creation time before the baseline poll (a filter's latest session). */
  seeNewest(creationMs: number): void {
    if (this.#newestMs === undefined || creationMs > this.#newestMs) this.#newestMs = creationMs;
  }

  /**
   * Applies one poll's rows and returns those that are new or changed, in creation order (then id). The
   * first poll is the baseline: it records and returns nothing. A tracked row the poll did not return left
   * the filter or EM's history; it is forgotten without an event (unless the poll was cut by paging).
   */
  apply(result: PollResult): EntityRow[] {
    const baseline = !this.#started;
    this.#started = true;
    const changed: Array<{ row: EntityRow; creationMs: number }> = [];
    const seen = new Set<string>();
    for (const row of result.rows) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      const creationMs = creationOf(row);
      const entry: SnapshotEntry = {
        fingerprint: fingerprintOf(row),
        final: this.#freshness.isFinal(row),
        creationMs,
      };
      const known = this.#entries.get(row.id);
      this.#entries.set(row.id, entry);
      this.seeNewest(creationMs);
      if (!baseline && known?.fingerprint !== entry.fingerprint) changed.push({ row, creationMs });
    }
    const sinceMs = this.#newestMs === undefined ? -Infinity : this.#newestMs - this.#lookbackMs;
    for (const [id, entry] of this.#entries) {
      const unseenTracked = !entry.final && !seen.has(id) && result.complete;
      const outOfWindow = entry.final && entry.creationMs < sinceMs;
      if (unseenTracked || outOfWindow) this.#entries.delete(id);
    }
    changed.sort((a, b) => a.creationMs - b.creationMs || (a.row.id < b.row.id ? -1 : 1));
    return changed.map(({ row }) => row);
  }

  toState(): LiveSnapshotState {
    return {
      entries: [...this.#entries].map(([id, e]) => [id, e.fingerprint, e.final, e.creationMs] as const),
      newestMs: this.#newestMs ?? null,
    };
  }
}

/** The row's creation time in ms; rows without one sort first and never move the window. */
function creationOf(row: EntityRow): number {
  const value = row["creationTimeUtc"];
  return value instanceof Date ? value.getTime() : -Infinity;
}

/** A digest of every field of the row (and its links): any change of what a client can read changes it. */
export function fingerprintOf(row: EntityRow): string {
  return createHash("sha256").update(JSON.stringify(row)).digest("base64url").slice(0, 22);
}
