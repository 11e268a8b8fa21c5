import { Redis } from "ioredis";
import type { CacheBackend, CacheEntry } from "./CacheBackend.js";

/**
 * The shared backend for several replicas: one Redis, through ioredis (MIT, maintained by Redis, Node 12+,
 * the most used Node client; chosen over node-redis for its Buffer replies (`mgetBuffer`), per-command
 * timeouts and a reconnect loop that needs no supervision). Commands are never queued while Redis is
 * unreachable and never retried: a cache that is down must answer "no" at once, so that the request goes
 * to EM without waiting.
 */
export class RedisCacheBackend implements CacheBackend {
  readonly name = "redis";
  readonly #redis: Redis;

  /**
   * `onConnectionError` hears connection-level failures (refused, reset), which ioredis reports as events
   * rather than through a command; it must not throw.
   */
  constructor(url: string, options: { timeoutMs: number; onConnectionError: (error: Error) => void }) {
    this.#redis = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.timeoutMs,
      connectTimeout: Math.max(1000, options.timeoutMs),
      // Reconnect for ever, at most every 2 s: Redis coming back must need nothing from the operator.
      retryStrategy: (attempt) => Math.min(100 * attempt, 2000),
      lazyConnect: false,
    });
    this.#redis.on("error", options.onConnectionError);
  }

  async getMany(keys: readonly string[]): Promise<(Buffer | undefined)[]> {
    if (keys.length === 0) return [];
    const values = await this.#redis.mgetBuffer(...keys);
    return values.map((value) => value ?? undefined);
  }

  async setMany(entries: readonly CacheEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const pipeline = this.#redis.pipeline();
    for (const entry of entries) pipeline.set(entry.key, entry.value, "PX", Math.ceil(entry.ttlMs));
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
  }

  async close(): Promise<void> {
    this.#redis.disconnect();
  }
}
