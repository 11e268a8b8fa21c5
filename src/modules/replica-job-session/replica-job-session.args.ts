import { ArgsType, Field } from "type-graphql";
import { connectionType } from "../shared/connection/connectionType.js";
import { ConnectionArgs } from "../shared/connection/ConnectionArgs.js";
import { orderInputType } from "../shared/connection/orderInputType.js";
import type { SortDirection } from "../shared/connection/SortDirection.js";
import { REPLICA_JOB_SESSION_QUERY } from "./replica-job-session.fields.js";
import { ReplicaJobSessionFilter } from "./replica-job-session.filter.js";
import { ReplicaJobSession } from "./replica-job-session.type.js";

/** `ReplicaJobSessionConnection` and its edge type. */
export const ReplicaJobSessionConnection = connectionType("ReplicaJobSession", ReplicaJobSession);

/** `ReplicaJobSessionOrder`: `{ field, direction }`. */
export const ReplicaJobSessionOrder = orderInputType("ReplicaJobSession", REPLICA_JOB_SESSION_QUERY);

/** Arguments of every list of ReplicaJobSession items (the root list and nested connections alike). */
@ArgsType()
export class ReplicaJobSessionsArgs extends ConnectionArgs {
  @Field(() => ReplicaJobSessionOrder, {
    nullable: true,
    description: "Order of the list; newest first or by name when omitted.",
  })
  orderBy?: { field: string; direction: SortDirection } | null;

  @Field(() => ReplicaJobSessionFilter, {
    nullable: true,
    description: "Filter evaluated by EM's query service (never in the gateway).",
  })
  filter?: ReplicaJobSessionFilter | null;
}
