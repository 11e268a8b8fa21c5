import { Pool } from "undici";
import type { SearchParams, SessionListParams } from "./directOptimal.js";
import {
  type CdpSessionRow,
  enumKey,
  type NodeRow,
  optional,
  type JobSessionKind,
  type JobSessionRow,
  type SearchRow,
  sortTasks,
  typeOfUrn,
} from "./projections.js";

/**
 * The gateway client: each workload is ONE GraphQL operation POSTed to the gateway over a keep-alive
 * undici pool. The documents are exported so the report can print them.
 */
export class GatewayClient {
  readonly #pool: Pool;
  readonly #path: string;

  constructor(url: string) {
    const parsed = new URL(url);
    this.#pool = new Pool(parsed.origin, { connections: 16 });
    this.#path = parsed.pathname;
  }

  /** POSTs one operation; throws when the response carries errors (a benchmark must not time failures). */
  async query<T>(document: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await this.#pool.request({
      method: "POST",
      path: this.#path,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: document, variables }),
    });
    const body = (await response.body.json()) as { data?: T; errors?: Array<{ message: string }> };
    if (body.errors?.length || body.data === undefined) {
      throw new Error(`gateway answered errors: ${JSON.stringify(body.errors ?? "no data").slice(0, 500)}`);
    }
    return body.data;
  }

  async close(): Promise<void> {
    await this.#pool.close();
  }
}

/** Workload 1 as one operation. */
export const CDP_SESSIONS_DOCUMENT = `query CdpSessions($first: Int!, $tasks: Int!) {
  cdpReplicaSessions(first: $first) {
    nodes {
      id name state result
      backupServer { name version }
      policy { name description }
      taskSessions(first: $tasks) { nodes { id name vmDisplayName state } }
    }
  }
}`;

/** Workloads 2 and 5 as one operation over `rootField` (`replicaJobSessions`, `backupJobSessions`). */
export const jobSessionsDocument = (
  rootField: string,
  stoppedOnly = false,
): string => `query JobSessions($first: Int!, $tasks: Int!) {
  ${rootField}(first: $first${stoppedOnly ? ", filter: { state: { eq: STOPPED } }" : ""}) {
    nodes {
      id name state result
      backupServer { name version }
      job { name description platform }
      taskSessions(first: $tasks) { nodes { id name vmDisplayName state } }
    }
  }
}`;

/** Workload 3 as one operation: a filtered, ordered page after a cursor. */
export const SEARCH_DOCUMENT = `query TaskSearch($since: DateTime!, $first: Int!, $after: String) {
  replicaTaskSessions(
    filter: { creationTimeUtc: { gte: $since } }
    orderBy: { field: TOTAL_SIZE, direction: DESC }
    first: $first
    after: $after
  ) {
    nodes { id name vmDisplayName result totalSize }
    pageInfo { endCursor hasNextPage }
  }
}`;

/** Workload 4 as one operation. */
export const NODES_DOCUMENT = `query Lookup($ids: [ID!]!) {
  nodes(ids: $ids) {
    id
    ... on CdpReplicaSession { name }
    ... on CdpReplicaTaskSession { name }
    ... on ReplicaJobSession { name }
    ... on ReplicaTaskSession { name }
    ... on BackupServer { name }
    ... on CdpPolicy { name }
    ... on Job { name }
  }
}`;

type Task = { id: string; name: string; vmDisplayName: string; state: string };
type Session = {
  id: string;
  name: string;
  state: string;
  result: string;
  backupServer: { name: string; version: string | null } | null;
  taskSessions: { nodes: Task[] };
};

/** Workload 1 through the gateway. */
export async function gatewayCdpSessions(gw: GatewayClient, p: SessionListParams): Promise<CdpSessionRow[]> {
  type Row = Session & { policy: { name: string; description: string | null } | null };
  const data = await gw.query<{ cdpReplicaSessions: { nodes: Row[] } }>(CDP_SESSIONS_DOCUMENT, {
    first: p.sessions,
    tasks: p.tasksPerSession,
  });
  return data.cdpReplicaSessions.nodes.map((s) => ({
    ...sessionFields(s),
    policy: { name: s.policy?.name ?? "", description: optional(s.policy?.description) },
    tasks: taskRows(s.taskSessions.nodes),
  }));
}

/** Workloads 2 and 5 through the gateway. */
export async function gatewayJobSessions(
  gw: GatewayClient,
  p: SessionListParams,
  kind: JobSessionKind,
  stoppedOnly = false,
): Promise<JobSessionRow[]> {
  type Row = Session & { job: { name: string; description: string | null; platform: string | null } | null };
  const data = await gw.query<Record<string, { nodes: Row[] }>>(
    jobSessionsDocument(kind.rootField, stoppedOnly),
    {
      first: p.sessions,
      tasks: p.tasksPerSession,
    },
  );
  return data[kind.rootField]!.nodes.map((s) => ({
    ...sessionFields(s),
    job: {
      name: s.job?.name ?? "",
      description: optional(s.job?.description),
      platform: enumKey(s.job?.platform),
    },
    tasks: taskRows(s.taskSessions.nodes),
  }));
}

/** Workload 3 through the gateway; `after` is the cursor of the row before the page. */
export async function gatewaySearch(
  gw: GatewayClient,
  p: SearchParams,
  after: string | null,
): Promise<SearchRow[]> {
  type Row = { id: string; name: string; vmDisplayName: string; result: string | null; totalSize: number };
  const data = await gw.query<{ replicaTaskSessions: { nodes: Row[] } }>(SEARCH_DOCUMENT, {
    since: p.since,
    first: p.pageSize,
    after,
  });
  return data.replicaTaskSessions.nodes.map((t) => ({
    id: t.id,
    name: t.name,
    vm: t.vmDisplayName,
    result: enumKey(t.result),
    totalSize: t.totalSize,
  }));
}

/** The `endCursor` of the first `offset` rows of workload 3's list: how a client reaches page n. */
export async function gatewaySearchCursor(gw: GatewayClient, p: SearchParams): Promise<string | null> {
  if (p.offset === 0) return null;
  const data = await gw.query<{ replicaTaskSessions: { pageInfo: { endCursor: string | null } } }>(
    SEARCH_DOCUMENT,
    { since: p.since, first: p.offset, after: null },
  );
  return data.replicaTaskSessions.pageInfo.endCursor;
}

/** Workload 4 through the gateway. */
export async function gatewayNodes(gw: GatewayClient, ids: readonly string[]): Promise<NodeRow[]> {
  const data = await gw.query<{ nodes: Array<{ id: string; name: string } | null> }>(NODES_DOCUMENT, { ids });
  return data.nodes.map((node) => (node ? { id: node.id, type: typeOfUrn(node.id), name: node.name } : null));
}

function sessionFields(s: Session) {
  return {
    id: s.id,
    name: s.name,
    state: enumKey(s.state),
    result: enumKey(s.result),
    server: { name: s.backupServer?.name ?? "", version: optional(s.backupServer?.version) },
  };
}

function taskRows(tasks: readonly Task[]) {
  return sortTasks(
    tasks.map((t) => ({ id: t.id, name: t.name, vm: t.vmDisplayName, state: enumKey(t.state) })),
  );
}
