import type { ApolloServerPlugin } from "@apollo/server";

/**
 * Apollo Server's drain hook: `apollo.stop()` runs `drain` first, while operations may still execute, and
 * only then refuses new ones. The gateway's drain closes the subscription transports and lets in-flight
 * HTTP operations finish (the pattern of Apollo's ApolloServerPluginDrainHttpServer, which knows neither
 * WebSockets nor SSE streams nor the gateway's shutdown bound).
 */
export function drainOnStopPlugin(drain: () => Promise<void>): ApolloServerPlugin {
  return {
    async serverWillStart() {
      return { drainServer: drain };
    },
  };
}
