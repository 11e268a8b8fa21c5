import { Writable } from "node:stream";
import type { Tracer } from "@opentelemetry/api";
import { loadConfig, type GatewayConfig } from "../../src/config.js";
import { startGateway, type Gateway } from "../../src/gateway.js";
import { createLogger } from "../../src/logging/createLogger.js";
import { startSimulator, type Simulator, type SimulatorOptions } from "../../src/simulator/startSimulator.js";

/** A GraphQL response as the client sees it. */
export interface GraphQLResponse<TData = Record<string, any>> {
  readonly status: number;
  readonly headers: Headers;
  readonly data?: TData | null;
  readonly errors?: Array<{
    message: string;
    path?: (string | number)[];
    extensions?: { code?: string; argumentPath?: (string | number)[]; [key: string]: unknown };
  }>;
  readonly text: string;
}

/** The simulator and a gateway in front of it, both on loopback port 0, with the gateway's log captured. */
export interface Stack {
  readonly sim: Simulator;
  readonly gateway: Gateway;
  readonly config: GatewayConfig;
  /** Every log line the gateway wrote, raw JSON text. */
  readonly logs: string[];
  /** POSTs an operation to /graphql. */
  query<TData = Record<string, any>>(
    document: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<TData>>;
  /** Requests the simulator received, filtered by a path prefix (case-insensitive), e.g. "/query". */
  upstream(pathPrefix?: string): Simulator["requests"];
  close(): Promise<void>;
}

export interface StackOptions {
  readonly simulator?: SimulatorOptions;
  /**
   * Several running simulators as the gateway's sites (VEEAM_EM_SITES), in order; `sim` is the first.
   * Not closed by `close()`.
   */
  readonly sites?: ReadonlyArray<{ readonly name: string; readonly sim: Simulator }>;
  /** A running simulator to put this gateway in front of (several gateways on one EM); not closed by `close()`. */
  readonly sharedSimulator?: Simulator;
  /** Environment variables for `loadConfig`, on top of the simulator's URL and credentials. */
  readonly env?: Record<string, string>;
  /** Traces the gateway (see GatewayOptions.tracer). */
  readonly tracer?: Tracer;
}

/** Starts a simulator and a gateway; call `close()` in teardown. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const shared = options.sharedSimulator ?? options.sites?.[0]?.sim;
  const sim = shared ?? (await startSimulator({ port: 0, ...options.simulator }));
  const em = options.sites
    ? {
        VEEAM_EM_SITES: JSON.stringify(
          options.sites.map(({ name, sim: site }) => ({ name, url: site.url, ...site.credentials })),
        ),
      }
    : {
        VEEAM_EM_URL: sim.url,
        VEEAM_EM_USERNAME: sim.credentials.username,
        VEEAM_EM_PASSWORD: sim.credentials.password,
      };
  const config = loadConfig({
    ...em,
    PORT: "0",
    LOG_LEVEL: "info",
    ...options.env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  const gateway = await startGateway(config, {
    logger: createLogger(config.logLevel, sink),
    tracer: options.tracer,
  });
  return {
    sim,
    gateway,
    config,
    logs,
    async query(document, variables, headers) {
      const response = await fetch(gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query: document, variables }),
      });
      const text = await response.text();
      const body = text ? JSON.parse(text) : {};
      return {
        status: response.status,
        headers: response.headers,
        data: body.data,
        errors: body.errors,
        text,
      };
    },
    upstream(pathPrefix = "") {
      const prefix = pathPrefix.toLowerCase();
      return sim.requests.filter((request) =>
        request.path
          .toLowerCase()
          .replace(/^\/api/, "")
          .startsWith(prefix),
      );
    },
    async close() {
      await gateway.stop();
      if (!shared) await sim.close();
    },
  };
}
