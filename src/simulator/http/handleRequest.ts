import type { SeedData } from "../data/SeedData.js";
import { runQuery } from "../query/runQuery.js";
import { SimulatorQueryError } from "../query/SimulatorQueryError.js";
import {
  BACKUP_SERVER,
  CDP_POLICY,
  CDP_SESSION,
  CDP_TASK,
  JOB,
  REPLICA_SESSION,
  REPLICA_TASK,
  type RenderableRecord,
  type ResourceKind,
} from "../xml/resourceKinds.js";
import { BACKUP_SESSION, BACKUP_TASK, REPOSITORY } from "../xml/backupResourceKinds.js";
import { SUMMARY_REPORTS } from "../xml/renderSummaryReports.js";
import {
  renderEntityDocument,
  renderEntityListDocument,
  renderEntityRefDocument,
  renderReferenceListDocument,
  type RenderCache,
} from "../xml/renderResource.js";
import { renderEnterpriseManager, SUPPORTED_VERSIONS } from "../xml/renderEnterpriseManager.js";
import { renderLogonSession, renderLogonSessionList } from "../xml/renderLogonSession.js";
import { renderErrorDocument } from "../xml/xmlDocument.js";
import { parseQueryString } from "./parseQueryString.js";
import type { LogonSessionRecord, LogonSessionStore } from "./LogonSessionStore.js";

export { parseQueryString } from "./parseQueryString.js";

/** A fully computed response; faults may still cut or replace it before it is written. */
export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** A user who may log on. */
export interface SimulatorUser {
  readonly username: string;
  readonly password: string;
  readonly role: "PortalAdministrator" | "PortalUser" | "RestoreOperator";
}

/** What the request handler needs from the running simulator. */
export interface HandlerContext {
  readonly data: SeedData;
  readonly sessions: LogonSessionStore;
  readonly users: ReadonlyMap<string, SimulatorUser>;
  readonly clock: () => Date;
  /** This simulator's cache of rendered list items. */
  readonly renderCache: RenderCache;
}

/** The parts of an HTTP request the handler reads. */
export interface SimRequest {
  readonly method: string;
  /** Raw path name (`/api/query`), still percent-encoded. */
  readonly pathname: string;
  /** Raw query string without `?`. */
  readonly rawQuery: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** The XML content type of every simulator response. */
export const XML_CONTENT_TYPE = "application/xml; charset=utf-8";
const SESSION_HEADER = "X-RestSvcSessionId";
const COLLECTION_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

/** An `Error` response. */
export function errorResponse(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): SimResponse {
  return {
    status,
    headers: { "Content-Type": XML_CONTENT_TYPE, ...headers },
    body: renderErrorDocument(status, message),
  };
}

const xml = (body: string, status = 200, headers: Record<string, string> = {}): SimResponse => ({
  status,
  headers: { "Content-Type": XML_CONTENT_TYPE, ...headers },
  body,
});

interface Route {
  readonly pattern: readonly string[]; // lower-case literals; "*" = an id
  readonly methods: readonly string[];
  readonly handle: (ctx: HandlerContext, call: RouteCall) => SimResponse;
  readonly anonymous?: boolean;
}

interface RouteCall {
  readonly request: SimRequest;
  readonly base: string;
  readonly ids: string[];
  readonly params: Map<string, string>;
  session?: LogonSessionRecord;
}

/**
 * Computes the response to one request: the backup timeline brought to the clock, routing (paths case-insensitive, ids as bare GUID or URN),
 * 404/405, the JSON-only `Accept` 406, authentication, then the resource. Never throws.
 */
export function handleRequest(ctx: HandlerContext, request: SimRequest, base: string): SimResponse {
  try {
    // The backup history moves on the clock: what is due by now has happened before anything is read.
    ctx.data.timeline.advance(ctx.clock().getTime());
    ctx.data.replicaProgress.advance(ctx.clock().getTime());
    return route(ctx, request, base);
  } catch (error) {
    if (error instanceof SimulatorQueryError) return errorResponse(400, error.message);
    const message = error instanceof Error ? error.message : String(error);
    return errorResponse(500, message);
  }
}

function route(ctx: HandlerContext, request: SimRequest, base: string): SimResponse {
  const path = request.pathname;
  if (!/^\/api(\/|$)/i.test(path)) return errorResponse(404, `Resource not found: ${path}`);
  let segments: string[];
  try {
    segments = path
      .slice(4)
      .split("/")
      .filter((s) => s !== "")
      .map((s) => decodeURIComponent(s));
  } catch {
    return errorResponse(400, `Malformed percent-encoding in the path: ${path}`);
  }
  const lower = segments.map((s) => s.toLowerCase());
  const found = ROUTES.find(
    (r) => r.pattern.length === lower.length && r.pattern.every((p, i) => p === "*" || p === lower[i]),
  );
  if (!found) return errorResponse(404, `Resource not found: ${path}`);
  const method = request.method.toUpperCase();
  if (!found.methods.includes(method)) {
    return errorResponse(405, `Method ${method} is not allowed for ${path}.`, {
      Allow: found.methods.join(", "),
    });
  }
  if (acceptsOnlyJson(request.headers.accept)) {
    return errorResponse(
      406,
      "The simulator only produces application/xml; the JSON representation is not simulated.",
    );
  }
  const ids = found.pattern.flatMap((p, i) => (p === "*" ? [bareId(segments[i])] : []));
  const call: RouteCall = { request, base, ids, params: parseQueryString(request.rawQuery) };
  if (!found.anonymous) {
    const token = sessionToken(request.headers);
    if (token === undefined) {
      return errorResponse(401, `Authorization required: no ${SESSION_HEADER} header or cookie was sent.`);
    }
    const session = ctx.sessions.use(token);
    if (!session) {
      return errorResponse(
        401,
        `The logon session of the ${SESSION_HEADER} token is unknown or has expired.`,
      );
    }
    call.session = session;
  }
  return found.handle(ctx, call);
}

/** True when Accept names application/json and nothing XML (EM would answer JSON, which is not simulated). */
function acceptsOnlyJson(accept: string | string[] | undefined): boolean {
  if (accept === undefined) return false;
  const text = (Array.isArray(accept) ? accept.join(",") : accept).toLowerCase();
  return text.includes("application/json") && !text.includes("xml");
}

/** The session token: the cookie wins over the header when both are present. */
function sessionToken(headers: SimRequest["headers"]): string | undefined {
  const cookie = headers.cookie;
  const cookieText = Array.isArray(cookie) ? cookie.join("; ") : cookie;
  if (cookieText) {
    for (const part of cookieText.split(";")) {
      const eq = part.indexOf("=");
      if (eq > 0 && part.slice(0, eq).trim().toLowerCase() === "x-restsvcsessionid") {
        return part.slice(eq + 1).trim();
      }
    }
  }
  const header = headers["x-restsvcsessionid"];
  const value = Array.isArray(header) ? header[0] : header;
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/** `urn:veeam:Job:<guid>` or `<guid>` → lower-case `<guid>`. */
function bareId(segment: string): string {
  return segment.slice(segment.lastIndexOf(":") + 1).toLowerCase();
}

const isEntityFormat = (params: Map<string, string>): boolean =>
  params.get("format")?.toLowerCase() === "entity";

function single<T extends RenderableRecord>(
  kind: ResourceKind<T>,
  lookup: (data: SeedData) => ReadonlyMap<string, T>,
) {
  return (ctx: HandlerContext, call: RouteCall): SimResponse => {
    const record = lookup(ctx.data).get(call.ids[0]);
    if (!record) return notFound(kind, call.ids[0]);
    return xml(
      isEntityFormat(call.params)
        ? renderEntityDocument(kind, call.base, record)
        : renderEntityRefDocument(kind, call.base, record),
    );
  };
}

function notFound(kind: { entityType: string }, id: string): SimResponse {
  return errorResponse(404, `${kind.entityType} with ID [${id}] was not found.`);
}

function listing<T extends RenderableRecord>(
  ctx: HandlerContext,
  call: RouteCall,
  kind: ResourceKind<T>,
  records: readonly T[],
  windowed: boolean,
): SimResponse {
  let shown = records;
  if (windowed) {
    const cutoff = ctx.clock().getTime() - COLLECTION_WINDOW_MS;
    shown = records.filter((r) => (r as unknown as { creation: Date }).creation.getTime() >= cutoff);
  }
  return xml(
    isEntityFormat(call.params)
      ? renderEntityListDocument(kind, call.base, shown, ctx.renderCache)
      : renderReferenceListDocument(kind, call.base, shown, ctx.renderCache),
  );
}

function collection<T extends RenderableRecord>(
  kind: ResourceKind<T>,
  records: (data: SeedData) => readonly T[],
  windowed: boolean,
) {
  return (ctx: HandlerContext, call: RouteCall): SimResponse =>
    listing(ctx, call, kind, records(ctx.data), windowed);
}

function children<P, T extends RenderableRecord>(
  parentKind: { entityType: string },
  lookup: (data: SeedData) => ReadonlyMap<string, P>,
  kind: ResourceKind<T>,
  records: (parent: P, data: SeedData) => readonly T[],
) {
  return (ctx: HandlerContext, call: RouteCall): SimResponse => {
    const parent = lookup(ctx.data).get(call.ids[0]);
    if (!parent) return notFound(parentKind, call.ids[0]);
    return listing(ctx, call, kind, records(parent, ctx.data), true);
  };
}

const ROUTES: readonly Route[] = [
  {
    pattern: [],
    methods: ["GET"],
    anonymous: true,
    handle: (_ctx, call) => xml(renderEnterpriseManager(call.base)),
  },
  { pattern: ["sessionmngr"], methods: ["POST"], anonymous: true, handle: logon },
  { pattern: ["logonsessions"], methods: ["GET"], handle: listLogonSessions },
  { pattern: ["logonsessions", "*"], methods: ["GET", "DELETE"], handle: logonSession },
  {
    pattern: ["query"],
    methods: ["GET"],
    handle: (ctx, call) => xml(runQuery(ctx.data, call.base, call.params, ctx.renderCache)),
  },
  {
    pattern: ["backupservers"],
    methods: ["GET"],
    handle: collection(BACKUP_SERVER, (d) => d.backupServers, false),
  },
  {
    pattern: ["backupservers", "*"],
    methods: ["GET"],
    handle: single(BACKUP_SERVER, (d) => d.backupServerById),
  },
  { pattern: ["jobs"], methods: ["GET"], handle: collection(JOB, (d) => d.jobs, false) },
  { pattern: ["jobs", "*"], methods: ["GET"], handle: single(JOB, (d) => d.jobById) },
  { pattern: ["cdppolicies"], methods: ["GET"], handle: collection(CDP_POLICY, (d) => d.cdpPolicies, false) },
  { pattern: ["cdppolicies", "*"], methods: ["GET"], handle: single(CDP_POLICY, (d) => d.cdpPolicyById) },
  {
    pattern: ["cdppolicies", "*", "cdpreplicasessions"],
    methods: ["GET"],
    handle: children(
      CDP_POLICY,
      (d) => d.cdpPolicyById,
      CDP_SESSION,
      (p, d) => d.cdpSessionsByPolicy.get(p.id) ?? [],
    ),
  },
  {
    pattern: ["cdpreplicasessions"],
    methods: ["GET"],
    handle: collection(CDP_SESSION, (d) => d.cdpSessions, true),
  },
  {
    pattern: ["cdpreplicasessions", "*"],
    methods: ["GET"],
    handle: single(CDP_SESSION, (d) => d.cdpSessionById),
  },
  {
    pattern: ["cdpreplicasessions", "*", "cdpreplicatasksessions"],
    methods: ["GET"],
    handle: children(
      CDP_SESSION,
      (d) => d.cdpSessionById,
      CDP_TASK,
      (s) => s.tasks,
    ),
  },
  {
    pattern: ["cdpreplicatasksessions"],
    methods: ["GET"],
    handle: collection(CDP_TASK, (d) => d.cdpTasks, true),
  },
  {
    pattern: ["cdpreplicatasksessions", "*"],
    methods: ["GET"],
    handle: single(CDP_TASK, (d) => d.cdpTaskById),
  },
  {
    pattern: ["replicasessions"],
    methods: ["GET"],
    handle: collection(REPLICA_SESSION, (d) => d.replicaSessions, true),
  },
  {
    pattern: ["replicasessions", "*"],
    methods: ["GET"],
    handle: single(REPLICA_SESSION, (d) => d.replicaSessionById),
  },
  {
    pattern: ["replicasessions", "*", "replicatasksessions"],
    methods: ["GET"],
    handle: children(
      REPLICA_SESSION,
      (d) => d.replicaSessionById,
      REPLICA_TASK,
      (s) => s.tasks,
    ),
  },
  {
    pattern: ["replicatasksessions"],
    methods: ["GET"],
    handle: collection(REPLICA_TASK, (d) => d.replicaTasks, true),
  },
  {
    pattern: ["replicatasksessions", "*"],
    methods: ["GET"],
    handle: single(REPLICA_TASK, (d) => d.replicaTaskById),
  },
  {
    pattern: ["backupsessions"],
    methods: ["GET"],
    handle: collection(BACKUP_SESSION, (d) => d.backups.sessions, true),
  },
  {
    pattern: ["backupsessions", "*"],
    methods: ["GET"],
    handle: single(BACKUP_SESSION, (d) => d.backups.sessionById),
  },
  {
    pattern: ["backupsessions", "*", "tasksessions"],
    methods: ["GET"],
    handle: children(
      BACKUP_SESSION,
      (d) => d.backups.sessionById,
      BACKUP_TASK,
      (s) => s.tasks,
    ),
  },
  {
    pattern: ["backuptasksessions"],
    methods: ["GET"],
    handle: collection(BACKUP_TASK, (d) => d.backups.tasks, true),
  },
  {
    pattern: ["backuptasksessions", "*"],
    methods: ["GET"],
    handle: single(BACKUP_TASK, (d) => d.backups.taskById),
  },
  {
    pattern: ["jobs", "*", "backupsessions"],
    methods: ["GET"],
    handle: children(
      JOB,
      (d) => d.jobById,
      BACKUP_SESSION,
      (j, d) => d.backups.sessionsByJob.get(j.id) ?? [],
    ),
  },
  {
    pattern: ["repositories"],
    methods: ["GET"],
    handle: collection(REPOSITORY, (d) => d.repositories, false),
  },
  {
    pattern: ["repositories", "*"],
    methods: ["GET"],
    handle: single(REPOSITORY, (d) => d.repositoryById),
  },
  {
    pattern: ["backupservers", "*", "repositories"],
    methods: ["GET"],
    handle: (ctx, call) => {
      const server = ctx.data.backupServerById.get(call.ids[0]);
      if (!server) return notFound(BACKUP_SERVER, call.ids[0]);
      const own = ctx.data.repositoriesByServer.get(server.id) ?? [];
      return listing(ctx, call, REPOSITORY, own, false);
    },
  },
  {
    pattern: ["reports", "summary", "*"],
    methods: ["GET"],
    handle: (ctx, call) => {
      const report = SUMMARY_REPORTS.get(call.ids[0]);
      if (!report) return errorResponse(404, `Resource not found: ${call.request.pathname}`);
      return xml(report(ctx.data, ctx.clock().getTime()));
    },
  },
];

function logon(ctx: HandlerContext, call: RouteCall): SimResponse {
  const version = call.params.get("v");
  if (version !== undefined && version !== "" && version.toLowerCase() !== "latest") {
    if (!SUPPORTED_VERSIONS.includes(version.toLowerCase())) {
      return errorResponse(
        400,
        `API version "${version}" is not supported. Supported: ${SUPPORTED_VERSIONS.join(", ")}, latest.`,
      );
    }
  }
  const unauthorized = (): SimResponse =>
    errorResponse(401, "Authentication failed: the user name or password is incorrect.", {
      "WWW-Authenticate": "Basic Realm=RestSvc",
    });
  const header = call.request.headers.authorization;
  const auth = Array.isArray(header) ? header[0] : header;
  const match = auth ? /^\s*basic\s+(\S+)\s*$/i.exec(auth) : null;
  if (!match) return unauthorized();
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return unauthorized();
  const user = ctx.users.get(decoded.slice(0, colon));
  if (!user || user.password !== decoded.slice(colon + 1)) return unauthorized();
  const session = ctx.sessions.create(user.username);
  return xml(renderLogonSession(call.base, session, true), 201, {
    [SESSION_HEADER]: session.token,
    "Set-Cookie": `${SESSION_HEADER}=${session.token}; Path=/api;`,
    Location: `${call.base}/logonSessions/${session.id}`,
  });
}

function listLogonSessions(ctx: HandlerContext, call: RouteCall): SimResponse {
  return xml(renderLogonSessionList(call.base, ctx.sessions.listFor(call.session!.username)));
}

function logonSession(ctx: HandlerContext, call: RouteCall): SimResponse {
  const session = ctx.sessions.find(call.ids[0]);
  if (!session) return errorResponse(404, `Logon session with ID [${call.ids[0]}] was not found.`);
  if (call.request.method.toUpperCase() === "DELETE") {
    ctx.sessions.remove(session);
    return { status: 204, headers: {}, body: "" };
  }
  return xml(renderLogonSession(call.base, session, false));
}
