import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, HeaderMap, type HTTPGraphQLRequest } from "@apollo/server";
import type { Logger } from "pino";
import type { GatewayConfig } from "./config.js";
import { createContext, type GatewayContext } from "./context.js";
import { createFormatError } from "./errors/formatError.js";
import { basicCredentials } from "./http/basicCredentials.js";
import { BodyTooLargeError, readBody } from "./http/readBody.js";
import { createLogger } from "./logger.js";
import { requestLoggingPlugin } from "./plugins/requestLogging.js";
import { buildGatewaySchema } from "./schema.js";
import { EmClient } from "./upstream/EmClient.js";

/** A running gateway. */
export interface Gateway {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  readonly url: string;
  readonly em: EmClient;
  /** Stops accepting, lets in-flight operations finish, logs the EM sessions out. Idempotent. */
  stop(): Promise<void>;
}

/** Options that are not configuration: injected collaborators, mostly for tests. */
export interface GatewayOptions {
  /** Defaults to a pino logger at `config.logLevel` on stdout. */
  readonly logger?: Logger;
}

/** Largest accepted request body; GraphQL documents are small. */
const MAX_BODY_BYTES = 1024 * 1024;

/** `x-request-id` values we echo and log; anything else is replaced by a generated id. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Starts the gateway: builds the schema, connects the EM client (lazily: the first operation logs on),
 * and listens on `config.host:config.port` (port 0 picks a free one). Nothing listens at import time.
 */
export async function startGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<Gateway> {
  if (!config.emUrl)
    throw new Error("startGateway needs config.emUrl (main.ts starts the simulator when unset)");
  const logger = options.logger ?? createLogger(config.logLevel);
  const em = new EmClient({
    baseUrl: config.emUrl,
    auth:
      config.authMode === "passthrough"
        ? { mode: "passthrough" }
        : { mode: "service", username: config.emUsername ?? "", password: config.emPassword ?? "" },
    caFile: config.emCaFile,
    tlsInsecure: config.emTlsInsecure,
    connectTimeoutMs: config.emConnectTimeoutMs,
    headersTimeoutMs: config.emHeadersTimeoutMs,
    bodyTimeoutMs: config.emBodyTimeoutMs,
    maxConnections: config.emMaxConnections,
    retry: { maxRetries: config.emMaxRetries },
    logger,
  });
  const limits = {
    defaultPageSize: config.defaultPageSize,
    maxPageSize: config.maxPageSize,
    maxChildRows: config.maxChildRows,
    maxUrlLength: config.emMaxUrlLength,
  };

  const apollo = new ApolloServer<GatewayContext>({
    schema: await buildGatewaySchema(),
    formatError: createFormatError(logger, !config.production && process.env["NODE_ENV"] === "development"),
    includeStacktraceInErrorResponses: !config.production,
    logger,
    plugins: [requestLoggingPlugin()],
  });
  await apollo.start();

  const inFlight = new Set<Promise<void>>();
  const server = createServer((request, response) => {
    const work = handle(request, response).catch((error: unknown) => {
      logger.error({ err: error }, "request handling failed");
      if (!response.headersSent) response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ errors: [{ message: "Internal server error" }] }));
    });
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://gateway.invalid");
    const headerId = request.headers["x-request-id"];
    const requestId = typeof headerId === "string" && SANE_REQUEST_ID.test(headerId) ? headerId : undefined;
    if (url.pathname === "/healthz") {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ status: "ok" }));
      return;
    }
    if (url.pathname !== "/graphql" && url.pathname !== "/") {
      response.writeHead(404, { "content-type": "application/json" });
      response.end(JSON.stringify({ errors: [{ message: `No route for ${url.pathname}; use /graphql` }] }));
      return;
    }
    let bodyText: string;
    try {
      bodyText = await readBody(request, MAX_BODY_BYTES);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      response.writeHead(413, { "content-type": "application/json", connection: "close" });
      response.end(
        JSON.stringify({ errors: [{ message: error.message, extensions: { code: "BAD_REQUEST" } }] }),
      );
      return;
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: (request.method ?? "GET").toUpperCase(),
      headers,
      search: url.search,
      body: parseBody(bodyText, headers.get("content-type")),
    };
    const credentials =
      config.authMode === "passthrough" ? basicCredentials(request.headers.authorization) : undefined;
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: async () =>
        createContext({ em, baseUrl: config.emUrl!, limits, logger }, { requestId, credentials }),
    });
    for (const [name, value] of result.headers) response.setHeader(name, value);
    if (requestId) response.setHeader("x-request-id", requestId);
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
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}/graphql`;

  let stopping: Promise<void> | undefined;
  return {
    url,
    em,
    stop() {
      stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await Promise.allSettled([...inFlight]);
        server.closeAllConnections();
        await closed;
        await apollo.stop();
        await em.close();
      })();
      return stopping;
    },
  };
}

/** JSON bodies are parsed for Apollo; anything else is handed over as text for Apollo to reject. */
function parseBody(text: string, contentType: string | undefined): unknown {
  if (text === "") return undefined;
  if (contentType && /^application\/(graphql-response\+)?json/i.test(contentType)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}
