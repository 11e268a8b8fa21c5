import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { performance } from "node:perf_hooks";
import { generateSeedData } from "./data/generateSeedData.js";
import {
  errorResponse,
  handleRequest,
  type SimResponse,
  type SimulatorUser,
  XML_CONTENT_TYPE,
} from "./http/handleRequest.js";
import { LogonSessionStore } from "./http/LogonSessionStore.js";
import { RenderCache } from "./xml/renderResource.js";
import { type LatencySetting, type SimulatorFault, SimulatorFaults } from "./SimulatorFaults.js";

export { SimulatorFaults };
export type {
  FaultMatch,
  FaultOptions,
  InjectedFault,
  LatencySetting,
  SimulatorFault,
} from "./SimulatorFaults.js";

/** Options of `startSimulator`. Every one has a default; see each field. */
export interface SimulatorOptions {
  /** Interface to listen on; default "127.0.0.1". */
  host?: string;
  /** Port; default 0 (any free port). */
  port?: number;
  /** Data seed; default 1. Data is a pure function of seed, scale and the clock at start. */
  seed?: number;
  /** Volume multiplier (jobs and policies; servers stay 4); default 1 ≈ 3,000 sessions and task sessions. */
  scale?: number;
  /** Users who may log on; default `[{ username: "demo", password: "demo" }]`. Role defaults to PortalAdministrator. */
  users?: Array<{
    username: string;
    password: string;
    role?: "PortalAdministrator" | "PortalUser" | "RestoreOperator";
  }>;
  /** "Now"; default `() => new Date()`. Data is generated relative to its value at start; the 30-day window of
   *  session collections is evaluated against it per request. */
  clock?: () => Date;
  /** Latency added before every response; default none. Changeable later through `faults.setLatency`. */
  latency?: LatencySetting;
  /** Idle timeout of logon sessions in ms; default 15 minutes (EM's). */
  sessionIdleTimeoutMs?: number;
}

/** One answered (or faulted) request. `status` is 0 when no status line was sent (reset, stalled headers). */
export interface SimulatorRequest {
  method: string;
  /** Raw path, e.g. `/api/query`. */
  path: string;
  /** Raw query string without `?`. */
  query: string;
  status: number;
  durationMs: number;
  /** Arrival time (wall clock). */
  at: Date;
  /** The W3C `traceparent` header the caller sent, if any (a client that continues its traces into EM). */
  traceparent?: string;
}

/** A running simulator. */
export interface Simulator {
  /** Base URL, `http://127.0.0.1:PORT/api` (no trailing slash). */
  readonly url: string;
  /** The first configured user. */
  readonly credentials: { username: string; password: string };
  /** Request log, oldest first (appended when a response is finished or a fault is applied). */
  readonly requests: SimulatorRequest[];
  clearRequests(): void;
  readonly faults: SimulatorFaults;
  /** Expires every logon session now: the next request with any existing token gets 401. */
  expireSessions(): void;
  /** Closes the server and destroys every socket, stalled ones included. Idempotent. */
  close(): Promise<void>;
}

const DEFAULT_IDLE_TIMEOUT_MS = 15 * 60 * 1000;
const MALFORMED_BODY =
  '<?xml version="1.0" encoding="utf-8"?>\n<QueryResult xmlns="http://www.veeam.com/ent/v1.0">\n' +
  '    <Refs>\n        <Ref UID="urn:veeam:Job:00000000-0000-0000-0000-000000000000" Name="broken &amp entity">\n' +
  "        </Reference>\n    </Refs\n";

/**
 * Starts the simulated Veeam Backup Enterprise Manager REST API (plain HTTP) and resolves when it listens.
 * Nothing is shared with the gateway code. Hazard: data generation is synchronous; large `scale` values
 * block the event loop for a moment at start.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? "127.0.0.1";
  const seed = options.seed ?? 1;
  const scale = options.scale ?? 1;
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  if (!(scale > 0) || !Number.isFinite(scale))
    throw new RangeError(`scale must be a positive number, got ${scale}`);
  const clock = options.clock ?? (() => new Date());
  const userList = (options.users ?? [{ username: "demo", password: "demo" }]).map((u): SimulatorUser => ({
    username: u.username,
    password: u.password,
    role: u.role ?? "PortalAdministrator",
  }));
  if (userList.length === 0) throw new RangeError("users must name at least one user");
  const idle = options.sessionIdleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  if (!(idle > 0)) throw new RangeError(`sessionIdleTimeoutMs must be positive, got ${idle}`);

  const data = generateSeedData(seed, scale, clock());
  const sessions = new LogonSessionStore(idle);
  const ctx = {
    data,
    sessions,
    users: new Map(userList.map((u) => [u.username, u])),
    clock,
    renderCache: new RenderCache(),
  };
  const faults = new SimulatorFaults(options.latency);
  const requests: SimulatorRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    const started = performance.now();
    const at = new Date();
    const rawUrl = req.url ?? "/";
    const q = rawUrl.indexOf("?");
    const pathname = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const rawQuery = q < 0 ? "" : rawUrl.slice(q + 1);
    const method = req.method ?? "GET";
    let logged = false;
    const log = (status: number): void => {
      if (logged) return;
      logged = true;
      const traceparent = req.headers["traceparent"];
      requests.push({
        method,
        path: pathname,
        query: rawQuery,
        status,
        durationMs: performance.now() - started,
        at,
        ...(typeof traceparent === "string" ? { traceparent } : {}),
      });
    };
    req.resume(); // bodies (tenant logons) are not read; drain them so keep-alive works
    res.on("close", () => log(res.headersSent ? res.statusCode : 0));

    const apiPath = pathname.replace(/^\/api/i, "") || "/";
    let decodedQuery = rawQuery;
    try {
      decodedQuery = decodeURIComponent(rawQuery.replace(/\+/g, " "));
    } catch {
      // the raw text is still matched
    }
    const fault = faults.take(method, apiPath, rawQuery, decodedQuery);
    const base = `http://${req.headers.host ?? `${host}:${(server.address() as AddressInfo).port}`}/api`;
    const respond = (): void => {
      if (closed) return;
      if (fault)
        applyFault(
          fault,
          req,
          res,
          () => handleRequest(ctx, { method, pathname, rawQuery, headers: req.headers }, base),
          log,
        );
      else {
        const response = handleRequest(ctx, { method, pathname, rawQuery, headers: req.headers }, base);
        send(res, response, method);
        log(response.status);
      }
    };
    const delay = faults.nextDelayMs();
    if (delay > 0) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        respond();
      }, delay);
      timers.add(timer);
    } else respond();
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${urlHost}:${port}/api`,
    credentials: { username: userList[0].username, password: userList[0].password },
    requests,
    clearRequests: () => {
      requests.length = 0;
    },
    faults,
    expireSessions: () => sessions.expireAll(),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        closed = true;
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

function send(res: ServerResponse, response: SimResponse, method: string): void {
  const body = typeof response.body === "string" ? Buffer.from(response.body, "utf8") : response.body;
  const headers: Record<string, string | number> = { ...response.headers };
  if (response.status !== 204 && response.status !== 304) headers["Content-Length"] = body.length;
  res.writeHead(response.status, headers);
  if (method.toUpperCase() === "HEAD" || response.status === 204) res.end();
  else res.end(body);
}

function applyFault(
  fault: SimulatorFault,
  req: IncomingMessage,
  res: ServerResponse,
  compute: () => SimResponse,
  log: (status: number) => void,
): void {
  switch (fault.kind) {
    case "status": {
      const extra: Record<string, string> = {};
      if (fault.retryAfter !== undefined) extra["Retry-After"] = String(fault.retryAfter);
      const response = errorResponse(
        fault.status,
        fault.message ?? `Simulated fault: HTTP ${fault.status}.`,
        extra,
      );
      send(res, response, req.method ?? "GET");
      log(response.status);
      return;
    }
    case "reset": {
      log(0);
      const socket = req.socket as Socket & { resetAndDestroy?: () => void };
      if (typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
      else socket.destroy();
      return;
    }
    case "stallHeaders":
      log(0);
      return;
    case "stallBody": {
      const response = compute();
      const body = typeof response.body === "string" ? Buffer.from(response.body, "utf8") : response.body;
      const cut = Math.min(body.length, fault.bytes ?? Math.floor(body.length / 2));
      res.writeHead(response.status, { ...response.headers, "Content-Length": body.length });
      res.write(body.subarray(0, cut));
      log(response.status);
      return;
    }
    case "truncate": {
      const response = compute();
      const body = typeof response.body === "string" ? Buffer.from(response.body, "utf8") : response.body;
      const cut = Math.min(body.length, fault.bytes ?? Math.floor(body.length / 2));
      send(res, { status: response.status, headers: response.headers, body: body.subarray(0, cut) }, "GET");
      log(response.status);
      return;
    }
    case "malformed":
      send(res, { status: 200, headers: { "Content-Type": XML_CONTENT_TYPE }, body: MALFORMED_BODY }, "GET");
      log(200);
      return;
    case "body": {
      const status = fault.status ?? 200;
      if (fault.chunked) {
        sendChunked(res, status, fault.contentType ?? XML_CONTENT_TYPE, fault.body);
        log(status);
        return;
      }
      send(
        res,
        { status, headers: { "Content-Type": fault.contentType ?? XML_CONTENT_TYPE }, body: fault.body },
        "GET",
      );
      log(status);
      return;
    }
  }
}

/**
 * Writes `body` with `Transfer-Encoding: chunked` in 64 KiB pieces, honouring back-pressure, and stops as
 * soon as the client goes away (a client that refuses a huge body closes the socket mid-way).
 */
function sendChunked(res: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  res.writeHead(status, { "Content-Type": contentType, "Transfer-Encoding": "chunked" });
  const piece = 64 * 1024;
  let offset = 0;
  const pump = (): void => {
    while (offset < bytes.length && !res.destroyed) {
      const chunk = bytes.subarray(offset, Math.min(bytes.length, offset + piece));
      offset += chunk.length;
      if (!res.write(chunk)) {
        res.once("drain", pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  pump();
}
