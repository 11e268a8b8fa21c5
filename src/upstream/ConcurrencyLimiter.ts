/** Settings of a ConcurrencyLimiter. */
export interface ConcurrencyLimiterOptions {
  /** Slots: calls allowed to run at once. */
  readonly maxActive: number;
  /** Callers allowed to wait for a slot; 0 means "fail at once when every slot is taken". */
  readonly maxQueued: number;
  /** Longest wait for a slot, in milliseconds. */
  readonly maxWaitMs: number;
}

/** Why `acquire` refused: the queue was full, or the wait ran out. */
export type SlotRefusal =
  | { readonly reason: "queue-full"; readonly active: number; readonly queued: number }
  | { readonly reason: "wait-timeout"; readonly waitedMs: number; readonly active: number };

/** Builds the error `acquire` rejects with; the caller knows the method and URL to name. */
export type SlotRefusalError = (refusal: SlotRefusal) => Error;

/** Gives a slot back. Idempotent. */
export type ReleaseSlot = () => void;

interface Waiter {
  readonly grant: (release: ReleaseSlot) => void;
  readonly cleanup: () => void;
}

/**
 * A counting semaphore with a bounded, first-come-first-served queue and a bounded wait.
 *
 * Why it exists: undici's Pool queues requests beyond its `connections` without any bound or deadline,
 * so a burst of GraphQL traffic against a slow EM would pile up requests in memory and on EM. Here a
 * caller either gets a slot, waits at most `maxWaitMs` in a queue of at most `maxQueued`, or is refused
 * at once with an error it can report.
 *
 * A released slot passes straight to the oldest waiter, so newcomers cannot overtake the queue.
 *
 * Hazard: hold a slot only for one HTTP exchange, never across a wait for another slot (a logon, a
 * retry's backoff), or callers can deadlock each other.
 */
export class ConcurrencyLimiter {
  readonly #options: ConcurrencyLimiterOptions;
  readonly #queue: Waiter[] = [];
  #active = 0;

  constructor(options: ConcurrencyLimiterOptions) {
    this.#options = options;
  }

  /** Slots in use. */
  get active(): number {
    return this.#active;
  }

  /** Callers waiting for a slot. */
  get queued(): number {
    return this.#queue.length;
  }

  /** The configured number of slots. */
  get limit(): number {
    return this.#options.maxActive;
  }

  /**
   * Resolves with a release function once a slot is free. Rejects with `refuse(...)` when the queue is
   * full or the wait exceeds `maxWaitMs`, and with the signal's reason when the caller aborts.
   */
  acquire(refuse: SlotRefusalError, signal?: AbortSignal): Promise<ReleaseSlot> {
    signal?.throwIfAborted();
    if (this.#active < this.#options.maxActive) {
      this.#active += 1;
      return Promise.resolve(this.#releaser());
    }
    if (this.#queue.length >= this.#options.maxQueued) {
      return Promise.reject(
        refuse({ reason: "queue-full", active: this.#active, queued: this.#queue.length }),
      );
    }
    return new Promise<ReleaseSlot>((resolve, reject) => {
      const started = performance.now();
      const leave = (): void => {
        const index = this.#queue.indexOf(waiter);
        if (index >= 0) this.#queue.splice(index, 1);
        cleanup();
      };
      const onTimeout = (): void => {
        leave();
        reject(
          refuse({
            reason: "wait-timeout",
            waitedMs: Math.round(performance.now() - started),
            active: this.#active,
          }),
        );
      };
      const onAbort = (): void => {
        leave();
        reject(signal!.reason);
      };
      const timer = setTimeout(onTimeout, this.#options.maxWaitMs);
      signal?.addEventListener("abort", onAbort, { once: true });
      const cleanup = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      const waiter: Waiter = { grant: resolve, cleanup };
      this.#queue.push(waiter);
    });
  }

  #releaser(): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#queue.shift();
      if (next) {
        // The slot changes hands without ever being free: #active stays the same.
        next.cleanup();
        next.grant(this.#releaser());
      } else {
        this.#active -= 1;
      }
    };
  }
}
