import type { EntityRow } from "../loaders/EntitySource.js";
import type { LiveSnapshotState } from "./LiveSnapshot.js";

/**
 * How the feeds of several replicas agree on who polls EM for a key and share what it saw. Keys are the
 * feeds' digests (scope, entity, filter, shape version); they hold no user name, password or filter text.
 *
 * Every method degrades instead of failing: when the shared store is unreachable, `holdLease` answers
 * true (each replica then polls for its own subscribers: more EM calls, never fewer events), `publish` and
 * `saveSnapshot` drop their data and `loadSnapshot` finds none.
 */
export interface LiveCoordination {
  readonly name: "local" | "redis";
  /** Takes the lease of `key` for `ttlMs`, or renews it when this replica holds it; true when it does. */
  holdLease(key: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up (the feed's last subscriber left or the gateway stops), if this replica holds it. */
  releaseLease(key: string): Promise<void>;
  /** Sends the rows a poll found changed to the other replicas' feeds of `key`. */
  publish(key: string, rows: readonly EntityRow[]): Promise<void>;
  /** Hears the rows other replicas publish for `key`, until the returned function is called. */
  listen(key: string, onRows: (rows: EntityRow[]) => void): () => void;
  /** Keeps the holder's snapshot for a replica that takes the lease over. */
  saveSnapshot(key: string, state: LiveSnapshotState, ttlMs: number): Promise<void>;
  loadSnapshot(key: string): Promise<LiveSnapshotState | undefined>;
  close(): Promise<void>;
}

/** One replica on its own: it always holds the lease, and there is nobody to tell. */
export class LocalCoordination implements LiveCoordination {
  readonly name = "local";

  async holdLease(): Promise<boolean> {
    return true;
  }
  async releaseLease(): Promise<void> {}
  async publish(): Promise<void> {}
  listen(): () => void {
    return () => undefined;
  }
  async saveSnapshot(): Promise<void> {}
  async loadSnapshot(): Promise<LiveSnapshotState | undefined> {
    return undefined;
  }
  async close(): Promise<void> {}
}
