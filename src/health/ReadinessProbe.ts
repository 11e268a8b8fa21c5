/** The verdict `/readyz` serves. */
export interface ReadinessReport {
  readonly ready: boolean;
  /** What was checked: `em-session` (service mode) or `em-entry-point` (passthrough mode). */
  readonly check: "em-session" | "em-entry-point";
  /** Why not ready, for people: the failed check's message (never a credential). */
  readonly reason?: string;
  /** The failed check's stable error code (`EM_UNAVAILABLE`, `EM_UNAUTHORIZED`, `READINESS_TIMEOUT`…). */
  readonly code?: string;
  /** When EM was last asked (ISO time); verdicts are reused until `cacheMs` later. */
  readonly checkedAt: string;
}

/** Options of a ReadinessProbe. */
export interface ReadinessProbeOptions {
  readonly check: ReadinessReport["check"];
  /** Asks EM; resolves when ready, rejects with the reason otherwise. Must honour the signal. */
  readonly probe: (signal: AbortSignal) => Promise<unknown>;
  /** How long a verdict is reused, ms (0: every call asks EM, still one at a time). */
  readonly cacheMs: number;
  /** Longest wait for one probe, ms; a slower EM is "not ready". */
  readonly timeoutMs: number;
  /** Defaults to Date.now; tests may pass a fake clock. */
  readonly now?: () => number;
}

/**
 * Readiness of the gateway as "can an EM session be had", asked of EM at most once per `cacheMs` however
 * often probes arrive: the verdict (ready or not) is cached, and concurrent callers while a probe is in
 * flight share it. A probe that outlasts `timeoutMs` is abandoned and reported as `READINESS_TIMEOUT`.
 *
 * Hazard: failures are cached too, on purpose (a struggling EM should not get more traffic from probes);
 * so recovery shows up to `cacheMs` late.
 */
export class ReadinessProbe {
  readonly #options: ReadinessProbeOptions;
  readonly #now: () => number;
  #cached: { report: ReadinessReport; at: number } | undefined;
  #inFlight: Promise<ReadinessReport> | undefined;

  constructor(options: ReadinessProbeOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** The current verdict, from the cache when fresh. Never rejects. */
  async report(): Promise<ReadinessReport> {
    const cached = this.#cached;
    if (cached && this.#now() - cached.at < this.#options.cacheMs) return cached.report;
    this.#inFlight ??= this.#run().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async #run(): Promise<ReadinessReport> {
    const checkedAt = new Date().toISOString();
    const signal = AbortSignal.timeout(this.#options.timeoutMs);
    let report: ReadinessReport;
    try {
      await this.#options.probe(signal);
      report = { ready: true, check: this.#options.check, checkedAt };
    } catch (error) {
      const timedOut = signal.aborted;
      report = {
        ready: false,
        check: this.#options.check,
        reason: timedOut
          ? `Enterprise Manager did not answer within ${this.#options.timeoutMs} ms`
          : error instanceof Error
            ? error.message
            : String(error),
        code: timedOut ? "READINESS_TIMEOUT" : codeOf(error),
        checkedAt,
      };
    }
    this.#cached = { report, at: this.#now() };
    return report;
  }
}

function codeOf(error: unknown): string {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : "NOT_READY";
}
