import { createClient as createSseClient } from "graphql-sse";
import { createClient as createWsClient, type Client as WsClient } from "graphql-ws";
import WebSocket from "ws";

/** What a subscription received so far, whichever client made it. */
export interface Received<T = Record<string, any>> {
  readonly events: T[];
  readonly errors: unknown[];
  completed: boolean;
  /** Stops the subscription (the client sends `complete`). */
  stop(): void;
}

/** `http://…/graphql` → `ws://…/graphql`. */
export function wsUrlOf(httpUrl: string): string {
  return httpUrl.replace(/^http/, "ws");
}

/** A graphql-ws client (the library's own) on the gateway's WebSocket endpoint; `dispose()` in teardown. */
export function wsClient(
  httpUrl: string,
  connectionParams?: Record<string, unknown>,
  options: { onClosed?: (event: unknown) => void } = {},
): WsClient {
  return createWsClient({
    url: wsUrlOf(httpUrl),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
    on: options.onClosed ? { closed: options.onClosed } : undefined,
  });
}

/** Subscribes through a graphql-ws client and collects what arrives (`data` of each `next`). */
export function subscribeWs<T = Record<string, any>>(
  client: WsClient,
  query: string,
  variables?: Record<string, unknown>,
): Received<T> {
  const received: Received<T> = { events: [], errors: [], completed: false, stop: () => undefined };
  received.stop = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) received.errors.push(...result.errors);
        if (result.data) received.events.push(result.data as T);
      },
      error: (error) => received.errors.push(...(Array.isArray(error) ? error : [error])),
      complete: () => (received.completed = true),
    },
  );
  return received;
}

/** Subscribes through graphql-sse's client (distinct connections mode) on `/graphql/stream`. */
export function subscribeSse<T = Record<string, any>>(
  httpUrl: string,
  query: string,
  variables?: Record<string, unknown>,
  headers?: Record<string, string>,
): Received<T> & { dispose(): void } {
  const client = createSseClient({ url: `${httpUrl}/stream`, retryAttempts: 0, headers });
  const received: Received<T> = { events: [], errors: [], completed: false, stop: () => undefined };
  received.stop = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) received.errors.push(...result.errors);
        if (result.data) received.events.push(result.data as T);
      },
      error: (error) => received.errors.push(...(Array.isArray(error) ? error : [error])),
      complete: () => (received.completed = true),
    },
  );
  return Object.assign(received, { dispose: () => client.dispose() });
}
