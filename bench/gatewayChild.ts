import "reflect-metadata";
import pino from "pino";
import { loadConfig } from "../src/config.js";
import { startGateway } from "../src/gateway.js";

/**
 * The gateway alone in a child process, for the load run: its RSS is then the gateway's own, not the
 * simulator's or autocannon's. Started by `startGatewayChild` with the EM URL and credentials in the
 * environment; answers over IPC: `{ url }` when listening, `{ rss }` on "rss", and `{ maxRssBytes }` on
 * "stop" (then exits).
 */
const config = loadConfig({
  VEEAM_EM_URL: process.env["BENCH_EM_URL"],
  VEEAM_EM_USERNAME: process.env["BENCH_EM_USERNAME"],
  VEEAM_EM_PASSWORD: process.env["BENCH_EM_PASSWORD"],
  PORT: "0",
  LOG_LEVEL: "silent",
  // The load run compares the gateway's own work with a script's: every operation reads EM.
  CACHE: "off",
});
const gateway = await startGateway(config, { logger: pino({ level: "silent" }) });
process.send?.({ url: gateway.url });
process.on("message", (message) => {
  if (message === "rss") process.send?.({ rss: process.memoryUsage().rss });
  if (message === "stop") {
    void gateway.stop().then(() => {
      // resourceUsage().maxRSS is in kilobytes: the peak over the child's whole life.
      process.send?.({ maxRssBytes: process.resourceUsage().maxRSS * 1024 }, () => process.exit(0));
    });
  }
});
