import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { errorXml, logonSessionXml } from "./emSamples.js";

/** One request the stub received. */
export interface StubRequest {
  readonly method: string;
  /** The raw request target, e.g. `/api/query?type=Job&…`. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The user whose valid token the request carried, if any. */
  readonly user: string | undefined;
}

/** Context passed to route handlers. */
export interface StubContext {
  readonly user: string;
  readonly token: string;
  /** How many requests with this method and path (query included) came before this one. */
  readonly seen: number;
}

/** Handles one authenticated non-logon request; returns true when it answered or holds the response. */
export type StubHandler = (req: IncomingMessage, res: ServerResponse, ctx: StubContext) => boolean | void;

export interface StubEmOptions {
  /** user name → password; default { admin: "s3cret-Pa55" }. */
  readonly users?: Readonly<Record<string, string>>;
  /** Handles authenticated requests other than logon/logout. */
  readonly handler?: StubHandler;
  /** Takes over the logon request entirely when it returns true (to send 503, stall, omit headers…). */
  readonly logon?: (req: IncomingMessage, res: ServerResponse) => boolean | void;
  /** Takes over the logout request entirely when it returns true. */
  readonly logout?: (req: IncomingMessage, res: ServerResponse) => boolean | void;
  /** Milliseconds to wait before answering a logon (to widen races). */
  readonly logonDelayMs?: number;
}

export interface StubEm {
  /** The API base URL, `http://127.0.0.1:<port>/api`. */
  readonly url: string;
  readonly requests: StubRequest[];
  /** Every token issued, valid or not. */
  readonly issuedTokens: string[];
  /** Every SessionId issued. */
  readonly issuedSessionIds: string[];
  /** Logon requests received (successful or not). */
  logons(): number;
  /** Logout requests received. */
  logouts(): number;
  /** Requests that are neither logon nor logout. */
  calls(): StubRequest[];
  /** Invalidates every token, as EM's 15-minute idle expiry would. */
  expireAll(): void;
  stop(): Promise<void>;
}

/**
 * A tiny Enterprise Manager double on 127.0.0.1 port 0 that behaves like EM for authentication:
 * `POST /api/sessionMngr/` with Basic auth → 201 + `X-RestSvcSessionId` = base64(SessionId) + LogonSession
 * body; bad credentials → 401 with `WWW-Authenticate: Basic Realm=RestSvc`; any other request without a
 * valid token → 401 with an `Error` body; `DELETE /api/logonSessions/{id}` → 204.
 */
export async function startStubEm(options: StubEmOptions = {}): Promise<StubEm> {
  const users = options.users ?? { admin: "s3cret-Pa55" };
  const tokens = new Map<string, { user: string; sessionId: string }>();
  const requests: StubRequest[] = [];
  const issuedTokens: string[] = [];
  const issuedSessionIds: string[] = [];
  const seenByTarget = new Map<string, number>();

  const server = createServer((req, res) => {
    const token = req.headers["x-restsvcsessionid"];
    const session = typeof token === "string" ? tokens.get(token) : undefined;
    requests.push({
      method: req.method ?? "",
      url: req.url ?? "",
      headers: req.headers,
      user: session?.user,
    });
    // Drain request bodies so keep-alive works.
    req.resume();
    const path = (req.url ?? "").split("?")[0]!.toLowerCase();

    if (req.method === "POST" && path.startsWith("/api/sessionmngr")) {
      if (options.logon?.(req, res)) return;
      const answer = (): void => {
        const [scheme, encoded] = (req.headers.authorization ?? "").split(" ");
        const [user, ...rest] = Buffer.from(encoded ?? "", "base64")
          .toString("utf8")
          .split(":");
        if (scheme !== "Basic" || !user || users[user] === undefined || users[user] !== rest.join(":")) {
          res.writeHead(401, {
            "WWW-Authenticate": "Basic Realm=RestSvc",
            "Content-Type": "application/xml",
          });
          res.end(errorXml("Authentication failed", 401));
          return;
        }
        const sessionId = randomUUID();
        const issued = Buffer.from(sessionId, "utf8").toString("base64");
        tokens.set(issued, { user, sessionId });
        issuedTokens.push(issued);
        issuedSessionIds.push(sessionId);
        res.writeHead(201, {
          "X-RestSvcSessionId": issued,
          "Set-Cookie": `X-RestSvcSessionId=${issued}; Path=/api;`,
          "Content-Type": "application/xml; charset=utf-8",
        });
        res.end(logonSessionXml(sessionId));
      };
      if (options.logonDelayMs) setTimeout(answer, options.logonDelayMs);
      else answer();
      return;
    }

    if (!session || typeof token !== "string") {
      res.writeHead(401, { "Content-Type": "application/xml" });
      res.end(errorXml("Authorization header expected but not found (or found but expired)", 401));
      return;
    }

    if (req.method === "DELETE" && path.startsWith("/api/logonsessions/")) {
      if (options.logout?.(req, res)) return;
      tokens.delete(token);
      res.writeHead(204);
      res.end();
      return;
    }

    const target = `${req.method} ${req.url}`;
    const seen = seenByTarget.get(target) ?? 0;
    seenByTarget.set(target, seen + 1);
    // A handler returns true when it answered or deliberately holds the response (timeouts).
    if (options.handler?.(req, res, { user: session.user, token, seen }) === true || res.headersSent) return;
    res.writeHead(404, { "Content-Type": "application/xml" });
    res.end(errorXml("Resource not found", 404));
  });
  server.keepAliveTimeout = 500;

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const isLogon = (r: StubRequest): boolean => r.method === "POST" && /^\/api\/sessionmngr/i.test(r.url);
  const isLogout = (r: StubRequest): boolean =>
    r.method === "DELETE" && /^\/api\/logonsessions\//i.test(r.url);

  return {
    url: `http://127.0.0.1:${port}/api`,
    requests,
    issuedTokens,
    issuedSessionIds,
    logons: () => requests.filter(isLogon).length,
    logouts: () => requests.filter(isLogout).length,
    calls: () => requests.filter((r) => !isLogon(r) && !isLogout(r)),
    expireAll: () => tokens.clear(),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes an XML 200 answer. */
export function sendXml(
  res: ServerResponse,
  xml: string,
  status = 200,
  headers: Record<string, string> = {},
): true {
  res.writeHead(status, { "Content-Type": "application/xml; charset=utf-8", ...headers });
  res.end(xml);
  return true;
}
