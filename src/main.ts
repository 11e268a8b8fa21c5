import "reflect-metadata";
import { ConfigError, loadConfig, type GatewayConfig } from "./config.js";
import { startGateway } from "./gateway.js";
import { createLogger } from "./logging/createLogger.js";
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
  // The configured password (and its Basic token) is blanked wherever it might surface in a log line.
  const basicToken =
    config.emUsername && config.emPassword
      ? Buffer.from(`${config.emUsername}:${config.emPassword}`, "utf8").toString("base64")
      : undefined;
  const logger = createLogger(config.logLevel, undefined, { secrets: [config.emPassword, basicToken] });

  let simulator: Awaited<ReturnType<typeof startSimulator>> | undefined;
  if (!config.emUrl) {
    // SIMULATOR_SPEED (and SIM_NOW) apply to the embedded simulator too: live progress within seconds.
    simulator = await startSimulator({ host: "127.0.0.1", port: 0, clock: clockFromEnv(process.env) });
    config = {
      ...config,
      emUrl: simulator.url,
      emUsername: simulator.credentials.username,
      emPassword: simulator.credentials.password,
      // The simulator accepts its own demo users; passthrough still works with those.
    };
    logger.info(
      { simulatorUrl: simulator.url, username: simulator.credentials.username },
      "VEEAM_EM_URL is not set: serving the embedded Enterprise Manager simulator (demo data)",
    );
  }

  const gateway = await startGateway(config, { logger });
  logger.info(
    {
      url: gateway.url,
      emUrl: config.emUrl,
      authMode: config.authMode,
      // Which cache, never its URL (a Redis URL may carry a password).
      cache: config.cache ? (config.cache.redisUrl ? "redis" : "memory") : "off",
      // Live feeds: one poller per feed across the replicas sharing Redis, or this replica's own.
      live: config.redisUrl ? "redis" : "local",
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
      await simulator?.close();
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
