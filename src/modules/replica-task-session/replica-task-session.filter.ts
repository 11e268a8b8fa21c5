import { Field, InputType } from "type-graphql";
import { DateTimeFilter } from "../../filters/inputs/DateTimeFilter.js";
import { IdFilter } from "../../filters/inputs/IdFilter.js";
import { LongFilter } from "../../filters/inputs/LongFilter.js";
import { StringFilter } from "../../filters/inputs/StringFilter.js";
import { SessionResultFilter, TaskSessionStateFilter } from "../../filters/inputs/enumFilters.js";

/**
 * GraphQL `ReplicaTaskSessionFilter`: conditions on replication task sessions, pushed down to EM's query
 * service (`type=ReplicaTaskSession`) by `translateFilter(filter, REPLICA_TASK_SESSION_QUERY, path)`. One
 * field per entry of `REPLICA_TASK_SESSION_QUERY`, under the same name; the field tables, not this class,
 * say which EM query field each one reaches.
 */
@InputType("ReplicaTaskSessionFilter", {
  description:
    "Conditions on replication task sessions, evaluated by Enterprise Manager's query service " +
    "(`type=ReplicaTaskSession`). Fields given together must all hold; `and`, `or` and `not` combine " +
    "whole filters. An empty filter matches everything, `or: []` nothing.",
})
export class ReplicaTaskSessionFilter {
  @Field(() => IdFilter, { nullable: true, description: "EM query field `UID` (IDs of ReplicaTaskSession)." })
  id?: IdFilter;
  @Field(() => StringFilter, { nullable: true, description: "EM query field `Name`." })
  name?: StringFilter;
  @Field(() => DateTimeFilter, { nullable: true, description: "EM query field `CreationTime` (UTC)." })
  creationTimeUtc?: DateTimeFilter;
  @Field(() => DateTimeFilter, { nullable: true, description: "EM query field `EndTime` (UTC)." })
  endTimeUtc?: DateTimeFilter;
  @Field(() => TaskSessionStateFilter, { nullable: true, description: "EM query field `State`." })
  state?: TaskSessionStateFilter;
  @Field(() => SessionResultFilter, { nullable: true, description: "EM query field `Result`." })
  result?: SessionResultFilter;
  @Field(() => StringFilter, { nullable: true, description: "EM query field `Reason`." })
  reason?: StringFilter;
  @Field(() => LongFilter, { nullable: true, description: "EM query field `TotalSize`." })
  totalSize?: LongFilter;
  @Field(() => IdFilter, {
    nullable: true,
    description: "EM query field `JobSessionUid` (IDs of ReplicaJobSession).",
  })
  jobSessionUid?: IdFilter;
  @Field(() => IdFilter, { nullable: true, description: "EM query field `JobUid` (IDs of Job)." })
  jobUid?: IdFilter;
  @Field(() => StringFilter, { nullable: true, description: "EM query field `JobName`." })
  jobName?: StringFilter;
  @Field(() => IdFilter, {
    nullable: true,
    description: "EM query field `BackupServerUid` (IDs of BackupServer).",
  })
  backupServerUid?: IdFilter;
  @Field(() => StringFilter, { nullable: true, description: "EM query field `BackupServerName`." })
  backupServerName?: StringFilter;
  @Field(() => StringFilter, { nullable: true, description: "EM query field `VmDisplayName`." })
  vmDisplayName?: StringFilter;

  @Field(() => [ReplicaTaskSessionFilter], {
    nullable: true,
    description: "All of these filters hold. An empty list matches everything.",
  })
  and?: ReplicaTaskSessionFilter[];

  @Field(() => [ReplicaTaskSessionFilter], {
    nullable: true,
    description: "At least one of these filters holds. An empty list matches nothing.",
  })
  or?: ReplicaTaskSessionFilter[];

  @Field(() => ReplicaTaskSessionFilter, {
    nullable: true,
    description:
      "This filter does not hold. A comparison with a value the record lacks stays false under `not`, as in " +
      "SQL: `not: { endTimeUtc: { lt: T } }` does not select records without an end time.",
  })
  not?: ReplicaTaskSessionFilter;
}
