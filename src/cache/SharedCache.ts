import { deserialize, serialize } from "node:v8";
import type { CacheBackend, CacheEntry } from "./CacheBackend.js";

/** What the cache tells metrics, per entity (GraphQL type name, or `<Type>.children`). */
export interface CacheListener {
  hit?(entity: string, count: number): void;
  miss?(entity: string, count: number): void;
  /** A read or write that failed or timed out, or a value that could not be read back. */
  error?(entity: string): void;
  /** Bytes written. */
  written?(entity: string, bytes: number): void;
}

export interface SharedCacheOptions {
  /** `CACHE_KEY_PREFIX`; every key starts with it. */
  readonly prefix: string;
  /**
   * A digest of the mapped rows' shape (entity declarations and gateway version): part of every key, so a
   * deploy that changes a mapper never reads rows the old one wrote.
   */
  readonly shapeVersion: string;
  /** Longest wait for a read, ms: past it the read is a miss (`CACHE_TIMEOUT_MS`). */
  readonly timeoutMs: number;
  readonly listener?: CacheListener;
  /** Told once when the backend starts failing and once when it works again; must not throw. */
  readonly onOutage?: (event: {
    readonly state: "down" | "up";
    readonly backend: string;
    readonly reason?: string;
  }) => void;
}

/** One value to write, with its key's parts and its time to live. */
export interface CacheWrite {
  readonly key: string;
  readonly value: unknown;
  readonly ttlMs: number;
}

/**
 * The gateway's cache of EM data across requests and (with Redis) replicas. Values are written with V8's
 * serializer (the structured clone the XML workers' rows already cross threads with), so a cached row
 * comes back as a fresh copy that no other request shares.
 *
 * It never fails a request: a backend that throws, rejects, answers late or returns bytes that do not
 * deserialize is a miss, counted, and logged once per outage (`onOutage`), never per request. Writes are
 * not awaited by the request.
 *
 * Hazard: keys name scopes and ids, never credentials; callers build the scope with `cacheScope`.
 */
export class SharedCache {
  readonly #backend: CacheBackend;
  readonly #options: SharedCacheOptions;
  #down = false;

  constructor(backend: CacheBackend, options: SharedCacheOptions) {
    this.#backend = backend;
    this.#options = options;
  }

  /** `<prefix>:<shape>:<scope>:<parts…>`. */
  key(scope: string, ...parts: readonly string[]): string {
    return [this.#options.prefix, this.#options.shapeVersion, scope, ...parts].join(":");
  }

  /**
   * The values of `keys` (from `key`), undefined for a miss; `accept` checks a value read back (a key
   * written by this version holds what it wrote, but Redis is shared and may hold anything).
   */
  async read<T>(
    entity: string,
    keys: readonly string[],
    accept: (value: unknown, index: number) => value is T,
  ): Promise<(T | undefined)[]> {
    if (keys.length === 0) return [];
    let stored: (Buffer | undefined)[];
    try {
      stored = await withTimeout(this.#backend.getMany(keys), this.#options.timeoutMs);
      this.#recovered();
    } catch (error) {
      this.#failed(entity, error);
      this.#options.listener?.miss?.(entity, keys.length);
      return keys.map(() => undefined);
    }
    let hits = 0;
    const values = stored.map((bytes, index) => {
      if (bytes === undefined) return undefined;
      let value: unknown;
      try {
        value = deserialize(bytes);
      } catch {
        this.#options.listener?.error?.(entity);
        return undefined;
      }
      if (!accept(value, index)) {
        this.#options.listener?.error?.(entity);
        return undefined;
      }
      hits++;
      return value;
    });
    if (hits > 0) this.#options.listener?.hit?.(entity, hits);
    if (hits < keys.length) this.#options.listener?.miss?.(entity, keys.length - hits);
    return values;
  }

  /** Writes in the background; a failure is counted and logged once per outage. */
  write(entity: string, writes: readonly CacheWrite[]): void {
    const entries: CacheEntry[] = [];
    for (const write of writes) {
      if (write.ttlMs <= 0) continue;
      try {
        entries.push({ key: write.key, value: serialize(write.value), ttlMs: write.ttlMs });
      } catch {
        // A value V8 cannot serialize is a bug of the caller's, but never a failed request.
        this.#options.listener?.error?.(entity);
      }
    }
    if (entries.length === 0) return;
    const bytes = entries.reduce((sum, entry) => sum + entry.value.length, 0);
    withTimeout(this.#backend.setMany(entries), this.#options.timeoutMs * 4).then(
      () => {
        this.#recovered();
        this.#options.listener?.written?.(entity, bytes);
      },
      (error: unknown) => this.#failed(entity, error),
    );
  }

  async close(): Promise<void> {
    await this.#backend.close();
  }

  #failed(entity: string, error: unknown): void {
    this.#options.listener?.error?.(entity);
    if (this.#down) return;
    this.#down = true;
    this.#options.onOutage?.({ state: "down", backend: this.#backend.name, reason: describe(error) });
  }

  #recovered(): void {
    if (!this.#down) return;
    this.#down = false;
    this.#options.onOutage?.({ state: "up", backend: this.#backend.name });
  }
}

/** The error's message without anything it may quote from a URL (Redis URLs may carry a password). */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\/\/[^@/\s]*@/g, "//***@").slice(0, 200);
}

class CacheTimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CacheTimeoutError(`no answer within ${ms} ms`)), ms);
  });
  promise.catch(() => undefined); // a late rejection after the timeout must not be unhandled
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
