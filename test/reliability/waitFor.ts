import { setTimeout as sleep } from "node:timers/promises";

/**
 * Polls `condition` until it holds. Waiting is not asserting: the only bound is a generous deadline so a
 * broken condition fails the test instead of hanging it.
 */
export async function waitFor(condition: () => boolean, what: string, deadlineMs = 10_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(5);
  }
}

/** Sleeps until just after the ISO time `at` (a circuit breaker's retryAt); returns at once when absent. */
export async function sleepUntil(at: string | undefined): Promise<void> {
  if (at === undefined) return;
  await sleep(Math.max(0, Date.parse(at) - Date.now()) + 10);
}
