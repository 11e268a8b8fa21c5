/**
 * Where cached values live: this process's memory or a Redis shared by the replicas. Values are opaque
 * bytes; keys are built by SharedCache. Every method may throw or reject (Redis down, slow, refusing):
 * SharedCache turns that into a miss, so a backend need not hide its failures.
 */
export interface CacheBackend {
  /** "memory" or "redis", for logs. */
  readonly name: string;
  /** The stored bytes of each key, undefined where there are none (or they expired). */
  getMany(keys: readonly string[]): Promise<(Buffer | undefined)[]>;
  /** Stores each value for its own time to live (ms, > 0). */
  setMany(entries: readonly CacheEntry[]): Promise<void>;
  close(): Promise<void>;
}

/** One value to store. */
export interface CacheEntry {
  readonly key: string;
  readonly value: Buffer;
  readonly ttlMs: number;
}
