/** Limits on failed logons, each counted over a sliding window. */
export interface LogonThrottleOptions {
  /** Failed logons one user name may have in the window before its logons are refused locally. */
  readonly failuresPerUser: number;
  /** Failed logons of all users together in the window before logons of unproven credentials are refused. */
  readonly failuresOverall: number;
  readonly windowMs: number;
  /** Defaults to Date.now; tests may pass a fake clock. */
  readonly now?: () => number;
}

/** A refusal: which limit, and when a logon may be tried again (epoch ms). */
export interface LogonRefusal {
  readonly scope: "user" | "overall";
  readonly retryAt: number;
}

/** User names and proven credentials remembered at most; the oldest are forgotten first. */
const MAX_TRACKED = 10_000;

/**
 * Throttles failed EM logons in passthrough mode, where every new wrong password a client sends would be
 * one logon attempt against EM (and its directory): without a limit the gateway is a password-spraying
 * tool. A user name with `failuresPerUser` failures in the window is refused without asking EM, and once
 * `failuresOverall` failures happened in the window, every unproven credential is.
 *
 * Credentials that logged on successfully in this process are "proven" and never refused: a correct logon
 * of another user, or of the same user whose name an attacker is hammering, goes through. The cost of the
 * overall limit is that a user logging on for the first time during a spray waits until the window passes.
 *
 * Keys are the opaque keyed hashes of `credentialKeyer`, never names or passwords.
 */
export class LogonThrottle {
  readonly #options: LogonThrottleOptions;
  readonly #now: () => number;
  /** Failure times per user key, oldest first, at most `failuresPerUser` kept. */
  readonly #byUser = new Map<string, number[]>();
  /** Failure times of everyone, oldest first, at most `failuresOverall` kept. */
  readonly #overall: number[] = [];
  readonly #proven = new Set<string>();

  constructor(options: LogonThrottleOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Whether a logon with these keys may go to EM now; undefined means yes. */
  check(userKey: string, credentialKey: string): LogonRefusal | undefined {
    if (this.#proven.has(credentialKey)) return undefined;
    const now = this.#now();
    const { windowMs, failuresPerUser, failuresOverall } = this.#options;
    const mine = this.#recent(this.#byUser.get(userKey) ?? [], now);
    if (mine.length >= failuresPerUser) return { scope: "user", retryAt: mine[0]! + windowMs };
    const all = this.#recent(this.#overall, now);
    if (all.length >= failuresOverall) return { scope: "overall", retryAt: all[0]! + windowMs };
    return undefined;
  }

  /** EM refused these credentials (401). */
  failed(userKey: string): void {
    const now = this.#now();
    const mine = this.#byUser.get(userKey) ?? [];
    this.#byUser.delete(userKey); // re-inserted last: the map's order is least recently failed first
    this.#byUser.set(userKey, push(mine, now, this.#options.failuresPerUser));
    push(this.#overall, now, this.#options.failuresOverall);
    if (this.#byUser.size > MAX_TRACKED) this.#byUser.delete(this.#byUser.keys().next().value!);
  }

  /** EM accepted these credentials: they are never throttled from now on, and the user's count resets. */
  succeeded(userKey: string, credentialKey: string): void {
    this.#byUser.delete(userKey);
    this.#proven.delete(credentialKey);
    this.#proven.add(credentialKey);
    if (this.#proven.size > MAX_TRACKED) this.#proven.delete(this.#proven.values().next().value!);
  }

  /** The failure times still inside the window (the array is trimmed in place). */
  #recent(times: number[], now: number): number[] {
    while (times.length > 0 && times[0]! <= now - this.#options.windowMs) times.shift();
    return times;
  }
}

function push(times: number[], at: number, keep: number): number[] {
  times.push(at);
  while (times.length > keep) times.shift();
  return times;
}
