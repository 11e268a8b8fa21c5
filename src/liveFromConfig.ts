import type { Tracer } from "@opentelemetry/api";
import type { Logger } from "pino";
import type { GatewayConfig } from "./config.js";
import { LocalCoordination, type LiveCoordination } from "./live/LiveCoordination.js";
import type { LiveFeedListener, PollOutcome } from "./live/LiveFeed.js";
import { LiveHub } from "./live/LiveHub.js";
import { RedisLiveCoordination } from "./live/RedisLiveCoordination.js";
import type { GatewayMetrics } from "./metrics/GatewayMetrics.js";
import { entityShapeVersion } from "./modules/shapeVersion.js";

/** Events one slow subscriber may fall behind before it is ended. */
const QUEUE_CAPACITY = 1000;
/** The lease and fan-out calls wait this long for Redis before the feed goes on alone. */
const REDIS_TIMEOUT_MS = 1000;

/**
 * The live feeds from the validated configuration: coordinated through Redis when `REDIS_URL` is set
 * (one poller per feed across replicas), else this replica's own. Poll failures are logged once per
 * outage, site and entity (warn), and their end once (info); every poll is counted.
 */
export function liveFromConfig(
  config: GatewayConfig,
  metrics: GatewayMetrics,
  logger: Logger,
  tracer?: Tracer,
): LiveHub {
  const coordination: LiveCoordination = config.redisUrl
    ? new RedisLiveCoordination(config.redisUrl, {
        prefix: config.redisKeyPrefix,
        timeoutMs: REDIS_TIMEOUT_MS,
        onOutage: ({ state, reason }) => {
          if (state === "down")
            logger.warn(
              { reason },
              "live feeds: Redis unavailable, each replica polls Enterprise Manager for its own subscribers",
            );
          else logger.info("live feeds: Redis available again, one replica polls per feed");
        },
      })
    : new LocalCoordination();
  const failing = new Set<string>();
  const listener: LiveFeedListener = {
    polled(site: string, entity: string, outcome: PollOutcome, error?: unknown) {
      metrics.liveListener.polled(site, entity, outcome);
      const key = `${site}\u0000${entity}`;
      if (outcome === "failed" && !failing.has(key)) {
        failing.add(key);
        logger.warn(
          { site, entity, err: error },
          "live feed poll failed: subscribers keep their last state, retrying",
        );
      } else if ((outcome === "changed" || outcome === "unchanged") && failing.delete(key)) {
        logger.info({ site, entity }, "live feed polls succeed again");
      }
    },
    pushed: metrics.liveListener.pushed,
  };
  return new LiveHub({
    settings: {
      pollIntervalMs: config.live.pollIntervalMs,
      maxSubscriptions: config.live.maxSubscriptions,
      maxFeeds: config.live.maxFeeds,
      queueCapacity: QUEUE_CAPACITY,
    },
    coordination,
    shapeVersion: entityShapeVersion(),
    listener,
    tracer,
  });
}
