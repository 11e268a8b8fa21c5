import "reflect-metadata";
import { ConfigError, loadConfig, SIMULATOR_SITE_NAMES, type GatewayConfig } from "./config.js";
import { DEFAULT_SITE } from "./ids/siteIds.js";
import { defaultSite } from "./siteSettings.js";
import { startGateway } from "./gateway.js";
import { createLogger } from "./logging/createLogger.js";
import { packageVersion } from "./packageVersion.js";
import { startTracing } from "./telemetry/startTracing.js";
import { clockFromEnv } from "./simulator/readSimulatorEnv.js";
import { startSimulator } from "./simulator/startSimulator.js";

/**
 * Process entry: configuration → (no EM configured) the embedded simulator → the gateway → signals.
 * Exits 1 with a message naming the variable on bad configuration.
 */
async function main(): Promise<void> {
  let config: GatewayConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  // The configured passwords (and their Basic tokens) are blanked wherever they might surface in a log line.
  const secrets = config.sites.flatMap((site) =>
    site.emUsername && site.emPassword
      ? [site.emPassword, Buffer.from(`${site.emUsername}:${site.emPassword}`, "utf8").toString("base64")]
      : [site.emPassword],
  );
  const logger = createLogger(config.logLevel, undefined, { secrets });

  const simulators: Array<Awaited<ReturnType<typeof startSimulator>>> = [];
  if (config.sites.length === 0) {
    // SIMULATOR_SPEED (and SIM_NOW) apply to the embedded simulators too: live progress within seconds.
    // SIMULATOR_SITES=2 serves two EMs with data of their own (seeds 1, 2, …): one graph over several sites.
    const clock = clockFromEnv(process.env);
    for (let index = 0; index < config.simulatorSites; index++)
      simulators.push(await startSimulator({ host: "127.0.0.1", port: 0, clock, seed: index + 1 }));
    config = {
      ...config,
      // The simulators accept their own demo users; passthrough still works with those.
      sites: simulators.map((simulator, index) =>
        defaultSite(config, simulator.url, simulator.credentials.username, simulator.credentials.password, {
          name: simulators.length === 1 ? DEFAULT_SITE : SIMULATOR_SITE_NAMES[index]!,
        }),
      ),
    };
    logger.info(
      {
        sites: config.sites.map((site) => ({ name: site.name, emUrl: site.emUrl })),
        username: simulators[0]!.credentials.username,
      },
      "No EM is configured (VEEAM_EM_URL, VEEAM_EM_SITES): serving the embedded Enterprise Manager simulator (demo data)",
    );
  }

  // OpenTelemetry, when an OTLP endpoint is configured (OTEL_* variables); started before anything is traced.
  const tracing = config.tracing
    ? startTracing({ defaultServiceName: config.tracing.defaultServiceName, version: packageVersion() })
    : undefined;
  const gateway = await startGateway(config, { logger, tracer: tracing?.tracer });
  logger.info(
    {
      url: gateway.url,
      sites: config.sites.map((site) => ({ name: site.name, emUrl: site.emUrl, authMode: site.authMode })),
      // Which cache, never its URL (a Redis URL may carry a password).
      cache: config.cache ? (config.cache.redisUrl ? "redis" : "memory") : "off",
      // Live feeds: one poller per feed across the replicas sharing Redis, or this replica's own.
      live: config.redisUrl ? "redis" : "local",
      tracing: tracing ? "otlp" : "off",
      livePollIntervalMs: config.live.pollIntervalMs,
    },
    `GraphQL gateway ready at ${gateway.url}`,
  );
  process.stdout.write(
    `\n  GraphQL gateway: ${gateway.url}  (open it in a browser for Apollo Sandbox)\n` +
      `  Subscriptions: ${gateway.url.replace(/^http/, "ws")} (graphql-ws), ${gateway.url}/stream (SSE)\n\n`,
  );

  // SIGTERM or SIGINT: stop accepting, drain within SHUTDOWN_TIMEOUT_MS, log EM out, exit 0. Repeated
  // signals are ignored (runners such as tsx may relay one twice). Whatever still hangs after the drain bound
  // plus FORCED_EXIT_GRACE_MS (a socket no one closes, a library that never settles), the process exits
  // anyway: an orchestrator's SIGKILL must never be the way this process ends.
  let stopping = false;
  const finish = (code: number): never => {
    logger.info(code === 0 ? {} : { forced: true }, "stopped");
    logger.flush();
    process.exit(code);
  };
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, shutdownTimeoutMs: config.shutdownTimeoutMs }, "shutting down");
    setTimeout(() => {
      logger.warn("shutdown did not complete in time: exiting anyway");
      finish(1);
    }, config.shutdownTimeoutMs + FORCED_EXIT_GRACE_MS).unref();
    void (async () => {
      await gateway.stop();
      await Promise.all(simulators.map((simulator) => simulator.close()));
      await tracing?.shutdown(); // the last spans go out before the process does
      finish(0);
    })();
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

/**
 * How long past SHUTDOWN_TIMEOUT_MS the process waits for an orderly stop before it exits regardless. The
 * gateway's own stop needs about 1.5 s past the drain bound at worst (cut operations, a bounded logout).
 */
const FORCED_EXIT_GRACE_MS = 1_900;

await main();
