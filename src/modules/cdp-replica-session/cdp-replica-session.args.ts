import { ArgsType, Field } from "type-graphql";
import { connectionType } from "../shared/connection/connectionType.js";
import { ConnectionArgs } from "../shared/connection/ConnectionArgs.js";
import { orderInputType } from "../shared/connection/orderInputType.js";
import type { SortDirection } from "../shared/connection/SortDirection.js";
import { CDP_REPLICA_SESSION_QUERY } from "./cdp-replica-session.fields.js";
import { CdpReplicaSessionFilter } from "./cdp-replica-session.filter.js";
import { CdpReplicaSession } from "./cdp-replica-session.type.js";

/** `CdpReplicaSessionConnection` and its edge type. */
export const CdpReplicaSessionConnection = connectionType("CdpReplicaSession", CdpReplicaSession);

/** `CdpReplicaSessionOrder`: `{ field, direction }`. */
export const CdpReplicaSessionOrder = orderInputType("CdpReplicaSession", CDP_REPLICA_SESSION_QUERY);

/** Arguments of every list of CdpReplicaSession items (the root list and nested connections alike). */
@ArgsType()
export class CdpReplicaSessionsArgs extends ConnectionArgs {
  @Field(() => CdpReplicaSessionOrder, {
    nullable: true,
    description: "Order of the list; newest first or by name when omitted.",
  })
  orderBy?: { field: string; direction: SortDirection } | null;

  @Field(() => CdpReplicaSessionFilter, {
    nullable: true,
    description: "Filter evaluated by EM's query service (never in the gateway).",
  })
  filter?: CdpReplicaSessionFilter | null;
}
