import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import type { Span, Tracer } from "@opentelemetry/api";
import { execute, GraphQLError } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { ContextFactoryOptions } from "../context.js";
import { createContext, type GatewayContext } from "../context.js";
import { GatewayErrorCode } from "../errors/GatewayErrorCode.js";
import type { ClientAuthenticator } from "../http/ClientAuthenticator.js";
import { isAllowedOrigin } from "../http/isAllowedOrigin.js";
import { connectionHeaders, identify, type ConnectionIdentity } from "./connectionIdentity.js";
import { formatErrors, formatResult, type FormatError } from "./formatResult.js";
import { logOperation } from "./operationLog.js";
import { inSpanOf, operationSpan } from "./transportOperationSpan.js";
import { prepareOperation, type OperationChecks } from "./prepareOperation.js";

export interface WebSocketTransportOptions {
  readonly server: Server;
  readonly checks: OperationChecks;
  readonly contextOptions: ContextFactoryOptions;
  readonly formatError: FormatError;
  readonly clients: ClientAuthenticator;
  readonly passthrough: boolean;
  readonly corsOrigins: ReadonlySet<string>;
  readonly maxSubscriptionsPerConnection: number;
  readonly keepAliveMs: number;
  readonly maxMessageBytes: number;
  /** True once the gateway drains: new connections are refused with 503. */
  readonly draining: () => boolean;
  /** Traces each operation (a SERVER span continuing the upgrade request's `traceparent`); absent: off. */
  readonly tracer?: Tracer;
}

/** The WebSocket endpoint, for the gateway's stop and metrics. */
export interface WebSocketTransport {
  /** Open connections. */
  readonly connections: number;
  /** Closes every connection with 1001 (going away) and stops accepting new ones. */
  close(): Promise<void>;
}

/** At shutdown, how long completed subscriptions get to send their `complete` before sockets close. */
const COMPLETE_GRACE_MS = 1000;

/** The per-connection data graphql-ws keeps for us in `ctx.extra`. */
type ConnectionExtra = {
  identity?: ConnectionIdentity;
  /** Operations accepted and not completed yet (graphql-ws adds them later), each with its end's log line. */
  running?: Map<string, () => void>;
} & Record<PropertyKey, unknown>;

/**
 * GraphQL over WebSocket (graphql-ws, the `graphql-transport-ws` protocol) on `/graphql` (and `/`): the
 * upgrade shares the HTTP server's port and path; plain HTTP requests to `/graphql` still go to Apollo.
 *
 * - Authentication as over HTTP, with `connection_init`'s payload standing in for headers (see
 *   `connectionHeaders`); a refused connection is closed with 4403. Browsers' upgrades from a foreign origin
 *   are refused before the handshake (`isAllowedOrigin`).
 * - Every operation passes the same parse, validation and cost limits as over HTTP (`prepareOperation`),
 *   and at most LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION run at once on one connection.
 * - Keep-alive: a ping every LIVE_KEEPALIVE_MS; a connection that missed the previous pong is closed, and
 *   one that sends no `connection_init` within that time too.
 * - Errors go through the gateway's formatError, as over HTTP.
 */
export function webSocketTransport(options: WebSocketTransportOptions): WebSocketTransport {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? "/", "http://gateway.invalid").pathname;
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
    };
    if (path !== "/graphql" && path !== "/") return refuse("404 Not Found");
    if (options.draining()) return refuse("503 Service Unavailable");
    if (!isAllowedOrigin(request.headers, options.corsOrigins)) return refuse("403 Forbidden");
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit("connection", ws, request));
  };
  options.server.on("upgrade", onUpgrade);
  /** Each traced operation's span, by its context. */
  const spans = new WeakMap<GatewayContext, Span>();
  /** Operations running on all connections, and who waits for them to be none (the drain). */
  let running = 0;
  let idle: (() => void) | undefined;

  const server = useServer<Record<string, unknown> | undefined, ConnectionExtra>(
    {
      schema: options.checks.schema,
      connectionInitWaitTimeout: options.keepAliveMs,
      onConnect: async (ctx) => {
        const outcome = await identify(
          connectionHeaders(ctx.extra.request.headers, ctx.connectionParams ?? undefined),
          options.clients,
          options.passthrough,
        );
        if ("refused" in outcome) return false;
        ctx.extra.identity = outcome;
        return true;
      },
      onSubscribe: (ctx, id, payload) => {
        const ops = (ctx.extra.running ??= new Map<string, () => void>());
        if (ops.size >= options.maxSubscriptionsPerConnection)
          return [
            new GraphQLError(
              `This connection runs ${options.maxSubscriptionsPerConnection} operations already ` +
                "(LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION): complete one first or open another connection",
              {
                extensions: {
                  code: GatewayErrorCode.TOO_MANY_SUBSCRIPTIONS,
                  limit: "LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION",
                },
              },
            ),
          ];
        const prepared = prepareOperation(options.checks, payload);
        if (Array.isArray(prepared)) return prepared;
        const identity = ctx.extra.identity as ConnectionIdentity;
        const span = operationSpan(
          options.tracer,
          ctx.extra.request.headers,
          "websocket",
          prepared.document,
          payload.operationName,
        );
        const contextValue = createContext(options.contextOptions, {
          credentials: identity.credentials,
          client: identity.client,
          live: true,
          spanContext: span?.spanContext(),
        });
        const ended = logOperation(contextValue, "websocket", prepared.document, payload.operationName);
        ops.set(id, () => {
          ended();
          span?.end();
        });
        if (span) spans.set(contextValue, span);
        runningOperations(+1);
        return { ...prepared, contextValue };
      },
      onComplete: (ctx, id) => {
        const ended = ctx.extra.running?.get(id);
        if (!ended) return;
        ctx.extra.running!.delete(id);
        ended();
        runningOperations(-1);
      },
      // Queries over the socket run inside their operation's span, so their batches and EM calls join it.
      execute: (args) => inSpanOf(spans.get(args.contextValue as GatewayContext), () => execute(args)),
      onNext: (_ctx, _id, _payload, args, result) =>
        formatResult(result, options.formatError, args.contextValue),
      onError: (_ctx, _id, _payload, errors) => formatErrors(errors, options.formatError),
    },
    wss,
    options.keepAliveMs,
  );

  function runningOperations(delta: number): void {
    running += delta;
    if (running === 0) idle?.();
  }

  return {
    get connections() {
      return wss.clients.size;
    },
    async close() {
      options.server.off("upgrade", onUpgrade);
      // The live hub has ended every subscription; let their `complete` messages go out before the
      // sockets close, so clients see a completed subscription rather than a lost connection.
      if (running > 0) {
        const completed = new Promise<void>((resolve) => (idle = resolve));
        await Promise.race([completed, sleep(COMPLETE_GRACE_MS)]);
      }
      await server.dispose();
    },
  };
}
