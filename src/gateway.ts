import { setMaxListeners } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { finished } from "node:stream/promises";
import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import type { Tracer } from "@opentelemetry/api";
import type { Logger } from "pino";
import type { GatewayConfig } from "./config.js";
import { cacheFromConfig } from "./cacheFromConfig.js";
import { liveFromConfig } from "./liveFromConfig.js";
import { scopeFromConfig } from "./scopeFromConfig.js";
import { drainOnStopPlugin } from "./plugins/drainOnStop.js";
import { sseTransport, type SseTransport } from "./subscriptions/sseTransport.js";
import { webSocketTransport, type WebSocketTransport } from "./subscriptions/webSocketTransport.js";
import { identify } from "./subscriptions/connectionIdentity.js";
import { isAllowedOrigin } from "./http/isAllowedOrigin.js";
import { createContext, type ContextFactoryOptions, type GatewayContext } from "./context.js";
import { siteFailuresPlugin } from "./plugins/siteFailures.js";
import { tracingPlugin } from "./plugins/tracing.js";
import { inOperationSpan } from "./telemetry/operationSpan.js";
import { GatewaySite } from "./sites/GatewaySite.js";
import { emClientFromConfig } from "./emClientFromConfig.js";
import { createFormatError } from "./errors/formatError.js";
import { readExampleOperations } from "./explorer/exampleOperations.js";
import { createGraphiqlPage } from "./explorer/graphiqlPage.js";
import { landingPagePlugin } from "./explorer/landingPagePlugin.js";
import { basicCredentials } from "./http/basicCredentials.js";
import {
  bearerToken,
  ClientAuthenticator,
  matchesSecret,
  type ClientIdentity,
} from "./http/ClientAuthenticator.js";
import { exposureWarning } from "./http/exposureWarning.js";
import { handleCors } from "./http/cors.js";
import { BodyTooLargeError, readBody } from "./http/readBody.js";
import { requestIdOf } from "./http/requestId.js";
import { sendJson } from "./http/sendJson.js";
import { settledWithin } from "./http/settledWithin.js";
import { toHttpGraphQLRequest } from "./http/toHttpGraphQLRequest.js";
import { operationLimitOptions } from "./limits/operationLimits.js";
import { createLogger } from "./logging/createLogger.js";
import { GatewayMetrics } from "./metrics/GatewayMetrics.js";
import { XmlWorkerDecoder } from "./xml-workers/XmlWorkerDecoder.js";
import { metricsPlugin } from "./plugins/metrics.js";
import { operationGuardsPlugin } from "./plugins/operationGuards.js";
import { requestLoggingPlugin } from "./plugins/requestLogging.js";
import { buildGatewaySchema } from "./schema.js";
import type { EmClient } from "./upstream/EmClient.js";
import { EmUnavailableError } from "./upstream/UpstreamError.js";

/** A running gateway. */
export interface Gateway {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  readonly url: string;
  /** The first site's EM client (the only one with the single-EM variables). */
  readonly em: EmClient;
  /** Every site: its EM client, health and status, in configuration order. */
  readonly sites: readonly GatewaySite[];
  /** This gateway's metrics (its own registry, rendered at `/metrics`). */
  readonly metrics: GatewayMetrics;
  /**
   * Stops accepting connections, lets in-flight requests finish for up to `config.shutdownTimeoutMs`, then
   * aborts their upstream calls (clients get UPSTREAM_UNAVAILABLE) and closes the remaining connections,
   * and finally logs the EM sessions out. Idempotent; never rejects.
   */
  stop(): Promise<void>;
}

/** Options that are not configuration: injected collaborators, mostly for tests. */
export interface GatewayOptions {
  /** Defaults to a pino logger at `config.logLevel` on stdout. */
  readonly logger?: Logger;
  /**
   * Traces operations, batches, EM calls, logons, parses and live polls (main.ts passes the one of
   * `startTracing` when `config.tracing` is on). Absent: nothing is traced.
   */
  readonly tracer?: Tracer;
}

/** Abort listeners on one request's signal before Node warns: the EM queue's length and then some. */
const MAX_SIGNAL_LISTENERS = 1000;
/** After the shutdown bound, how long cut operations get to write their error responses. */
const CUT_GRACE_MS = 500; // 0.5 s
/** Logouts and closing the EM pool at the end of a shutdown, together; sockets still busy are destroyed. */
const UPSTREAM_CLOSE_MS = 1_000; // 1 s

/**
 * Starts the gateway: builds the schema, connects the EM client (lazily: the first operation logs on),
 * and listens on `config.host:config.port` (port 0 picks a free one). Nothing listens at import time.
 *
 * Routes: `/graphql` (and `/`) GraphQL over HTTP via Apollo Server 5, with Apollo Sandbox for browsers;
 * `/graphiql` the self-hosted explorer; `/healthz` liveness (never touches EM); `/readyz` readiness (an
 * EM session can be had, cached); `/metrics` Prometheus text. Every response carries `x-request-id`.
 */
export async function startGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<Gateway> {
  const tracer = options.tracer;
  if (config.sites.length === 0)
    throw new Error("startGateway needs config.sites (main.ts starts the simulator when none is configured)");
  const logger =
    options.logger ??
    createLogger(config.logLevel, undefined, { secrets: config.sites.map((site) => site.emPassword) });
  const inFlight = new Set<Promise<void>>();
  const metrics: GatewayMetrics = new GatewayMetrics({
    maxOperationNames: config.metricsMaxOperationNames,
    siteStats: () => sites.map((site) => ({ site: site.name, stats: site.em.stats() })),
    inFlightRequests: () => inFlight.size,
    xmlWorkerStats: () => decoder.stats(),
    liveStats: () => ({
      ...live.stats(),
      connections: { websocket: webSockets?.connections ?? 0, sse: sse?.streams ?? 0 },
    }),
  });
  const decoder = new XmlWorkerDecoder({
    workers: config.xmlWorkers,
    heapMb: config.xmlWorkerHeapMb,
    inlineBelowBytes: config.xmlInlineBelowBytes,
    deadlineMs: config.xmlParseDeadlineMs,
    onDecoded: metrics.observeDecode,
  });
  // One EM client, session, breaker, concurrency cap and readiness check per site; nothing shared but the
  // XML workers, so one site's trouble stays its own.
  const sites = config.sites.map(
    (site) =>
      new GatewaySite(site, {
        logger,
        decoder,
        metrics,
        readinessCacheMs: config.readinessCacheMs,
        readinessTimeoutMs: config.readinessTimeoutMs,
        tracer,
      }),
  );
  const limits = {
    defaultPageSize: config.defaultPageSize,
    maxPageSize: config.maxPageSize,
    maxChildRows: config.maxChildRows,
    maxUrlLength: config.emMaxUrlLength,
  };
  const passthrough = config.sites.some((site) => site.authMode === "passthrough");
  const cache = cacheFromConfig(config, logger, metrics.cacheListener);
  const live = liveFromConfig(config, metrics, logger, tracer);
  let webSockets: WebSocketTransport | undefined;
  let sse: SseTransport | undefined;
  const scopeOf = scopeFromConfig(config);
  const contextOptions: ContextFactoryOptions = {
    sites: sites.map((site) => ({
      name: site.name,
      em: site.em,
      baseUrl: site.config.emUrl,
      limits: { ...limits, maxUrlLength: site.config.emMaxUrlLength },
      status: site,
      scopeOf: scopeOf(site.config),
    })),
    limits,
    logger,
    newCallListener: (site) => metrics.relogonListener(site),
    onBatch: (entity: string, keys: number) => metrics.observeBatch(entity, keys),
    cache,
    live,
    tracer,
  };

  const limitOptions = operationLimitOptions(config);
  const examples = config.explorer ? readExampleOperations() : [];
  const schema = await buildGatewaySchema();
  const formatError = createFormatError(logger, config.debugErrors);
  const apollo = new ApolloServer<GatewayContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: config.debugErrors,
    logger,
    introspection: config.introspection,
    hideSchemaDetailsFromClientErrors: !config.fieldSuggestions,
    // Stated although they are Apollo 5's defaults: batches multiply every per-operation limit, and
    // CSRF prevention refuses simple (non-preflighted) requests a foreign page could send.
    allowBatchedHttpRequests: false,
    // main.ts owns SIGINT/SIGTERM: Apollo's own handlers would stop it behind the gateway's back and re-raise
    // the signal, which left the process waiting forever for a second stop.
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    validationRules: limitOptions.validationRules,
    parseOptions: limitOptions.parseOptions,
    plugins: [
      // No cache hints are declared (session data changes by the minute), and the default cache-control
      // plugin would otherwise hook every field resolution of every response.
      ApolloServerPluginCacheControlDisabled(),
      ...(tracer ? [tracingPlugin()] : []),
      siteFailuresPlugin(formatError),
      requestLoggingPlugin(),
      metricsPlugin(metrics),
      operationGuardsPlugin({ maxCost: config.maxCost, defaultPageSize: config.defaultPageSize }),
      config.explorer
        ? landingPagePlugin({ examples, runTelemetry: config.sandboxTelemetry })
        : ApolloServerPluginLandingPageDisabled(),
      drainOnStopPlugin(() => drain()),
    ],
  });
  await apollo.start();
  const graphiql = config.explorer ? createGraphiqlPage(examples) : undefined;
  const clients = new ClientAuthenticator(config.clientAuth);
  const corsOrigins = new Set(config.corsOrigins);

  /** Per in-flight request: aborts its upstream calls. */
  const cancellers = new Set<AbortController>();
  let draining = false;
  const server = createServer((request, response) => {
    const canceller = new AbortController();
    // Every upstream call waiting on this request (a batch of nested lists may queue dozens for the EM
    // concurrency cap) listens on its signal and stops listening when done: many listeners, no leak. Node's
    // default warning at 11 would only be noise.
    setMaxListeners(MAX_SIGNAL_LISTENERS, canceller.signal);
    cancellers.add(canceller);
    // A client that hangs up no longer needs EM's answer; shared upstream requests go on for others.
    response.once("close", () => {
      if (!response.writableFinished) canceller.abort(cancelled("the client closed the connection"));
    });
    const work = handle(request, response, canceller.signal)
      .catch((error: unknown) => {
        logger.error({ err: error }, "request handling failed");
        if (!response.headersSent) response.writeHead(500, { "content-type": "application/json" });
        response.end(JSON.stringify({ errors: [{ message: "Internal server error" }] }));
      })
      // Done means flushed: shutdown closes sockets right after, and must not cut a queued answer.
      .then(() => finished(response))
      .catch(() => undefined);
    inFlight.add(work);
    void work.finally(() => {
      inFlight.delete(work);
      cancellers.delete(canceller);
    });
  });

  function cancelled(why: string): EmUnavailableError {
    return new EmUnavailableError({ method: "GET", url }, `Request cancelled: ${why}`);
  }

  async function handle(
    request: IncomingMessage,
    response: ServerResponse,
    signal: AbortSignal,
  ): Promise<void> {
    const url = new URL(request.url ?? "/", "http://gateway.invalid");
    const method = (request.method ?? "GET").toUpperCase();
    const requestId = requestIdOf(request.headers["x-request-id"]);
    response.setHeader("x-request-id", requestId);
    if (draining) response.setHeader("connection", "close");
    if (handleCors(request, response, corsOrigins)) return;

    if (url.pathname === "/healthz") {
      sendJson(response, 200, { status: "ok" });
      return;
    }
    if (url.pathname === "/readyz") {
      if (draining) {
        sendJson(response, 503, {
          status: "unavailable",
          reason: "the gateway is shutting down",
          code: "SHUTTING_DOWN",
        });
        return;
      }
      const reports = await Promise.all(sites.map((site) => site.health()));
      // Ready while any site answers: the others' data is then missing, with an error per site, and taking
      // every replica out of service because one EM is down would take all the sites' data away.
      const ready = reports.some((report) => report.ready);
      const perSite = sites.map((site, index) => ({
        name: site.name,
        ...reports[index]!,
        breaker: site.em.stats().breaker,
      }));
      // One site: its verdict is the gateway's, with the EM client's counters as before.
      const single = sites.length === 1 ? { ...reports[0]!, upstream: sites[0]!.em.stats() } : undefined;
      sendJson(response, ready ? 200 : 503, {
        status: ready ? "ready" : "unavailable",
        ...(single ?? { ready, ...(ready ? {} : { code: "NO_SITE_READY", reason: "no site's EM answers" }) }),
        // The circuit breaker, also inside `upstream`; surfaced because it explains most 503s.
        ...(single ? { breaker: single.upstream.breaker ?? null } : {}),
        sites: perSite,
      });
      return;
    }
    if (url.pathname === "/metrics") {
      if (
        config.metricsToken !== undefined &&
        !matchesSecret(bearerToken(request.headers.authorization), config.metricsToken)
      ) {
        sendUnauthenticated(response, "metrics", "/metrics requires `Authorization: Bearer <METRICS_TOKEN>`");
        return;
      }
      const { contentType, body } = await metrics.render();
      response.writeHead(200, { "content-type": contentType, "cache-control": "no-store" });
      response.end(body);
      return;
    }
    if (graphiql?.serve(url.pathname, method, response)) return;
    if (url.pathname === "/graphql/stream") {
      if (draining) {
        sendJson(response, 503, {
          errors: [{ message: "The gateway is shutting down", extensions: { code: "SHUTTING_DOWN" } }],
        });
        return;
      }
      // EventSource and simple POSTs from a foreign page are sent whatever CORS says: refuse them, as
      // WebSocket upgrades are (Apollo's CSRF prevention does the same for /graphql).
      if (!isAllowedOrigin(request.headers, corsOrigins)) {
        sendJson(response, 403, {
          errors: [
            {
              message: "Subscriptions from this page's origin are not allowed (see CORS_ORIGINS)",
              extensions: { code: "FORBIDDEN" },
            },
          ],
        });
        return;
      }
      const identity = await identify(request.headers, clients, passthrough);
      if ("refused" in identity) {
        sendUnauthenticated(response, "veeam-em-graphql", identity.refused);
        return;
      }
      await sse!.handle(request, response, identity);
      return;
    }
    if (url.pathname !== "/graphql" && url.pathname !== "/") {
      sendJson(response, 404, { errors: [{ message: `No route for ${url.pathname}; use /graphql` }] });
      return;
    }
    if (draining) {
      sendJson(response, 503, {
        errors: [{ message: "The gateway is shutting down", extensions: { code: "SHUTTING_DOWN" } }],
      });
      return;
    }
    // The explorer's page itself holds nothing; the operations it sends are authenticated like any other.
    let client: ClientIdentity = { subject: "anonymous" };
    if (!(config.explorer && isLandingPageRequest(request, method, url))) {
      const outcome = await clients.authenticate(request.headers);
      if ("message" in outcome) {
        sendUnauthenticated(response, "veeam-em-graphql", outcome.message);
        return;
      }
      client = outcome;
    }
    let bodyText: string;
    try {
      bodyText = await readBody(request, config.maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      response.setHeader("connection", "close");
      sendJson(response, 413, {
        errors: [{ message: error.message, extensions: { code: "BAD_REQUEST", limit: "MAX_BODY_BYTES" } }],
      });
      return;
    }
    const httpGraphQLRequest = toHttpGraphQLRequest(request, url, bodyText);
    const credentials = passthrough ? basicCredentials(request.headers.authorization) : undefined;
    // One span per operation, continuing the client's `traceparent`; its batches and EM calls descend from it.
    const result = await inOperationSpan(
      tracer,
      request.headers,
      { "http.request.method": method, "url.path": url.pathname, "http.route": "/graphql" },
      async (span) => {
        const answer = await apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest,
          context: async () =>
            createContext(contextOptions, { requestId, credentials, signal, client: client.subject }),
        });
        span?.setAttribute("http.response.status_code", answer.status ?? 200);
        return answer;
      },
    );
    for (const [name, value] of result.headers) response.setHeader(name, value);
    // Shutdown began while this operation ran: tell the client not to reuse the connection.
    if (draining) response.setHeader("connection", "close");
    response.statusCode = result.status ?? 200;
    if (result.body.kind === "complete") {
      response.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const checks = {
    schema,
    validationRules: limitOptions.validationRules,
    parseOptions: limitOptions.parseOptions,
    guards: { maxCost: config.maxCost, defaultPageSize: config.defaultPageSize },
  };
  webSockets = webSocketTransport({
    server,
    checks,
    contextOptions,
    formatError,
    clients,
    passthrough,
    corsOrigins,
    maxSubscriptionsPerConnection: config.live.maxSubscriptionsPerConnection,
    keepAliveMs: config.live.keepAliveMs,
    maxMessageBytes: config.maxBodyBytes,
    draining: () => draining,
    tracer,
  });
  sse = sseTransport({
    checks,
    contextOptions,
    formatError,
    maxSubscriptionsPerConnection: config.live.maxSubscriptionsPerConnection,
    maxBodyBytes: config.maxBodyBytes,
    tracer,
  });
  const address = server.address() as AddressInfo;
  const exposed = exposureWarning(config, address.address, address.port);
  if (exposed) logger.warn({ host: address.address, port: address.port }, exposed);
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}/graphql`;

  /**
   * Apollo's drain phase (drainOnStopPlugin): subscriptions end first (each is completed, then WebSockets
   * are closed with 1001 and SSE streams ended, so clients reconnect to another replica), then in-flight
   * HTTP operations get `config.shutdownTimeoutMs` before their upstream calls are aborted.
   */
  async function drain(): Promise<void> {
    draining = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await live.close();
    await webSockets?.close();
    sse?.close();
    if (!(await settledWithin(inFlight, config.shutdownTimeoutMs))) {
      logger.warn(
        { inFlight: inFlight.size, shutdownTimeoutMs: config.shutdownTimeoutMs },
        "shutdown bound reached: cancelling in-flight requests",
      );
      for (const canceller of cancellers) canceller.abort(cancelled("the gateway is shutting down"));
      await settledWithin(inFlight, CUT_GRACE_MS);
    }
    server.closeAllConnections();
    await closed;
  }

  let stopping: Promise<void> | undefined;
  return {
    url,
    em: sites[0]!.em,
    sites,
    metrics,
    stop() {
      stopping ??= (async () => {
        draining = true;
        await apollo
          .stop()
          .catch((error: unknown) => logger.warn({ err: error }, "Apollo Server stop failed"));
        await Promise.all(sites.map((site) => site.close(UPSTREAM_CLOSE_MS)));
        await decoder.close();
        await cache?.store.close();
      })();
      return stopping;
    },
  };
}

/** HTTP 401 with a Bearer challenge for `realm` and one `UNAUTHENTICATED` GraphQL error. */
function sendUnauthenticated(response: ServerResponse, realm: string, message: string): void {
  response.setHeader("www-authenticate", `Bearer realm="${realm}"`);
  sendJson(response, 401, { errors: [{ message, extensions: { code: "UNAUTHENTICATED" } }] });
}

/** A browser asking for the explorer at `/graphql`: a GET for HTML without an operation in the query string. */
function isLandingPageRequest(request: IncomingMessage, method: string, url: URL): boolean {
  const accept = request.headers.accept ?? "";
  return method === "GET" && !url.searchParams.has("query") && /\btext\/html\b/.test(accept);
}
