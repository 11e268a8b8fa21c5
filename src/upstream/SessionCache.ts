import type { EmSession } from "./EmSession.js";

/**
 * Passthrough-mode sessions by credential key, least recently used first out. An evicted session is
 * logged out in the background (best effort), so that EM does not keep it for 15 idle minutes.
 *
 * Hazard: a request still holding an evicted session may log it on again; that session is then no longer
 * tracked and simply expires on EM. The bound (default 1000) should exceed the number of users active
 * within a few minutes.
 */
export class SessionCache {
  readonly #max: number;
  readonly #sessions = new Map<string, EmSession>();

  constructor(maxSessions: number) {
    this.#max = maxSessions;
  }

  /** Number of cached sessions (logged on or not). */
  get size(): number {
    return this.#sessions.size;
  }

  /** The session for `key`, created by `create` when absent; marks it most recently used. */
  getOrCreate(key: string, create: () => EmSession): EmSession {
    let session = this.#sessions.get(key);
    if (session) {
      // Re-inserting moves the key to the end of Map's insertion order: the LRU order.
      this.#sessions.delete(key);
    } else {
      session = create();
    }
    this.#sessions.set(key, session);
    while (this.#sessions.size > this.#max) {
      const [oldestKey, oldest] = this.#sessions.entries().next().value as [string, EmSession];
      this.#sessions.delete(oldestKey);
      void oldest.logout();
    }
    return session;
  }

  /** Forgets `session` under `key` if it is still the one cached (used after a refused logon). */
  delete(key: string, session: EmSession): void {
    if (this.#sessions.get(key) === session) this.#sessions.delete(key);
  }

  /** All cached sessions, e.g. to log them out on shutdown. */
  values(): EmSession[] {
    return [...this.#sessions.values()];
  }

  /** Forgets every session without logging out. */
  clear(): void {
    this.#sessions.clear();
  }
}
