import { ArgsType, Field } from "type-graphql";
import { connectionType } from "../shared/connection/connectionType.js";
import { ConnectionArgs } from "../shared/connection/ConnectionArgs.js";
import { orderInputType } from "../shared/connection/orderInputType.js";
import type { SortDirection } from "../shared/connection/SortDirection.js";
import { CDP_REPLICA_TASK_SESSION_QUERY } from "./cdp-replica-task-session.fields.js";
import { CdpReplicaTaskSessionFilter } from "./cdp-replica-task-session.filter.js";
import { CdpReplicaTaskSession } from "./cdp-replica-task-session.type.js";

/** `CdpReplicaTaskSessionConnection` and its edge type. */
export const CdpReplicaTaskSessionConnection = connectionType("CdpReplicaTaskSession", CdpReplicaTaskSession);

/** `CdpReplicaTaskSessionOrder`: `{ field, direction }`. */
export const CdpReplicaTaskSessionOrder = orderInputType(
  "CdpReplicaTaskSession",
  CDP_REPLICA_TASK_SESSION_QUERY,
);

/** Arguments of every list of CdpReplicaTaskSession items (the root list and nested connections alike). */
@ArgsType()
export class CdpReplicaTaskSessionsArgs extends ConnectionArgs {
  @Field(() => CdpReplicaTaskSessionOrder, {
    nullable: true,
    description: "Order of the list; newest first or by name when omitted.",
  })
  orderBy?: { field: string; direction: SortDirection } | null;

  @Field(() => CdpReplicaTaskSessionFilter, {
    nullable: true,
    description: "Filter evaluated by EM's query service (never in the gateway).",
  })
  filter?: CdpReplicaTaskSessionFilter | null;
}
