/** The three states of a circuit breaker. */
export type CircuitState = "closed" | "open" | "half-open";

/** What `EmClient.stats().breaker` and `onBreakerChange` report; times are ISO 8601 strings. */
export interface CircuitBreakerSnapshot {
  readonly state: CircuitState;
  /** Failures in a row since the last success (kept while open, reset when the breaker closes). */
  readonly consecutiveFailures: number;
  /** When the breaker last opened; present while open or half-open. */
  readonly openedAt?: string;
  /** When the next probe may go; present while open (in the past once the cool-down is over). */
  readonly retryAt?: string;
}

/** Receives a snapshot after every state change. Exceptions it throws are swallowed. */
export type CircuitBreakerListener = (snapshot: CircuitBreakerSnapshot) => void;

/** Settings of a CircuitBreaker. */
export interface CircuitBreakerOptions {
  /** Failures in a row that open the breaker; 0 disables it (it then never leaves `closed`). */
  readonly failureThreshold: number;
  /** How long the breaker stays open before letting one probe through, in milliseconds. */
  readonly coolDownMs: number;
  readonly onChange?: CircuitBreakerListener;
  /** The clock, for tests. Default Date.now. */
  readonly now?: () => number;
}

/**
 * Permission for one logical call, returned by `admit`. Report its outcome exactly once with
 * `succeeded`, `failed` or `abandoned`; later reports of the same ticket are ignored.
 */
export interface CircuitTicket {
  /** True for the single call let through while half-open; its outcome decides the breaker's state. */
  readonly probe: boolean;
}

interface Ticket extends CircuitTicket {
  settled: boolean;
}

/**
 * A consecutive-failure circuit breaker for one upstream (one EM base URL).
 *
 * closed → `failureThreshold` failures in a row → open: every `admit` is refused until `coolDownMs` has
 * passed → the next `admit` becomes the one probe (half-open; everyone else is still refused) → the
 * probe's success closes the breaker, its failure re-opens it for another cool-down, and a probe that
 * ends without a verdict (caller aborted, no local slot) hands the probe role to the next caller.
 *
 * Only the probe's outcome counts while half-open; outcomes of calls admitted before the breaker opened
 * are ignored while it is open, so a late success cannot close it without a probe.
 *
 * Hazard: the caller decides what a failure is. Count only signs that EM is down or drowning (5xx it
 * cannot serve, connection failures, timeouts); counting 4xx or local refusals would let one client's
 * bad input, or the gateway's own queue, shut EM off for everybody.
 */
export class CircuitBreaker {
  readonly #threshold: number;
  readonly #coolDownMs: number;
  readonly #onChange: CircuitBreakerListener | undefined;
  readonly #now: () => number;
  #state: CircuitState = "closed";
  #failures = 0;
  #openedAt = 0;
  #retryAt = 0;
  #probe: Ticket | undefined;

  constructor(options: CircuitBreakerOptions) {
    this.#threshold = options.failureThreshold;
    this.#coolDownMs = options.coolDownMs;
    this.#onChange = options.onChange;
    this.#now = options.now ?? Date.now;
  }

  /**
   * A ticket for one call, or undefined when the breaker refuses it (open and cooling down, or half-open
   * with the probe still out). The first call after the cool-down becomes the probe.
   */
  admit(): CircuitTicket | undefined {
    if (this.#state === "closed") {
      const ticket: Ticket = { probe: false, settled: false };
      return ticket;
    }
    if (this.#state === "half-open" || this.#now() < this.#retryAt) return undefined;
    const probe: Ticket = { probe: true, settled: false };
    this.#probe = probe;
    this.#change("half-open");
    return probe;
  }

  /**
   * Whether a call admitted earlier may still go to EM now (before each attempt, e.g. after waiting in a
   * queue or before a retry): always while closed, otherwise only the probe.
   */
  allows(ticket: CircuitTicket): boolean {
    return this.#state === "closed" || ticket === this.#probe;
  }

  /** EM served the call (any answer that is not a failure, 4xx included). */
  succeeded(ticket: CircuitTicket): void {
    if (!this.#settle(ticket)) return;
    if (ticket === this.#probe) {
      this.#probe = undefined;
      this.#failures = 0;
      this.#change("closed");
    } else if (this.#state === "closed") {
      this.#failures = 0;
    }
  }

  /** The call failed in a way that says EM is down or overloaded. */
  failed(ticket: CircuitTicket): void {
    if (!this.#settle(ticket)) return;
    if (ticket === this.#probe) {
      this.#probe = undefined;
      this.#failures += 1;
      this.#open();
    } else if (this.#state === "closed") {
      this.#failures += 1;
      if (this.#threshold > 0 && this.#failures >= this.#threshold) this.#open();
    }
  }

  /** The call ended without telling anything about EM (aborted, refused locally). */
  abandoned(ticket: CircuitTicket): void {
    if (!this.#settle(ticket)) return;
    if (ticket === this.#probe) {
      // Back to open with the cool-down already over: the next caller becomes the probe.
      this.#probe = undefined;
      this.#change("open");
    }
  }

  /** The current state. */
  snapshot(): CircuitBreakerSnapshot {
    if (this.#state === "closed") return { state: "closed", consecutiveFailures: this.#failures };
    return {
      state: this.#state,
      consecutiveFailures: this.#failures,
      openedAt: new Date(this.#openedAt).toISOString(),
      ...(this.#state === "open" ? { retryAt: new Date(this.#retryAt).toISOString() } : {}),
    };
  }

  #settle(ticket: CircuitTicket): boolean {
    const own = ticket as Ticket;
    if (own.settled) return false;
    own.settled = true;
    return true;
  }

  #open(): void {
    this.#openedAt = this.#now();
    this.#retryAt = this.#openedAt + this.#coolDownMs;
    this.#change("open");
  }

  #change(state: CircuitState): void {
    this.#state = state;
    if (!this.#onChange) return;
    try {
      this.#onChange(this.snapshot());
    } catch {
      // A metrics or logging hook must not break the call path.
    }
  }
}
