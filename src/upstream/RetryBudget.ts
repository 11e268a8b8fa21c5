/**
 * Retries left for one unit of work (one GraphQL operation), shared by every upstream call made for it.
 *
 * Why: the per-call limit (`retry.maxRetries`) bounds one call, but an operation may fan out into dozens
 * of link batches; during an EM outage each would retry on its own and multiply the load on a server that
 * is already failing. With a budget, retries past the first few are refused and those calls fail at once.
 *
 * Create one per operation (`EmClient.createRetryBudget()` in the request context) and pass it in
 * `CallOptions.retryBudget`; EmTransport takes one unit before every retry. Never share one between
 * operations: a noisy client would then spend everybody's retries.
 *
 * Hazard: an identical GET shared in flight between operations (EmClient deduplicates them) spends the
 * budget of the operation that started it.
 */
export class RetryBudget {
  #remaining: number;
  #used = 0;

  /** `retries` is a non-negative integer; 0 disables retrying for the operation. */
  constructor(retries: number) {
    if (!Number.isSafeInteger(retries) || retries < 0) {
      throw new RangeError(`RetryBudget retries must be a non-negative integer; got ${String(retries)}`);
    }
    this.#remaining = retries;
  }

  /** Retries still available. */
  get remaining(): number {
    return this.#remaining;
  }

  /** Retries taken so far. */
  get used(): number {
    return this.#used;
  }

  /** Takes one retry; false (and nothing taken) when the budget is spent. */
  tryTake(): boolean {
    if (this.#remaining <= 0) return false;
    this.#remaining -= 1;
    this.#used += 1;
    return true;
  }
}
