import { createHash } from "node:crypto";
import type { SpanContext, Tracer } from "@opentelemetry/api";
import { GraphQLError } from "graphql";
import type { TranslatedFilter } from "../filters/index.js";
import type { EntityRow, EntitySource } from "../loaders/EntitySource.js";
import type { LiveCoordination } from "./LiveCoordination.js";
import { LiveFeed, type FeedSubscriber, type LiveFeedListener } from "./LiveFeed.js";
import { LiveQueue } from "./LiveQueue.js";
import type { PollDeps } from "./pollLiveRows.js";

/** The live feeds' settings; from the configuration (`LIVE_*`). */
export interface LiveSettings {
  readonly pollIntervalMs: number;
  /** Subscriptions on this replica at most, all connections together. */
  readonly maxSubscriptions: number;
  /**
   * Distinct feeds on this replica at most: each polls EM every interval, so this bounds what subscribers
   * with many different filters can ask of EM.
   */
  readonly maxFeeds: number;
  /** Events buffered for one subscriber that reads slower than its feed changes; then it is ended. */
  readonly queueCapacity: number;
}

/** A subscription refused or ended by a limit; the transports turn it into a GraphQL error. */
export class LiveLimitError extends Error {
  constructor(
    message: string,
    readonly limit: "LIVE_MAX_SUBSCRIPTIONS" | "LIVE_MAX_FEEDS",
  ) {
    super(message);
  }
}

/** One site's feed of a subscription, as the subscription resolver asks for it. */
export interface LiveRequest {
  /** The site (EM server) polled; its rows carry it (SITE). */
  readonly site: string;
  readonly source: EntitySource;
  /** The subscriber's filter, already translated for the site (and so already validated). */
  readonly filter: TranslatedFilter;
  /** The cache scope of the subscriber's identity: subscribers of different identities never share a feed. */
  readonly scope: string;
  /** How to reach the site's EM as this subscriber, for polls made while it is the feed's first subscriber. */
  readonly pollDeps: () => PollDeps;
  /** True while the site's circuit breaker is open: no poll could succeed, so none is made. */
  readonly emUnavailable: () => boolean;
  /** The subscription operation's span, which the feed's poll traces link to. */
  readonly spanContext?: SpanContext;
}

export interface LiveHubStats {
  readonly subscriptions: number;
  readonly feeds: number;
  /** Feeds whose lease this replica holds (they poll EM); the rest hear another replica's polls. */
  readonly polling: number;
}

/** New rows are asked for from this long before the newest creation time seen. */
const LOOKBACK_MS = 5 * 60_000;

/**
 * Every live feed of this replica, by key: one per (site, scope, entity, normalized filter), created by the
 * first subscription to it and stopped by the last one leaving; a subscription spanning several sites
 * listens to one feed per site. The key is a digest of those and of the gateway's entity shape version (replicas of two versions map rows differently), so neither a user name
 * nor a filter appears in the coordination store.
 */
export class LiveHub {
  readonly #settings: LiveSettings;
  readonly #coordination: LiveCoordination;
  readonly #shapeVersion: string;
  readonly #listener: LiveFeedListener;
  readonly #tracer: Tracer | undefined;
  readonly #feeds = new Map<string, LiveFeed>();
  readonly #queues = new Set<LiveQueue<EntityRow>>();
  #closed = false;

  constructor(options: {
    settings: LiveSettings;
    coordination: LiveCoordination;
    shapeVersion: string;
    listener: LiveFeedListener;
    /** Traces polls (see LiveFeed); absent when tracing is off. */
    tracer?: Tracer;
  }) {
    this.#settings = options.settings;
    this.#coordination = options.coordination;
    this.#shapeVersion = options.shapeVersion;
    this.#listener = options.listener;
    this.#tracer = options.tracer;
  }

  get coordination(): LiveCoordination["name"] {
    return this.#coordination.name;
  }

  /**
   * The rows of `requests`' feeds (one per site) that change from now on, as one async iterator that ends
   * when the consumer returns. Throws LiveLimitError when this replica already serves `maxSubscriptions`,
   * or when the feeds it would have to start pass `maxFeeds`.
   */
  subscribe(requests: readonly LiveRequest[]): AsyncIterableIterator<EntityRow> {
    if (this.#closed) throw new LiveLimitError("The gateway is shutting down", "LIVE_MAX_SUBSCRIPTIONS");
    if (this.#queues.size >= this.#settings.maxSubscriptions)
      throw new LiveLimitError(
        `This gateway serves ${this.#settings.maxSubscriptions} subscriptions already ` +
          "(LIVE_MAX_SUBSCRIPTIONS); try again later or another replica",
        "LIVE_MAX_SUBSCRIPTIONS",
      );
    const keyed = requests.map((request) => ({ request, key: this.#keyOf(request) }));
    const starting = new Set(keyed.map(({ key }) => key).filter((key) => !this.#feeds.has(key)));
    if (starting.size > 0 && this.#feeds.size + starting.size > this.#settings.maxFeeds)
      throw new LiveLimitError(
        `This gateway polls EM for ${this.#settings.maxFeeds} different filters already (LIVE_MAX_FEEDS): ` +
          "subscribe with a filter others use, or try again later",
        "LIVE_MAX_FEEDS",
      );
    const owners = keyed.map(({ request, key }) => {
      let feed = this.#feeds.get(key);
      if (!feed) {
        feed = new LiveFeed({
          key,
          site: request.site,
          source: request.source,
          filter: request.filter,
          intervalMs: this.#settings.pollIntervalMs,
          lookbackMs: LOOKBACK_MS,
          coordination: this.#coordination,
          emUnavailable: request.emUnavailable,
          listener: this.#listener,
          tracer: this.#tracer,
        });
        this.#feeds.set(key, feed);
      }
      return { key, feed, pollDeps: request.pollDeps, spanContext: request.spanContext };
    });
    const queue: LiveQueue<EntityRow> = new LiveQueue<EntityRow>({
      capacity: this.#settings.queueCapacity,
      overflow: () =>
        new GraphQLError(
          `The subscription fell ${this.#settings.queueCapacity} events behind and was ended; subscribe again`,
          { extensions: { code: "TOO_MANY_SUBSCRIPTIONS", limit: "LIVE_QUEUE" } },
        ),
      onEnd: () => {
        this.#queues.delete(queue);
        for (const { key, feed, subscriber } of subscribers) {
          if (feed.remove(subscriber) && this.#feeds.get(key) === feed) {
            this.#feeds.delete(key);
            void feed.stop();
          }
        }
      },
    });
    const subscribers = owners.map(({ key, feed, pollDeps, spanContext }) => {
      const subscriber: FeedSubscriber = {
        deliver: (row) => queue.push(row),
        fail: (error) => queue.end(error),
        pollDeps,
        spanContext,
      };
      feed.add(subscriber);
      return { key, feed, subscriber };
    });
    this.#queues.add(queue);
    return queue;
  }

  stats(): LiveHubStats {
    let polling = 0;
    for (const feed of this.#feeds.values()) if (feed.holding) polling += 1;
    return { subscriptions: this.#queues.size, feeds: this.#feeds.size, polling };
  }

  /** Ends every subscription (their transports then complete them) and stops every feed. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const queue of [...this.#queues]) queue.end();
    await Promise.all([...this.#feeds.values()].map((feed) => feed.stop()));
    this.#feeds.clear();
    await this.#coordination.close();
  }

  #keyOf(request: LiveRequest): string {
    const filter = request.filter.kind === "expression" ? request.filter.text : request.filter.kind;
    return createHash("sha256")
      .update(
        [this.#shapeVersion, request.site, request.scope, request.source.typeName, filter].join("\u0000"),
      )
      .digest("hex")
      .slice(0, 32);
  }
}
