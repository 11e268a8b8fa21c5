import type { IncomingMessage, ServerResponse } from "node:http";
import type { Span, Tracer } from "@opentelemetry/api";
import { execute, GraphQLError, type ExecutionResult } from "graphql";
import { createHandler, type Request as SseRequest } from "graphql-sse";
import type { ContextFactoryOptions } from "../context.js";
import { createContext, type GatewayContext } from "../context.js";
import { GatewayErrorCode } from "../errors/GatewayErrorCode.js";
import { BodyTooLargeError, readBody } from "../http/readBody.js";
import type { ConnectionIdentity } from "./connectionIdentity.js";
import { formatResult, type FormatError } from "./formatResult.js";
import { logOperation } from "./operationLog.js";
import { inSpanOf, operationSpan } from "./transportOperationSpan.js";
import { prepareOperation, type OperationChecks } from "./prepareOperation.js";

export interface SseTransportOptions {
  readonly checks: OperationChecks;
  readonly contextOptions: ContextFactoryOptions;
  readonly formatError: FormatError;
  readonly maxSubscriptionsPerConnection: number;
  readonly maxBodyBytes: number;
  /** Traces each operation (a SERVER span continuing the request's `traceparent`); absent: off. */
  readonly tracer?: Tracer;
}

/** The SSE endpoint: serves one request, and closes what is open at shutdown. */
export interface SseTransport {
  /** Answers one request to `/graphql/stream` from an authenticated client. */
  handle(request: IncomingMessage, response: ServerResponse, identity: ConnectionIdentity): Promise<void>;
  /** Open event streams. */
  readonly streams: number;
  /** Ends every open event stream (their subscriptions are completed by the live hub first). */
  close(): void;
}

/** What graphql-sse passes through to our hooks for one request. */
interface SseContext {
  readonly response: ServerResponse;
  readonly identity: ConnectionIdentity;
}

const TOKEN_HEADER = "x-graphql-event-stream-token";

/**
 * GraphQL over Server-Sent Events (graphql-sse) on `/graphql/stream`, for clients behind proxies that drop
 * WebSockets: both of its modes, distinct connections (one `POST` with `Accept: text/event-stream` per
 * operation, what `curl -N` does) and a single connection (a `PUT` reservation, then operations on its
 * token). Authenticated by the gateway as any HTTP request, before this handler runs; operations pass the
 * same limits as over HTTP (`prepareOperation`), at most LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION per
 * reservation. The body is read with the MAX_BODY_BYTES cap (graphql-sse's own Node adapter has none).
 * graphql-sse sends a keep-alive comment every 12 s.
 */
export function sseTransport(options: SseTransportOptions): SseTransport {
  const perToken = new Map<string, number>();
  /** The end's log line of each operation, by the request that carried it. */
  const ended = new WeakMap<object, () => void>();
  /** Each traced operation's span, by its context. */
  const spans = new WeakMap<GatewayContext, Span>();
  /** Each operation's context, for the site failures its results carry (see formatResult). */
  const contexts = new WeakMap<object, GatewayContext>();
  const open = new Set<ServerResponse>();
  const tokenOf = (request: SseRequest<IncomingMessage, SseContext>) =>
    request.headers.get(TOKEN_HEADER) ??
    new URL(request.url, "http://gateway.invalid").searchParams.get("token") ??
    undefined;
  const handler = createHandler<IncomingMessage, SseContext, Record<PropertyKey, unknown>>({
    schema: options.checks.schema,
    onSubscribe: (request, params) => {
      const token = tokenOf(request);
      if (token !== undefined) {
        const running = perToken.get(token) ?? 0;
        if (running >= options.maxSubscriptionsPerConnection)
          return formatted({
            errors: [
              new GraphQLError(
                `This stream runs ${options.maxSubscriptionsPerConnection} operations already ` +
                  "(LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION)",
                {
                  extensions: {
                    code: GatewayErrorCode.TOO_MANY_SUBSCRIPTIONS,
                    limit: "LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION",
                  },
                },
              ),
            ],
          });
        perToken.set(token, running + 1);
      }
      const prepared = prepareOperation(options.checks, params);
      if (Array.isArray(prepared)) {
        if (token !== undefined) release(token);
        return formatted({ errors: prepared });
      }
      const { identity } = request.context;
      const span = operationSpan(
        options.tracer,
        request.raw.headers,
        "sse",
        prepared.document,
        params.operationName,
      );
      const contextValue = createContext(options.contextOptions, {
        credentials: identity.credentials,
        client: identity.client,
        live: true,
        spanContext: span?.spanContext(),
      });
      const logged = logOperation(contextValue, "sse", prepared.document, params.operationName);
      ended.set(request, () => {
        logged();
        span?.end();
      });
      contexts.set(request, contextValue);
      if (span) spans.set(contextValue, span);
      // graphql-sse types its context as a plain record; ours is the gateway's.
      return { ...prepared, contextValue: contextValue as unknown as Record<PropertyKey, unknown> };
    },
    // Queries on the stream run inside their operation's span, so their batches and EM calls join it.
    execute: (args) =>
      inSpanOf(spans.get(args.contextValue as unknown as GatewayContext), () => execute(args)),
    onNext: (_ctx, request, result) => formatted(result as ExecutionResult, contexts.get(request)),
    onComplete: (_ctx, request) => {
      const token = tokenOf(request);
      if (token !== undefined) release(token);
      ended.get(request)?.();
      ended.delete(request);
      contexts.delete(request);
    },
  });
  // graphql-sse serializes what it is given with JSON.stringify; its types want GraphQLErrors, which our
  // formatted errors replace (as graphql-ws' onNext allows).
  const formatted = (result: ExecutionResult, context?: GatewayContext) =>
    formatResult(result, options.formatError, context) as unknown as ExecutionResult;
  const release = (token: string) => {
    const running = (perToken.get(token) ?? 1) - 1;
    if (running <= 0) perToken.delete(token);
    else perToken.set(token, running);
  };

  return {
    get streams() {
      return open.size;
    },
    async handle(request, response, identity) {
      let tooLarge: BodyTooLargeError | undefined;
      const [body, init] = await handler({
        method: request.method ?? "GET",
        url: request.url ?? "/",
        headers: {
          get(key) {
            const header = request.headers[key.toLowerCase()];
            return Array.isArray(header) ? header.join("\n") : header;
          },
        },
        body: async () => {
          try {
            return await readBody(request, options.maxBodyBytes);
          } catch (error) {
            if (error instanceof BodyTooLargeError) tooLarge = error;
            throw error;
          }
        },
        raw: request,
        context: { response, identity },
      });
      if (tooLarge) {
        response.writeHead(413, { "content-type": "application/json; charset=utf-8", connection: "close" });
        response.end(
          JSON.stringify({
            errors: [
              { message: tooLarge.message, extensions: { code: "BAD_REQUEST", limit: "MAX_BODY_BYTES" } },
            ],
          }),
        );
        return;
      }
      response.writeHead(init.status, init.statusText, init.headers);
      if (!body || typeof body === "string") {
        response.end(body ?? undefined);
        return;
      }
      open.add(response);
      response.once("close", () => void body.return(undefined));
      try {
        for await (const chunk of body) {
          if (!response.writable) break;
          response.write(chunk);
        }
      } finally {
        open.delete(response);
        response.end();
      }
    },
    close() {
      for (const response of open) response.end();
    },
  };
}
