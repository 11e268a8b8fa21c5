import type { Tracer } from "@opentelemetry/api";
import type { Logger } from "pino";
import type { SiteConfig } from "../config.js";
import { emClientFromConfig } from "../emClientFromConfig.js";
import type { SiteCallStats, SiteStatusSource } from "../graphql/sites/SiteStatusSource.js";
import { entryPointProbe } from "../health/entryPointProbe.js";
import { ReadinessProbe, type ReadinessReport } from "../health/ReadinessProbe.js";
import { siteStampingDecoder } from "../loaders/siteStampingDecoder.js";
import type { GatewayMetrics } from "../metrics/GatewayMetrics.js";
import { BACKUP_SERVER } from "../modules/backup-server/backup-server.entity.js";
import type { EmClient } from "../upstream/EmClient.js";
import type { QueryPageDecoder } from "../upstream/QueryPageDecoder.js";

/** What every site of a gateway shares: the logger, the XML decoder, the metrics, the readiness settings. */
export interface GatewaySiteOptions {
  readonly logger: Logger;
  readonly decoder: QueryPageDecoder;
  readonly metrics: GatewayMetrics;
  readonly readinessCacheMs: number;
  readonly readinessTimeoutMs: number;
  /** Traces the site's EM calls, logons and parses; absent when tracing is off. */
  readonly tracer?: Tracer;
}

/**
 * One Enterprise Manager of the gateway, for the life of the process: its own EM client (logon session,
 * pool, circuit breaker, concurrency cap, retry budget), its readiness check, its anonymous entry point
 * (which says EM's API version) and its last exchange. Its log lines carry `site`, its metrics the label
 * `site`, its rows the SITE stamp and its errors `site`, so one site's trouble is told apart from another's
 * everywhere, and one slow or broken site holds up no other beyond its own timeouts.
 */
export class GatewaySite implements SiteStatusSource {
  readonly name: string;
  readonly config: SiteConfig;
  readonly em: EmClient;
  readonly #entryPoint: ReturnType<typeof entryPointProbe>;
  readonly #readiness: ReadinessProbe;
  readonly #timeoutMs: number;
  #apiVersion: string | null = null;
  #reading: Promise<string | null> | undefined;
  #lastCall: SiteCallStats["lastCall"];

  constructor(config: SiteConfig, options: GatewaySiteOptions) {
    this.name = config.name;
    this.config = config;
    this.#timeoutMs = options.readinessTimeoutMs;
    const logger = options.logger.child({ site: config.name });
    const countCall = options.metrics.upstreamListener(config.name);
    this.em = emClientFromConfig(config, {
      logger,
      decoder: siteStampingDecoder(options.decoder, config.name),
      onCall: (event) => {
        this.#lastCall = {
          at: new Date(),
          durationMs: event.durationMs,
          ok: event.status > 0 && event.status < 500,
        };
        countCall(event);
      },
      onLogonThrottled: options.metrics.logonThrottledListener(config.name),
      tracer: options.tracer,
    });
    this.#entryPoint = entryPointProbe({
      baseUrl: config.emUrl,
      caFile: config.emCaFile,
      tlsInsecure: config.emTlsInsecure,
      connectTimeoutMs: config.emConnectTimeoutMs,
    });
    // Passthrough mode has no account of its own to log on with: readiness is EM's anonymous entry point.
    const passthrough = config.authMode === "passthrough";
    this.#readiness = new ReadinessProbe({
      check: passthrough ? "em-entry-point" : "em-session",
      probe: passthrough
        ? async (signal) => this.#remember(await this.#entryPoint.probe(signal))
        : async (signal) => {
            // The cheapest authenticated request: one reference. It logs on first when there is no session.
            await this.em.query(
              { type: BACKUP_SERVER.query.queryType, format: "References", pageSize: 1, page: 1 },
              { signal, onCall: options.metrics.relogonListener(config.name) },
            );
          },
      cacheMs: options.readinessCacheMs,
      timeoutMs: options.readinessTimeoutMs,
    });
  }

  health(): Promise<ReadinessReport> {
    return this.#readiness.report();
  }

  /** Read from the anonymous entry point once it answers, then kept; one read in flight at a time. */
  async apiVersion(): Promise<string | null> {
    if (this.#apiVersion !== null) return this.#apiVersion;
    this.#reading ??= this.#entryPoint
      .probe(AbortSignal.timeout(this.#timeoutMs))
      .then((answer) => this.#remember(answer))
      .catch(() => null) // not known yet; asked again next time
      .finally(() => (this.#reading = undefined));
    return this.#reading;
  }

  stats(): SiteCallStats {
    return { breaker: this.em.stats().breaker.state, lastCall: this.#lastCall };
  }

  /** Logs the site's EM sessions out and closes its pool and entry-point agent, within `timeoutMs`. */
  async close(timeoutMs: number): Promise<void> {
    await Promise.all([this.em.close({ timeoutMs }), this.#entryPoint.close()]);
  }

  #remember(answer: { apiVersion: string | null }): string | null {
    if (answer.apiVersion !== null) this.#apiVersion = answer.apiVersion;
    return answer.apiVersion;
  }
}
