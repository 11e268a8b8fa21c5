/**
 * Which requests a queued fault applies to. Every given criterion must match:
 * - `method`: HTTP method, case-insensitive.
 * - `pathPrefix`: prefix of the request path relative to `/api`, case-insensitive (`"/query"`,
 *   `"/sessionMngr"` for logons, `"/replicaSessions/"`).
 * - `query`: substring of the raw query string (without `?`) or of its form-decoded text, case-sensitive.
 */
export interface FaultMatch {
  method?: string;
  pathPrefix?: string;
  query?: string;
}

/**
 * What a faulted request gets instead of its normal answer:
 * - `status`: that HTTP status with an EM `Error` body (`message` or a default), plus `Retry-After` when
 *   `retryAfter` is given (seconds or an HTTP date, sent verbatim).
 * - `reset`: the socket is reset (RST where the platform allows) without any response.
 * - `stallHeaders`: nothing is ever sent; the request hangs until the client gives up or `close()`.
 * - `stallBody`: the real response's status and headers (full `Content-Length`) and its first `bytes`
 *   bytes (default: half) are sent, then nothing more until `close()`.
 * - `truncate`: the real status and headers with the body cut to `bytes` bytes (default: half) and a `Content-Length` that
 *   matches the cut body, so HTTP is valid and only the XML is incomplete.
 * - `malformed`: 200 with an XML body that is not well-formed (mismatched tags, bad entity).
 * - `body`: `status` (default 200) with exactly `body` (string as UTF-8, or bytes) and `contentType`
 *   (default `application/xml; charset=utf-8`): hostile XML, huge documents, JSON, anything. With
 *   `chunked`, it is sent with `Transfer-Encoding: chunked` in 64 KiB pieces and no `Content-Length`, so a
 *   client can only find out how large it is by reading (as behind proxies that re-chunk EM's answers).
 */
export type SimulatorFault =
  | { kind: "status"; status: number; retryAfter?: number | string; message?: string }
  | { kind: "reset" }
  | { kind: "stallHeaders" }
  | { kind: "stallBody"; bytes?: number }
  | { kind: "truncate"; bytes?: number }
  | { kind: "malformed" }
  | { kind: "body"; body: string | Buffer; contentType?: string; status?: number; chunked?: boolean };

/** Options of `SimulatorFaults.inject`: the match criteria plus how many requests to affect (default 1). */
export interface FaultOptions extends FaultMatch {
  times?: number;
}

/** A queued fault; `remaining` counts down as matching requests consume it. */
export interface InjectedFault {
  readonly fault: SimulatorFault;
  readonly match: Readonly<FaultMatch>;
  readonly remaining: number;
  /** Requests this fault has been applied to so far. */
  readonly hits: number;
  /** Removes the fault from the queue. */
  cancel(): void;
}

/** Latency added before every response (faulted ones too): `fixedMs` plus uniform `[0, jitterMs)`. */
export interface LatencySetting {
  fixedMs: number;
  jitterMs?: number;
}

interface QueuedFault {
  fault: SimulatorFault;
  match: FaultMatch;
  remaining: number;
  hits: number;
}

/**
 * Runtime fault controls of a running simulator. Faults are consumed first-queued-first: a request takes
 * the oldest queued fault whose criteria it matches. Faulted requests are still logged (status 0 when no
 * status line was sent). Hazard: a stalled request holds its socket until the client aborts or
 * `Simulator.close()`.
 */
export class SimulatorFaults {
  private readonly queue: QueuedFault[] = [];
  private latencySetting: LatencySetting | undefined;

  constructor(latency?: LatencySetting) {
    this.setLatency(latency);
  }

  /** Queues a fault for the next `times` (default 1) requests matching the criteria (all requests if none). */
  inject(fault: SimulatorFault, options: FaultOptions = {}): InjectedFault {
    const times = options.times ?? 1;
    if (!Number.isInteger(times) || times < 1)
      throw new RangeError(`times must be a positive integer, got ${times}`);
    validateFault(fault);
    const entry: QueuedFault = {
      fault,
      match: { method: options.method, pathPrefix: options.pathPrefix, query: options.query },
      remaining: times,
      hits: 0,
    };
    this.queue.push(entry);
    return {
      fault,
      match: entry.match,
      get remaining() {
        return entry.remaining;
      },
      get hits() {
        return entry.hits;
      },
      cancel: () => this.drop(entry),
    };
  }

  /** Sets (or with `undefined`, removes) the latency applied to every following response. */
  setLatency(latency: LatencySetting | undefined): void {
    if (latency !== undefined) {
      const { fixedMs, jitterMs = 0 } = latency;
      if (!(fixedMs >= 0) || !(jitterMs >= 0) || !Number.isFinite(fixedMs) || !Number.isFinite(jitterMs)) {
        throw new RangeError(`latency must be finite and non-negative, got ${JSON.stringify(latency)}`);
      }
    }
    this.latencySetting = latency ? { ...latency } : undefined;
  }

  /** The current latency setting, if any. */
  get latency(): Readonly<LatencySetting> | undefined {
    return this.latencySetting;
  }

  /** Faults still queued, oldest first. */
  get pending(): ReadonlyArray<{ fault: SimulatorFault; match: Readonly<FaultMatch>; remaining: number }> {
    return this.queue.map((q) => ({ fault: q.fault, match: q.match, remaining: q.remaining }));
  }

  /** Removes every queued fault and the latency. */
  clear(): void {
    this.queue.length = 0;
    this.latencySetting = undefined;
  }

  /** @internal The delay for one response, in ms. */
  nextDelayMs(): number {
    const l = this.latencySetting;
    if (!l) return 0;
    return l.fixedMs + (l.jitterMs ? Math.random() * l.jitterMs : 0);
  }

  /** @internal Consumes and returns the fault for a request, if one matches. */
  take(method: string, apiPath: string, rawQuery: string, decodedQuery: string): SimulatorFault | undefined {
    const m = method.toUpperCase();
    const p = apiPath.toLowerCase();
    for (const entry of this.queue) {
      const { match } = entry;
      if (match.method !== undefined && match.method.toUpperCase() !== m) continue;
      if (match.pathPrefix !== undefined && !p.startsWith(match.pathPrefix.toLowerCase())) continue;
      if (
        match.query !== undefined &&
        !rawQuery.includes(match.query) &&
        !decodedQuery.includes(match.query)
      ) {
        continue;
      }
      entry.remaining--;
      entry.hits++;
      if (entry.remaining <= 0) this.drop(entry);
      return entry.fault;
    }
    return undefined;
  }

  private drop(entry: QueuedFault): void {
    const index = this.queue.indexOf(entry);
    if (index >= 0) this.queue.splice(index, 1);
  }
}

function validateFault(fault: SimulatorFault): void {
  switch (fault.kind) {
    case "status":
      if (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 999) {
        throw new RangeError(`status fault needs an HTTP status, got ${fault.status}`);
      }
      return;
    case "body":
      if (
        fault.status !== undefined &&
        (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 999)
      ) {
        throw new RangeError(`body fault status must be an HTTP status, got ${fault.status}`);
      }
      return;
    case "stallBody":
    case "truncate":
      if (fault.bytes !== undefined && (!Number.isInteger(fault.bytes) || fault.bytes < 0)) {
        throw new RangeError(`${fault.kind} bytes must be a non-negative integer, got ${fault.bytes}`);
      }
      return;
    case "reset":
    case "stallHeaders":
    case "malformed":
      return;
    default: {
      const unknown: never = fault;
      throw new RangeError(`unknown fault kind ${JSON.stringify(unknown)}`);
    }
  }
}
