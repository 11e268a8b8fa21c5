import { randomUUID } from "node:crypto";
import { deserialize, serialize } from "node:v8";
import { Redis } from "ioredis";
import type { EntityRow } from "../loaders/EntitySource.js";
import type { LiveCoordination } from "./LiveCoordination.js";
import type { LiveSnapshotState } from "./LiveSnapshot.js";

/** Takes the lease when free, renews it when ours; 1 when held after the call. */
const HOLD_LEASE = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if holder then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;
/** Deletes the lease only when ours: a lease another replica took since must stay. */
const RELEASE_LEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** What travels on a feed's channel. */
interface LiveMessage {
  readonly origin: string;
  readonly rows: EntityRow[];
}

/** Reports the store going down (first failure) and coming back (first success after one). */
export type LiveOutageListener = (event: { state: "down" | "up"; reason?: string }) => void;

/**
 * Several replicas through one Redis (ioredis, as the cache): per feed key a lease
 * (`<prefix>:live:lease:<key>`, value the replica's random id, taken with SET NX PX and renewed with a
 * compare-and-expire script), a channel for the changed rows (`<prefix>:live:events:<key>`, V8-serialized,
 * tagged with the sender so it ignores its own) and the holder's snapshot (`<prefix>:live:snapshot:<key>`).
 *
 * A replica that dies stops renewing; its lease expires and a replica whose feed still has subscribers
 * takes it at its next attempt, continuing from the snapshot, so the final states it missed are still
 * seen. See LiveCoordination for how failures degrade.
 */
export class RedisLiveCoordination implements LiveCoordination {
  readonly name = "redis";
  readonly #id = randomUUID();
  readonly #prefix: string;
  readonly #commands: Redis;
  readonly #subscriber: Redis;
  readonly #handlers = new Map<string, Set<(rows: EntityRow[]) => void>>();
  readonly #onOutage: LiveOutageListener;
  #down = false;

  constructor(url: string, options: { prefix: string; timeoutMs: number; onOutage: LiveOutageListener }) {
    this.#prefix = `${options.prefix}:live`;
    this.#onOutage = options.onOutage;
    const common = {
      maxRetriesPerRequest: 0,
      commandTimeout: options.timeoutMs,
      connectTimeout: Math.max(1000, options.timeoutMs),
      retryStrategy: (attempt: number) => Math.min(100 * attempt, 2000),
    };
    // Lease calls wait for a connection being made (bounded by the command timeout): a replica just started
    // must not poll on its own because its first renewal came a millisecond before the connection.
    this.#commands = new Redis(url, { ...common, enableOfflineQueue: true });
    // Subscriptions are queued until connected and made again after every reconnect (ioredis' default).
    this.#subscriber = new Redis(url, { ...common, commandTimeout: undefined, enableOfflineQueue: true });
    this.#commands.on("error", () => undefined);
    this.#subscriber.on("error", () => undefined);
    this.#subscriber.on("messageBuffer", (channel: Buffer, message: Buffer) =>
      this.#receive(channel.toString("utf8"), message),
    );
  }

  async holdLease(key: string, ttlMs: number): Promise<boolean> {
    const held = await this.#attempt(() =>
      this.#commands.eval(HOLD_LEASE, 1, this.#key("lease", key), this.#id, String(Math.ceil(ttlMs))),
    );
    return held === undefined ? true : held === 1;
  }

  async releaseLease(key: string): Promise<void> {
    await this.#attempt(() => this.#commands.eval(RELEASE_LEASE, 1, this.#key("lease", key), this.#id));
  }

  async publish(key: string, rows: readonly EntityRow[]): Promise<void> {
    const message: LiveMessage = { origin: this.#id, rows: [...rows] };
    await this.#attempt(() => this.#commands.publish(this.#key("events", key), serialize(message)));
  }

  listen(key: string, onRows: (rows: EntityRow[]) => void): () => void {
    const channel = this.#key("events", key);
    let handlers = this.#handlers.get(channel);
    if (!handlers) {
      this.#handlers.set(channel, (handlers = new Set()));
      this.#subscriber.subscribe(channel).catch(() => undefined);
    }
    handlers.add(onRows);
    return () => {
      handlers.delete(onRows);
      if (handlers.size > 0 || this.#handlers.get(channel) !== handlers) return;
      this.#handlers.delete(channel);
      this.#subscriber.unsubscribe(channel).catch(() => undefined);
    };
  }

  async saveSnapshot(key: string, state: LiveSnapshotState, ttlMs: number): Promise<void> {
    await this.#attempt(() =>
      this.#commands.set(this.#key("snapshot", key), serialize(state), "PX", Math.ceil(ttlMs)),
    );
  }

  async loadSnapshot(key: string): Promise<LiveSnapshotState | undefined> {
    const value = await this.#attempt(() => this.#commands.getBuffer(this.#key("snapshot", key)));
    if (!value) return undefined;
    try {
      const state = deserialize(value) as LiveSnapshotState;
      return Array.isArray(state?.entries) ? state : undefined;
    } catch {
      return undefined; // not ours or damaged: start from a baseline
    }
  }

  async close(): Promise<void> {
    this.#commands.disconnect();
    this.#subscriber.disconnect();
  }

  #key(kind: "lease" | "events" | "snapshot", key: string): string {
    return `${this.#prefix}:${kind}:${key}`;
  }

  #receive(channel: string, message: Buffer): void {
    const handlers = this.#handlers.get(channel);
    if (!handlers) return;
    let decoded: LiveMessage;
    try {
      decoded = deserialize(message) as LiveMessage;
    } catch {
      return;
    }
    if (decoded.origin === this.#id || !Array.isArray(decoded.rows)) return;
    for (const handler of handlers) handler(decoded.rows);
  }

  /** Runs one command; a failure is reported once per outage and answers undefined. */
  async #attempt<T>(command: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await command();
      if (this.#down) {
        this.#down = false;
        this.#onOutage({ state: "up" });
      }
      return result;
    } catch (error) {
      if (!this.#down) {
        this.#down = true;
        this.#onOutage({ state: "down", reason: error instanceof Error ? error.message : String(error) });
      }
      return undefined;
    }
  }
}
