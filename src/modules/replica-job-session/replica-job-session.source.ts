import type { EntitySource } from "../../loaders/EntitySource.js";
import { SortDirection } from "../shared/connection/SortDirection.js";
import { REPLICA_JOB_SESSION_QUERY } from "./replica-job-session.fields.js";
import { toReplicaJobSession } from "./replica-job-session.mapper.js";
import type { ReplicaJobSession } from "./replica-job-session.type.js";

/** How `ReplicaJobSession` is listed, looked up and mapped; the order without `orderBy` is creationTimeUtc DESC. */
export const REPLICA_JOB_SESSION_SOURCE: EntitySource<ReplicaJobSession> = {
  typeName: "ReplicaJobSession",
  query: REPLICA_JOB_SESSION_QUERY,
  map: toReplicaJobSession,
  defaultOrder: { field: "creationTimeUtc", direction: SortDirection.DESC },
};
