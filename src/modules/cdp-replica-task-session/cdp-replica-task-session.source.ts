import type { EntitySource } from "../../loaders/EntitySource.js";
import { SortDirection } from "../shared/connection/SortDirection.js";
import { CDP_REPLICA_TASK_SESSION_QUERY } from "./cdp-replica-task-session.fields.js";
import { toCdpReplicaTaskSession } from "./cdp-replica-task-session.mapper.js";
import type { CdpReplicaTaskSession } from "./cdp-replica-task-session.type.js";

/** How `CdpReplicaTaskSession` is listed, looked up and mapped; the order without `orderBy` is creationTimeUtc DESC. */
export const CDP_REPLICA_TASK_SESSION_SOURCE: EntitySource<CdpReplicaTaskSession> = {
  typeName: "CdpReplicaTaskSession",
  query: CDP_REPLICA_TASK_SESSION_QUERY,
  map: toCdpReplicaTaskSession,
  defaultOrder: { field: "creationTimeUtc", direction: SortDirection.DESC },
};
