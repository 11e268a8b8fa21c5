import type { Span, SpanContext, Tracer } from "@opentelemetry/api";
import type { TranslatedFilter } from "../filters/index.js";
import { inSpan } from "../telemetry/inSpan.js";
import { ATTR } from "../telemetry/spanAttributes.js";
import type { EntityRow, EntitySource } from "../loaders/EntitySource.js";
import { EmForbiddenError, EmUnauthorizedError } from "../upstream/UpstreamError.js";
import type { LiveCoordination } from "./LiveCoordination.js";
import { fingerprintOf, LiveSnapshot } from "./LiveSnapshot.js";
import { pollLiveRows, type PollDeps } from "./pollLiveRows.js";

/** How a poll went, for metrics and logs. */
export type PollOutcome = "changed" | "unchanged" | "failed" | "skipped";

/** What a feed reports; every callback must not throw. */
export interface LiveFeedListener {
  polled(site: string, entity: string, outcome: PollOutcome, error?: unknown): void;
  /** `events` subscriber deliveries of `rows` changed rows. */
  pushed(site: string, entity: string, rows: number, events: number): void;
}

export interface LiveFeedOptions {
  /** The feed's digest (see LiveHub), also its name in the coordination store. */
  readonly key: string;
  /** The site (EM server) the feed polls. */
  readonly site: string;
  readonly source: EntitySource;
  readonly filter: TranslatedFilter;
  readonly intervalMs: number;
  /** How far before the newest creation time seen new rows are asked for (EM's clocks are not one). */
  readonly lookbackMs: number;
  readonly coordination: LiveCoordination;
  /** True while the site's circuit breaker is open: polls are skipped (no call could succeed) until it half-opens. */
  readonly emUnavailable: () => boolean;
  readonly listener: LiveFeedListener;
  /** Traces each poll as a trace of its own, linked to the subscriptions it served; absent: not traced. */
  readonly tracer?: Tracer;
}

/** One subscriber of a feed: receives changed rows, and says how to reach EM as its identity. */
export interface FeedSubscriber {
  deliver(row: EntityRow): void;
  /** Ends the subscription with `error` (EM refused the identity the feed polls as). */
  fail(error: Error): void;
  /** Call options for one poll made on this subscriber's behalf (its credentials, a fresh retry budget). */
  pollDeps(): PollDeps;
  /** The span of the subscription's operation, which each poll's trace links to. */
  readonly spanContext?: SpanContext;
}

/** Longest pause between polls while EM keeps failing: the interval doubles per failure up to this many. */
const MAX_BACKOFF_INTERVALS = 8;
/** Rows whose last delivered version a feed remembers, to drop what a handover delivers twice. */
const DELIVERED_MEMORY = 10_000;

/**
 * The live feed of one (scope, entity, filter) on this replica, shared by all its subscribers here.
 *
 * Every interval it renews (or tries to take) the key's lease. The holder polls EM (`pollLiveRows`),
 * delivers the changed rows to its subscribers, publishes them to the other replicas and saves its
 * snapshot; the others deliver what they hear and try again for the lease at half the interval, so a
 * dead holder is replaced within two intervals. A failed poll changes nothing (no false events) and
 * backs off, doubling up to 8 intervals; while the breaker is open no poll is made at all. EM refusing the
 * feed's identity (401 after a fresh logon, 403) ends its subscriptions with that error. The feed stops,
 * giving the lease up, when its last subscriber leaves.
 */
export class LiveFeed {
  readonly #options: LiveFeedOptions;
  readonly #subscribers = new Set<FeedSubscriber>();
  readonly #delivered = new Map<string, string>();
  readonly #stopListening: () => void;
  #snapshot: LiveSnapshot | undefined;
  #timer: NodeJS.Timeout | undefined;
  #tick: Promise<void> | undefined;
  #stopped = false;
  #failures = 0;
  #nextPollAt = 0;
  #holding = false;

  constructor(options: LiveFeedOptions) {
    this.#options = options;
    this.#stopListening = options.coordination.listen(options.key, (rows) => this.#deliver(rows));
    this.#schedule(0);
  }

  /** True while this replica holds the lease and polls. */
  get holding(): boolean {
    return this.#holding;
  }

  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  add(subscriber: FeedSubscriber): void {
    this.#subscribers.add(subscriber);
  }

  /** Removes a subscriber; returns true when it was the last (the caller then stops the feed). */
  remove(subscriber: FeedSubscriber): boolean {
    this.#subscribers.delete(subscriber);
    return this.#subscribers.size === 0;
  }

  /** Stops polling and listening and gives the lease up; waits for a poll under way. Idempotent. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#stopListening();
    await this.#tick;
    if (this.#holding) await this.#options.coordination.releaseLease(this.#options.key);
    this.#holding = false;
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#tick = this.#run()
        .catch((error: unknown) => {
          // A defect, not an EM failure (those are caught in #poll): report it and keep the feed alive.
          this.#options.listener.polled(this.#options.site, this.#options.source.typeName, "failed", error);
          this.#schedule(this.#options.intervalMs);
        })
        .finally(() => (this.#tick = undefined));
    }, delayMs);
    this.#timer.unref();
  }

  async #run(): Promise<void> {
    const { coordination, key, intervalMs } = this.#options;
    const started = Date.now();
    const holding = await coordination.holdLease(key, intervalMs * 1.5);
    if (this.#stopped) return;
    if (!holding) {
      this.#holding = false;
      this.#snapshot = undefined; // the holder's snapshot is the current one when this replica takes over
      this.#schedule(intervalMs / 2);
      return;
    }
    if (!this.#holding || !this.#snapshot) {
      this.#holding = true;
      const state = await coordination.loadSnapshot(key);
      this.#snapshot = new LiveSnapshot(this.#options.source.freshness, this.#options.lookbackMs, state);
    }
    if (Date.now() >= this.#nextPollAt) {
      await this.#poll(this.#snapshot);
      // A slow EM: renew now rather than at the next tick, so the lease does not lapse under a long poll.
      if (Date.now() - started > intervalMs / 2 && !this.#stopped)
        await coordination.holdLease(key, intervalMs * 1.5);
    }
    // Fixed rate: the lease is renewed every interval whatever a poll costs, well inside its 1.5 intervals.
    this.#schedule(Math.max(0, intervalMs - (Date.now() - started)));
  }

  async #poll(snapshot: LiveSnapshot): Promise<void> {
    const { site, source, filter, listener, intervalMs, coordination, key } = this.#options;
    const entity = source.typeName;
    const subscriber = this.#subscribers.values().next().value;
    if (!subscriber || this.#options.emUnavailable()) {
      listener.polled(site, entity, "skipped");
      return;
    }
    let rows: EntityRow[];
    try {
      rows = await this.#traced((span) =>
        pollLiveRows(subscriber.pollDeps(), source, filter, snapshot).then((changed) => {
          span?.setAttribute(ATTR.LIVE_CHANGED, changed.length);
          return changed;
        }),
      );
    } catch (error) {
      if (error instanceof EmUnauthorizedError || error instanceof EmForbiddenError) {
        // EM refuses this identity: polling again cannot help. Subscribers learn it (UNAUTHENTICATED or
        // FORBIDDEN), and the feed stops with the last of them.
        listener.polled(site, entity, "failed", error);
        for (const refused of [...this.#subscribers]) refused.fail(error);
        return;
      }
      this.#failures += 1;
      this.#nextPollAt = Date.now() + intervalMs * Math.min(2 ** (this.#failures - 1), MAX_BACKOFF_INTERVALS);
      listener.polled(site, entity, "failed", error);
      return;
    }
    this.#failures = 0;
    this.#nextPollAt = 0;
    listener.polled(site, entity, rows.length > 0 ? "changed" : "unchanged");
    if (this.#stopped) return;
    if (rows.length > 0) {
      this.#deliver(rows);
      await coordination.publish(key, rows);
    }
    // Long enough for a replica taking over within two intervals; short, so a feed restarted later
    // begins from a fresh baseline rather than replaying what changed while nobody listened.
    await coordination.saveSnapshot(key, snapshot.toState(), intervalMs * 3);
  }

  /**
   * Runs one poll in a trace of its own (a poll serves every subscriber, not one operation), linked to the
   * operations of the subscriptions it serves here.
   */
  #traced<T>(poll: (span: Span | undefined) => Promise<T>): Promise<T> {
    const { tracer, site, source } = this.#options;
    if (!tracer) return poll(undefined);
    const links = [...this.#subscribers].flatMap((subscriber) =>
      subscriber.spanContext ? [{ context: subscriber.spanContext }] : [],
    );
    return inSpan(
      tracer,
      `poll ${source.typeName}`,
      {
        root: true,
        links,
        attributes: { [ATTR.SITE]: site, [ATTR.LIVE_SUBSCRIBERS]: this.#subscribers.size },
      },
      poll,
    );
  }

  /** Hands rows to every subscriber, each version of a row once (a handover may bring one twice). */
  #deliver(rows: readonly EntityRow[]): void {
    let delivered = 0;
    for (const row of rows) {
      const fingerprint = fingerprintOf(row);
      if (this.#delivered.get(row.id) === fingerprint) continue;
      this.#delivered.delete(row.id);
      this.#delivered.set(row.id, fingerprint);
      if (this.#delivered.size > DELIVERED_MEMORY)
        this.#delivered.delete(this.#delivered.keys().next().value!);
      delivered += 1;
      for (const subscriber of this.#subscribers) subscriber.deliver(row);
    }
    if (delivered > 0)
      this.#options.listener.pushed(
        this.#options.site,
        this.#options.source.typeName,
        delivered,
        delivered * this.#subscribers.size,
      );
  }
}
