import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { EmClientStats } from "../upstream/EmClient.js";
import type { UpstreamCallEvent, UpstreamCallListener } from "../upstream/UpstreamCallEvent.js";
import { OperationNameLabels } from "./OperationNameLabels.js";

/** One finished GraphQL operation, as the metrics plugin reports it. */
export interface OperationObservation {
  /** `query`, `mutation`, `subscription`, or undefined when the document did not parse or resolve. */
  readonly type: string | undefined;
  /** The operation's name as the client gave it; bounded here before it becomes a label. */
  readonly name: string | null | undefined;
  readonly durationSeconds: number;
  /** The distinct `extensions.code`s of the errors in the response. */
  readonly errorCodes: readonly string[];
}

/** Options of GatewayMetrics. */
export interface GatewayMetricsOptions {
  /** Distinct operation names kept as labels; see OperationNameLabels. */
  readonly maxOperationNames: number;
  /** Read at scrape time for the pool, session and breaker gauges: each site's EM client. */
  readonly siteStats?: () => ReadonlyArray<{ readonly site: string; readonly stats: EmClientStats }>;
  /** Read at scrape time: HTTP requests being handled. */
  readonly inFlightRequests?: () => number;
  /** Read at scrape time: XML worker threads running and bodies waiting for one. */
  readonly xmlWorkerStats?: () => { readonly workers: number; readonly queued: number };
  /** Read at scrape time: subscriptions, live feeds (all, and those polling EM here), connections by transport. */
  readonly liveStats?: () => {
    readonly subscriptions: number;
    readonly feeds: number;
    readonly polling: number;
    readonly connections: { readonly websocket: number; readonly sse: number };
  };
}

/** Status of an upstream exchange as a bounded label. */
export type StatusClass = "2xx" | "3xx" | "4xx" | "5xx" | "network";

/** HTTP status → class; 0 (no response) is `network`. */
export function statusClassOf(status: number): StatusClass {
  if (status >= 200 && status < 300) return "2xx";
  if (status >= 300 && status < 400) return "3xx";
  if (status >= 400 && status < 500) return "4xx";
  if (status >= 500 && status < 600) return "5xx";
  return "network";
}

/** Error codes Apollo, graphql-js and the gateway emit; anything else is labelled "other". */
const KNOWN_ERROR_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/**
 * The gateway's Prometheus metrics, in a registry of their own (not prom-client's global one) so that
 * several gateways in one process (tests) do not collide. Process metrics (`process_*`, `nodejs_*`) are
 * collected into the same registry.
 *
 * Every label value is bounded: operation types are a closed set, operation names go through
 * OperationNameLabels, endpoints are EmClient's `UpstreamEndpoint`, statuses are classes, loader labels are
 * entity type names from the code, sites are the configured site names. No ids, paths or query strings are
 * ever labels.
 */
export class GatewayMetrics {
  /** The registry `/metrics` renders. */
  readonly registry = new Registry();
  readonly #names: OperationNameLabels;
  readonly #operations: Counter<"operation_type" | "operation_name">;
  readonly #operationDuration: Histogram<"operation_type" | "operation_name">;
  readonly #operationErrors: Counter<"operation_type" | "operation_name" | "code">;
  readonly #upstreamCalls: Counter<"site" | "endpoint" | "status_class">;
  readonly #upstreamDuration: Histogram<"site" | "endpoint" | "status_class">;
  readonly #logons: Counter<"site" | "result">;
  readonly #xmlDecode: Histogram<"where">;
  readonly #relogons: Counter<"site">;
  readonly #logonsThrottled: Counter<"site" | "scope">;
  readonly #batchSize: Histogram<"entity">;
  readonly #cacheHits: Counter<"entity">;
  readonly #cacheMisses: Counter<"entity">;
  readonly #cacheErrors: Counter<"entity">;
  readonly #cacheBytes: Counter<"entity">;
  readonly #livePolls: Counter<"site" | "entity" | "outcome">;
  readonly #liveEvents: Counter<"site" | "entity">;

  constructor(options: GatewayMetricsOptions) {
    const registers = [this.registry];
    this.#names = new OperationNameLabels(options.maxOperationNames);
    this.#operations = new Counter({
      name: "graphql_operations_total",
      help: "GraphQL operations answered, by operation type and (bounded) operation name.",
      labelNames: ["operation_type", "operation_name"],
      registers,
    });
    this.#operationDuration = new Histogram({
      name: "graphql_operation_duration_seconds",
      help: "Time from receiving a GraphQL operation to sending its response.",
      labelNames: ["operation_type", "operation_name"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.#operationErrors = new Counter({
      name: "graphql_operation_errors_total",
      help: "GraphQL operations whose response carried at least one error with this extensions.code.",
      labelNames: ["operation_type", "operation_name", "code"],
      registers,
    });
    this.#upstreamCalls = new Counter({
      name: "em_upstream_calls_total",
      help: "HTTP exchanges with Enterprise Manager (logons, logouts and retries included), by site.",
      labelNames: ["site", "endpoint", "status_class"],
      registers,
    });
    this.#upstreamDuration = new Histogram({
      name: "em_upstream_call_duration_seconds",
      help: "Duration of one HTTP exchange with Enterprise Manager, body included, by site.",
      labelNames: ["site", "endpoint", "status_class"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.#xmlDecode = new Histogram({
      name: "gateway_xml_decode_duration_seconds",
      help: "Time to parse and map one EM query page, by where it ran (inline on the event loop, or worker).",
      labelNames: ["where"],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.#logons = new Counter({
      name: "em_logons_total",
      help: "Logon attempts to Enterprise Manager (POST /sessionMngr), by site and result (success, refused, failed).",
      labelNames: ["site", "result"],
      registers,
    });
    this.#relogons = new Counter({
      name: "em_relogons_total",
      help: "Logons made because EM answered 401 to a session token (EM's idle expiry), counted per GraphQL request, by site.",
      labelNames: ["site"],
      registers,
    });
    this.#logonsThrottled = new Counter({
      name: "em_logons_throttled_total",
      help: "Passthrough logons refused without asking EM after too many failures, by site and limit (user, overall).",
      labelNames: ["site", "scope"],
      registers,
    });
    this.#batchSize = new Histogram({
      name: "graphql_loader_batch_size",
      help: "Keys per DataLoader batch, by loaded entity type (children: nested connections of that type).",
      labelNames: ["entity"],
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000],
      registers,
    });
    const cacheCounter = (name: string, help: string) =>
      new Counter({ name, help, labelNames: ["entity"] as const, registers });
    this.#cacheHits = cacheCounter(
      "gateway_cache_hits_total",
      "Rows (or child connections: <Type>.children) answered from the cross-request cache, by entity.",
    );
    this.#cacheMisses = cacheCounter(
      "gateway_cache_misses_total",
      "Cache lookups that found nothing usable and went to EM, by entity (an unreachable cache counts here too).",
    );
    this.#cacheErrors = cacheCounter(
      "gateway_cache_errors_total",
      "Cache reads or writes that failed, timed out or read back garbage, by entity; each was answered from EM.",
    );
    this.#cacheBytes = cacheCounter(
      "gateway_cache_written_bytes_total",
      "Serialized bytes written to the cache, by entity.",
    );
    const sites = options.siteStats;
    if (sites) {
      for (const [field, help] of [
        ["sessions", "EM logon sessions currently holding a token, by site."],
        ["connected", "Open sockets to EM, by site."],
        ["pending", "Requests waiting for a socket to EM, by site."],
        ["running", "Requests to EM on the wire, by site."],
      ] as const) {
        new Gauge({
          name: field === "sessions" ? "em_sessions" : `em_pool_${field}`,
          help,
          labelNames: ["site"],
          registers,
          collect() {
            for (const { site, stats } of sites()) this.set({ site }, stats[field]);
          },
        });
      }
      new Gauge({
        name: "em_circuit_breaker_state",
        help: "Each site's EM circuit breaker: 1 for the current state (closed, open, half_open), 0 for the others.",
        labelNames: ["site", "state"],
        registers,
        collect() {
          for (const { site, stats } of sites()) {
            const current = stats.breaker?.state;
            for (const state of ["closed", "open", "half-open"] as const) {
              this.set({ site, state: state.replace("-", "_") }, current === state ? 1 : 0);
            }
          }
        },
      });
    }
    const inFlight = options.inFlightRequests;
    if (inFlight) {
      new Gauge({
        name: "gateway_http_requests_in_flight",
        help: "HTTP requests the gateway is handling.",
        registers,
        collect() {
          this.set(inFlight());
        },
      });
    }
    const xmlWorkers = options.xmlWorkerStats;
    if (xmlWorkers) {
      new Gauge({
        name: "gateway_xml_workers",
        help: "XML worker threads running (started on first use).",
        registers,
        collect() {
          this.set(xmlWorkers().workers);
        },
      });
      new Gauge({
        name: "gateway_xml_worker_queue_length",
        help: "EM bodies waiting for an XML worker.",
        registers,
        collect() {
          this.set(xmlWorkers().queued);
        },
      });
    }
    this.#livePolls = new Counter({
      name: "gateway_live_polls_total",
      help:
        "Polls of EM by live feeds, by site, entity and outcome (changed, unchanged, failed; skipped while " +
        "the site's circuit breaker is open or the feed has no subscriber here).",
      labelNames: ["site", "entity", "outcome"],
      registers,
    });
    this.#liveEvents = new Counter({
      name: "gateway_live_events_total",
      help: "Events pushed to subscribers of this replica (one per changed row and subscriber), by site and entity.",
      labelNames: ["site", "entity"],
      registers,
    });
    const live = options.liveStats;
    if (live) {
      new Gauge({
        name: "gateway_live_subscriptions",
        help: "Active subscriptions on this replica.",
        registers,
        collect() {
          this.set(live().subscriptions);
        },
      });
      new Gauge({
        name: "gateway_live_feeds",
        help: "Live feeds (one per identity, entity and filter) on this replica; role=polling holds the lease and polls EM.",
        labelNames: ["role"],
        registers,
        collect() {
          const stats = live();
          this.set({ role: "polling" }, stats.polling);
          this.set({ role: "listening" }, stats.feeds - stats.polling);
        },
      });
      new Gauge({
        name: "gateway_live_connections",
        help: "Open subscription connections, by transport (websocket, sse).",
        labelNames: ["transport"],
        registers,
        collect() {
          const { connections } = live();
          this.set({ transport: "websocket" }, connections.websocket);
          this.set({ transport: "sse" }, connections.sse);
        },
      });
    }
    // Includes nodejs_eventloop_lag_seconds and its percentiles: what XML parsing off the loop protects.
    collectDefaultMetrics({ register: this.registry });
  }

  /** The XML decoder's listener: one parsed and mapped query page. */
  readonly observeDecode = (where: "inline" | "worker", seconds: number): void => {
    this.#xmlDecode.observe({ where }, seconds);
  };

  /** Records one answered GraphQL operation. */
  observeOperation(observation: OperationObservation): void {
    const labels = {
      operation_type: operationTypeLabel(observation.type),
      operation_name: this.#names.labelFor(observation.name),
    };
    this.#operations.inc(labels);
    this.#operationDuration.observe(labels, observation.durationSeconds);
    for (const code of new Set(observation.errorCodes)) {
      this.#operationErrors.inc({ ...labels, code: KNOWN_ERROR_CODE.test(code) ? code : "other" });
    }
  }

  /** The client-wide `EmClientOptions.onCall` listener of `site`'s client: exchange counts, durations, logons. */
  upstreamListener(site: string): UpstreamCallListener {
    return (event: UpstreamCallEvent) => {
      const labels = { site, endpoint: event.endpoint, status_class: statusClassOf(event.status) };
      this.#upstreamCalls.inc(labels);
      this.#upstreamDuration.observe(labels, event.durationMs / 1000);
      if (event.endpoint === "logon") {
        const result =
          event.status >= 200 && event.status < 300 ? "success" : event.status === 401 ? "refused" : "failed";
        this.#logons.inc({ site, result });
      }
    };
  }

  /** The `onLogonThrottled` listener of `site`'s client. */
  logonThrottledListener(site: string): (scope: "user" | "overall") => void {
    return (scope) => this.#logonsThrottled.inc({ site, scope });
  }

  /**
   * A listener for the exchanges of one GraphQL request with `site` (`CallOptions.onCall`) that counts
   * re-logons: a logon that follows a 401 to a session token within the same request. EmClient reports a
   * logon to the call that started it, so concurrent expiries shared by many requests count once.
   */
  relogonListener(site: string): UpstreamCallListener {
    let expired = false;
    return (event) => {
      if (event.endpoint === "logon") {
        if (expired) this.#relogons.inc({ site });
        expired = false;
      } else if (event.status === 401) {
        expired = true;
      }
    };
  }

  /** Records one DataLoader batch of `size` keys for `entity` (a GraphQL type name). */
  observeBatch(entity: string, size: number): void {
    this.#batchSize.observe({ entity }, size);
  }

  /** The cache's listener (SharedCache): hits, misses, errors and bytes written, by entity. */
  readonly cacheListener = {
    hit: (entity: string, count: number) => this.#cacheHits.inc({ entity }, count),
    miss: (entity: string, count: number) => this.#cacheMisses.inc({ entity }, count),
    error: (entity: string) => this.#cacheErrors.inc({ entity }),
    written: (entity: string, bytes: number) => this.#cacheBytes.inc({ entity }, bytes),
  };

  /** The live feeds' listener (LiveFeedListener): polls by outcome, events pushed. */
  readonly liveListener = {
    polled: (site: string, entity: string, outcome: "changed" | "unchanged" | "failed" | "skipped") =>
      this.#livePolls.inc({ site, entity, outcome }),
    pushed: (site: string, entity: string, _rows: number, events: number) =>
      this.#liveEvents.inc({ site, entity }, events),
  };

  /** The Prometheus text exposition of every metric. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

function operationTypeLabel(type: string | undefined): string {
  return type === "query" || type === "mutation" || type === "subscription" ? type : "unknown";
}
