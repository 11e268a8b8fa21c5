import { abortable } from "./abortable.js";

interface Shared<T> {
  readonly promise: Promise<T>;
  readonly controller: AbortController;
  /** Waiters that may still want the result; the work is aborted when this drops to zero. */
  waiting: number;
}

/**
 * Shares in-flight work by key: while a promise for `key` is pending, later callers with the same key
 * get the same promise instead of starting the work again (datasource-rest's `deduplicationPromises`).
 * The entry is removed as soon as the work settles, so nothing is cached beyond the request's lifetime.
 *
 * Each caller may pass its own AbortSignal. Aborting rejects only that caller's wait; the shared work is
 * aborted (through the signal handed to `work`) only when every waiter has aborted.
 *
 * Hazard: every waiter receives the same value. It must be treated as immutable (parsed XML trees are
 * frozen for this reason), and the key must include everything that changes the answer, including who is
 * asking (the credential key).
 */
export class InFlight<T> {
  readonly #entries = new Map<string, Shared<T>>();

  /** Number of distinct keys in flight. */
  get size(): number {
    return this.#entries.size;
  }

  /** Joins the work in flight for `key`, or starts `work(signal)` for it. */
  run(key: string, signal: AbortSignal | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    signal?.throwIfAborted();
    let shared = this.#entries.get(key);
    if (!shared) {
      const controller = new AbortController();
      const promise = work(controller.signal);
      const entry: Shared<T> = { promise, controller, waiting: 0 };
      shared = entry;
      this.#entries.set(key, entry);
      const remove = (): void => {
        if (this.#entries.get(key) === entry) this.#entries.delete(key);
      };
      promise.then(remove, remove);
    }
    return this.#wait(shared, signal);
  }

  #wait(shared: Shared<T>, signal: AbortSignal | undefined): Promise<T> {
    shared.waiting++;
    if (!signal) return shared.promise;
    return abortable(shared.promise, signal, () => {
      shared.waiting--;
      if (shared.waiting === 0) shared.controller.abort(signal.reason);
    });
  }
}
