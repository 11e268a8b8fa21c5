import { ArgsType, Field } from "type-graphql";
import { connectionType } from "../shared/connection/connectionType.js";
import { ConnectionArgs } from "../shared/connection/ConnectionArgs.js";
import { orderInputType } from "../shared/connection/orderInputType.js";
import type { SortDirection } from "../shared/connection/SortDirection.js";
import { REPLICA_TASK_SESSION_QUERY } from "./replica-task-session.fields.js";
import { ReplicaTaskSessionFilter } from "./replica-task-session.filter.js";
import { ReplicaTaskSession } from "./replica-task-session.type.js";

/** `ReplicaTaskSessionConnection` and its edge type. */
export const ReplicaTaskSessionConnection = connectionType("ReplicaTaskSession", ReplicaTaskSession);

/** `ReplicaTaskSessionOrder`: `{ field, direction }`. */
export const ReplicaTaskSessionOrder = orderInputType("ReplicaTaskSession", REPLICA_TASK_SESSION_QUERY);

/** Arguments of every list of ReplicaTaskSession items (the root list and nested connections alike). */
@ArgsType()
export class ReplicaTaskSessionsArgs extends ConnectionArgs {
  @Field(() => ReplicaTaskSessionOrder, {
    nullable: true,
    description: "Order of the list; newest first or by name when omitted.",
  })
  orderBy?: { field: string; direction: SortDirection } | null;

  @Field(() => ReplicaTaskSessionFilter, {
    nullable: true,
    description: "Filter evaluated by EM's query service (never in the gateway).",
  })
  filter?: ReplicaTaskSessionFilter | null;
}
