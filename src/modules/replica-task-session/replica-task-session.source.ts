import type { EntitySource } from "../../loaders/EntitySource.js";
import { SortDirection } from "../shared/connection/SortDirection.js";
import { REPLICA_TASK_SESSION_QUERY } from "./replica-task-session.fields.js";
import { toReplicaTaskSession } from "./replica-task-session.mapper.js";
import type { ReplicaTaskSession } from "./replica-task-session.type.js";

/** How `ReplicaTaskSession` is listed, looked up and mapped; the order without `orderBy` is creationTimeUtc DESC. */
export const REPLICA_TASK_SESSION_SOURCE: EntitySource<ReplicaTaskSession> = {
  typeName: "ReplicaTaskSession",
  query: REPLICA_TASK_SESSION_QUERY,
  map: toReplicaTaskSession,
  defaultOrder: { field: "creationTimeUtc", direction: SortDirection.DESC },
};
