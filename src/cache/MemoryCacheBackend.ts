import { LRUCache } from "lru-cache";
import type { CacheBackend, CacheEntry } from "./CacheBackend.js";

/**
 * The default backend: an LRU in this process, bounded in bytes (keys and values counted), through
 * lru-cache (BlueOak-1.0.0, the npm ecosystem's standard LRU, Node 20+), which enforces per-entry TTLs on
 * read and evicts the least recently used entries past the bound.
 */
export class MemoryCacheBackend implements CacheBackend {
  readonly name = "memory";
  readonly #lru: LRUCache<string, Buffer>;

  constructor(maxBytes: number) {
    this.#lru = new LRUCache<string, Buffer>({
      maxSize: maxBytes,
      // JavaScript strings are UTF-16: two bytes per key character, plus the value's bytes.
      sizeCalculation: (value, key) => value.length + key.length * 2,
    });
  }

  async getMany(keys: readonly string[]): Promise<(Buffer | undefined)[]> {
    return keys.map((key) => this.#lru.get(key));
  }

  async setMany(entries: readonly CacheEntry[]): Promise<void> {
    for (const entry of entries) this.#lru.set(entry.key, entry.value, { ttl: entry.ttlMs });
  }

  /** Bytes held (keys and values), for metrics. */
  get bytes(): number {
    return this.#lru.calculatedSize;
  }

  async close(): Promise<void> {
    this.#lru.clear();
  }
}
