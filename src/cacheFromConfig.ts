import type { Logger } from "pino";
import type { CacheBackend } from "./cache/CacheBackend.js";
import { MemoryCacheBackend } from "./cache/MemoryCacheBackend.js";
import { RedisCacheBackend } from "./cache/RedisCacheBackend.js";
import { SharedCache, type CacheListener } from "./cache/SharedCache.js";
import type { GatewayConfig } from "./config.js";
import type { ContextFactoryOptions } from "./context.js";
import { entityShapeVersion } from "./modules/shapeVersion.js";

/**
 * The cross-request cache from the validated configuration: Redis when `REDIS_URL` is set, else the
 * in-process LRU; undefined when `CACHE=off`. Outages are logged once each (warn when the backend starts
 * failing, info when it answers again), never per request.
 */
export function cacheFromConfig(
  config: GatewayConfig,
  logger: Logger,
  listener: CacheListener,
): ContextFactoryOptions["cache"] | undefined {
  const settings = config.cache;
  if (!settings) return undefined;
  let backend: CacheBackend;
  if (settings.redisUrl) {
    backend = new RedisCacheBackend(settings.redisUrl, {
      timeoutMs: settings.timeoutMs,
      // Connection errors come as events, many per outage: the store's own outage tracking logs once.
      onConnectionError: () => undefined,
    });
  } else {
    backend = new MemoryCacheBackend(settings.maxBytes);
  }
  const store = new SharedCache(backend, {
    prefix: settings.keyPrefix,
    shapeVersion: entityShapeVersion(),
    timeoutMs: settings.timeoutMs,
    listener,
    onOutage: ({ state, backend: name, reason }) => {
      if (state === "down")
        logger.warn(
          { backend: name, reason },
          "cache unavailable: answering from Enterprise Manager until it is back",
        );
      else logger.info({ backend: name }, "cache available again");
    },
  });
  return {
    store,
    ttls: {
      finishedMs: settings.finishedTtlMs,
      resourceMs: settings.resourceTtlMs,
      liveMs: settings.liveTtlMs,
    },
  };
}
