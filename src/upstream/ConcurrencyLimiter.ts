/** Settings of a ConcurrencyLimiter. */
export interface ConcurrencyLimiterOptions {
  /** Slots: calls allowed to run at once. */
  readonly maxActive: number;
  /** Callers allowed to wait for a slot; 0 means "fail at once when every slot is taken". */
  readonly maxQueued: number;
  /** Longest wait for a slot, in milliseconds. */
  readonly maxWaitMs: number;
  /**
   * Slots that only cheap calls may take (default 0; at most all but one), so that a lookup never waits
   * for a slot behind a burst of large pages.
   */
  readonly reservedForCheap?: number;
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
 * A counting semaphore with a bounded queue and a bounded wait, and a lane for cheap calls.
 *
 * Why it exists: undici's Pool queues requests beyond its `connections` without any bound or deadline,
 * so a burst of GraphQL traffic against a slow EM would pile up requests in memory and on EM. Here a
 * caller either gets a slot, waits at most `maxWaitMs` in a queue of at most `maxQueued`, or is refused
 * at once with an error it can report.
 *
 * A released slot passes straight to the oldest waiter, so newcomers cannot overtake the queue; cheap
 * waiters (calls that read a few rows: lookups, small pages) come before the others, and the last
 * `reservedForCheap` slots are theirs alone. Without that, a simple lookup waits behind every large page of
 * heavy operations that happen to run at the same time (measured: 10 ms idle, 500 ms beside 4 heavy nested
 * queries). Cheap calls are short by definition, so the others are delayed, not starved, unless EM is
 * saturated by cheap calls alone.
 *
 * Hazard: hold a slot only for one HTTP exchange, never across a wait for another slot (a logon, a
 * retry's backoff), or callers can deadlock each other.
 */
export class ConcurrencyLimiter {
  readonly #options: ConcurrencyLimiterOptions;
  readonly #queue: Waiter[] = [];
  readonly #cheapQueue: Waiter[] = [];
  readonly #reserved: number;
  #active = 0;

  constructor(options: ConcurrencyLimiterOptions) {
    this.#options = options;
    this.#reserved = Math.min(options.reservedForCheap ?? 0, options.maxActive - 1);
  }

  /** Slots in use. */
  get active(): number {
    return this.#active;
  }

  /** Callers waiting for a slot. */
  get queued(): number {
    return this.#queue.length + this.#cheapQueue.length;
  }

  /** The configured number of slots. */
  get limit(): number {
    return this.#options.maxActive;
  }

  /**
   * Resolves with a release function once a slot is free. Rejects with `refuse(...)` when the queue is
   * full or the wait exceeds `maxWaitMs`, and with the signal's reason when the caller aborts. `cheap`
   * marks a call that reads a few rows (see the class comment).
   */
  acquire(refuse: SlotRefusalError, signal?: AbortSignal, cheap = false): Promise<ReleaseSlot> {
    signal?.throwIfAborted();
    if (this.#active < this.#slotsFor(cheap)) {
      this.#active += 1;
      return Promise.resolve(this.#releaser());
    }
    if (this.queued >= this.#options.maxQueued) {
      return Promise.reject(refuse({ reason: "queue-full", active: this.#active, queued: this.queued }));
    }
    const queue = cheap ? this.#cheapQueue : this.#queue;
    return new Promise<ReleaseSlot>((resolve, reject) => {
      const started = performance.now();
      const leave = (): void => {
        const index = queue.indexOf(waiter);
        if (index >= 0) queue.splice(index, 1);
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
      queue.push(waiter);
    });
  }

  /** Slots a call of this kind may use: all of them for cheap calls, all but the reserved ones otherwise. */
  #slotsFor(cheap: boolean): number {
    return cheap ? this.#options.maxActive : this.#options.maxActive - this.#reserved;
  }

  #releaser(): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // A slot being released and taken again: `#active - 1` are held by others meanwhile.
      const next =
        this.#cheapQueue.shift() ??
        (this.#active - 1 < this.#slotsFor(false) ? this.#queue.shift() : undefined);
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
