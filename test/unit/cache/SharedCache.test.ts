import { serialize } from "node:v8";
import { describe, expect, it } from "vitest";
import type { CacheBackend, CacheEntry } from "../../../src/cache/CacheBackend.js";
import { passthroughScope } from "../../../src/cache/cacheScope.js";
import { MemoryCacheBackend } from "../../../src/cache/MemoryCacheBackend.js";
import { SharedCache } from "../../../src/cache/SharedCache.js";

/** A backend whose behaviour the test sets: answers, never answers, or throws. */
class ScriptedBackend implements CacheBackend {
  readonly name = "scripted";
  mode: "ok" | "hang" | "throw" = "ok";
  readonly stored = new Map<string, Buffer>();
  written: CacheEntry[] = [];
  async getMany(keys: readonly string[]) {
    if (this.mode === "hang") return new Promise<never>(() => undefined);
    if (this.mode === "throw") throw new Error("ECONNREFUSED redis://:secret@127.0.0.1:6379");
    return keys.map((key) => this.stored.get(key));
  }
  async setMany(entries: readonly CacheEntry[]) {
    if (this.mode === "throw") throw new Error("down");
    this.written.push(...entries);
    for (const entry of entries) this.stored.set(entry.key, entry.value);
  }
  async close() {}
}

function cacheWith(backend: CacheBackend) {
  const events: string[] = [];
  const counts = { hit: 0, miss: 0, error: 0 };
  const cache = new SharedCache(backend, {
    prefix: "p",
    shapeVersion: "v1",
    timeoutMs: 20,
    listener: {
      hit: (_, n) => (counts.hit += n),
      miss: (_, n) => (counts.miss += n),
      error: () => (counts.error += 1),
    },
    onOutage: (event) => events.push(`${event.state}${event.reason ? ` ${event.reason}` : ""}`),
  });
  return { cache, events, counts };
}
const anything = (value: unknown): value is unknown => value !== undefined;

describe("SharedCache", () => {
  it("builds keys from prefix, shape version and scope, and reads back what it wrote as fresh copies", async () => {
    const backend = new ScriptedBackend();
    const { cache, counts } = cacheWith(backend);
    const key = cache.key("service", "row", "Job", "urn:veeam:Job:1");
    expect(key).toBe("p:v1:service:row:Job:urn:veeam:Job:1");
    const row = { id: "1", when: new Date(0) };
    cache.write("Job", [
      { key, value: row, ttlMs: 1000 },
      { key: "zero", value: row, ttlMs: 0 },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(backend.written.map((e) => e.key)).toEqual([key]);
    const [read, missing] = await cache.read("Job", [key, "absent"], anything);
    expect(read).toEqual(row);
    expect(read).not.toBe(row);
    expect(missing).toBeUndefined();
    expect(counts).toEqual({ hit: 1, miss: 1, error: 0 });
  });

  it("turns a slow or failing backend into misses, and reports each outage once, without the URL's password", async () => {
    const backend = new ScriptedBackend();
    const { cache, events, counts } = cacheWith(backend);
    backend.mode = "hang";
    expect(await cache.read("Job", ["a", "b"], anything)).toEqual([undefined, undefined]);
    backend.mode = "throw";
    expect(await cache.read("Job", ["a"], anything)).toEqual([undefined]);
    cache.write("Job", [{ key: "a", value: 1, ttlMs: 1000 }]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(events).toEqual(["down no answer within 20 ms"]);
    backend.mode = "ok";
    await cache.read("Job", ["a"], anything);
    expect(events).toEqual(["down no answer within 20 ms", "up"]);
    backend.mode = "throw";
    await cache.read("Job", ["a"], anything);
    expect(events[2]).toMatch(/^down /);
    expect(events[2]).not.toContain("secret");
    expect(counts.error).toBe(4);
  });

  it("treats bytes that do not deserialize, or a value the caller refuses, as misses", async () => {
    const backend = new ScriptedBackend();
    backend.stored.set("garbage", Buffer.from("not v8"));
    backend.stored.set("wrong", serialize({ id: "other" }));
    const { cache, counts } = cacheWith(backend);
    const isOne = (value: unknown): value is { id: string } => (value as { id?: string }).id === "1";
    expect(await cache.read("Job", ["garbage", "wrong"], isOne)).toEqual([undefined, undefined]);
    expect(counts).toEqual({ hit: 0, miss: 2, error: 2 });
  });
});

describe("MemoryCacheBackend", () => {
  it("stays within its byte bound, evicting the least recently used", async () => {
    const backend = new MemoryCacheBackend(1000);
    for (let i = 0; i < 20; i++)
      await backend.setMany([{ key: `k${i}`, value: Buffer.alloc(100), ttlMs: 60_000 }]);
    expect(backend.bytes).toBeLessThanOrEqual(1000);
    expect((await backend.getMany(["k0", "k19"]))[0]).toBeUndefined();
    expect((await backend.getMany(["k19"]))[0]).toBeDefined();
  });
});

describe("passthroughScope", () => {
  it("is one scope per identity (user names case-folded), and names neither the user nor the password", () => {
    const a = passthroughScope("s".repeat(16), "DOMAIN\\Alice", "pw-1");
    expect(passthroughScope("s".repeat(16), "domain\\alice", "pw-1")).toBe(a);
    expect(passthroughScope("s".repeat(16), "domain\\alice", "pw-2")).not.toBe(a);
    expect(passthroughScope("t".repeat(16), "domain\\alice", "pw-1")).not.toBe(a);
    expect(a).toMatch(/^user-[0-9a-f]{32}$/);
  });
});

describe("SharedCache writes", () => {
  it("skips a value V8 cannot serialize, counting an error, and writes the others", async () => {
    const backend = new ScriptedBackend();
    const { cache, counts } = cacheWith(backend);
    cache.write("Job", [
      { key: "bad", value: { read: () => 1 }, ttlMs: 1000 },
      { key: "good", value: { id: "1" }, ttlMs: 1000 },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(backend.written.map((e) => e.key)).toEqual(["good"]);
    expect(counts.error).toBe(1);
  });
});
