import { ArgsType, Field } from "type-graphql";
import { connectionType } from "../shared/connection/connectionType.js";
import { ConnectionArgs } from "../shared/connection/ConnectionArgs.js";
import { orderInputType } from "../shared/connection/orderInputType.js";
import type { SortDirection } from "../shared/connection/SortDirection.js";
import { JOB_QUERY } from "./job.fields.js";
import { JobFilter } from "./job.filter.js";
import { Job } from "./job.type.js";

/** `JobConnection` and its edge type. */
export const JobConnection = connectionType("Job", Job);

/** `JobOrder`: `{ field, direction }`. */
export const JobOrder = orderInputType("Job", JOB_QUERY);

/** Arguments of every list of Job items (the root list and nested connections alike). */
@ArgsType()
export class JobsArgs extends ConnectionArgs {
  @Field(() => JobOrder, {
    nullable: true,
    description: "Order of the list; newest first or by name when omitted.",
  })
  orderBy?: { field: string; direction: SortDirection } | null;

  @Field(() => JobFilter, {
    nullable: true,
    description: "Filter evaluated by EM's query service (never in the gateway).",
  })
  filter?: JobFilter | null;
}
