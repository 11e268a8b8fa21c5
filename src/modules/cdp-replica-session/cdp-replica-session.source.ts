import type { EntitySource } from "../../loaders/EntitySource.js";
import { SortDirection } from "../shared/connection/SortDirection.js";
import { CDP_REPLICA_SESSION_QUERY } from "./cdp-replica-session.fields.js";
import { toCdpReplicaSession } from "./cdp-replica-session.mapper.js";
import type { CdpReplicaSession } from "./cdp-replica-session.type.js";

/** How `CdpReplicaSession` is listed, looked up and mapped; the order without `orderBy` is creationTimeUtc DESC. */
export const CDP_REPLICA_SESSION_SOURCE: EntitySource<CdpReplicaSession> = {
  typeName: "CdpReplicaSession",
  query: CDP_REPLICA_SESSION_QUERY,
  map: toCdpReplicaSession,
  defaultOrder: { field: "creationTimeUtc", direction: SortDirection.DESC },
};
