import { Field, InputType } from "type-graphql";
import { DateTimeFilter } from "../../filters/inputs/DateTimeFilter.js";
import { IdFilter } from "../../filters/inputs/IdFilter.js";
import { LongFilter } from "../../filters/inputs/LongFilter.js";
import { StringFilter } from "../../filters/inputs/StringFilter.js";
import { TaskSessionStateFilter } from "../../filters/inputs/enumFilters.js";

/**
 * GraphQL `CdpReplicaTaskSessionFilter`: conditions on CDP replication task sessions, pushed down to EM's
 * query service (`type=CdpReplicaTaskSession`) by `translateFilter(filter, CDP_REPLICA_TASK_SESSION_QUERY,
 * path)`. One field per entry of `CDP_REPLICA_TASK_SESSION_QUERY`, under the same name; the field tables,
 * not this class, say which EM query field each one reaches.
 */
@InputType("CdpReplicaTaskSessionFilter", {
  description:
    "Conditions on CDP replication task sessions, evaluated by Enterprise Manager's query service " +
    "(`type=CdpReplicaTaskSession`). Fields given together must all hold; `and`, `or` and `not` combine " +
    "whole filters. An empty filter matches everything, `or: []` nothing.",
})
export class CdpReplicaTaskSessionFilter {
  @Field(() => IdFilter, {
    nullable: true,
    description: "EM query field `Id` (IDs of CdpReplicaTaskSession).",
  })
  id?: IdFilter;
  @Field(() => StringFilter, { nullable: true, description: "EM query field `Name`." })
  name?: StringFilter;
  @Field(() => IdFilter, {
    nullable: true,
    description: "EM query field `PolicySessionUid` (IDs of CdpReplicaSession).",
  })
  policySessionUid?: IdFilter;
  @Field(() => StringFilter, { nullable: true, description: "EM query field `PolicySessionName`." })
  policySessionName?: StringFilter;
  @Field(() => IdFilter, {
    nullable: true,
    description: "EM query field `BackupServerUid` (IDs of BackupServer).",
  })
  backupServerUid?: IdFilter;
  @Field(() => StringFilter, { nullable: true, description: "EM query field `BackupServerName`." })
  backupServerName?: StringFilter;
  @Field(() => DateTimeFilter, { nullable: true, description: "EM query field `CreationTimeUTC` (UTC)." })
  creationTimeUtc?: DateTimeFilter;
  @Field(() => DateTimeFilter, { nullable: true, description: "EM query field `EndTimeUTC` (UTC)." })
  endTimeUtc?: DateTimeFilter;
  @Field(() => TaskSessionStateFilter, { nullable: true, description: "EM query field `State`." })
  state?: TaskSessionStateFilter;
  @Field(() => StringFilter, { nullable: true, description: "EM query field `Reason`." })
  reason?: StringFilter;
  @Field(() => LongFilter, { nullable: true, description: "EM query field `TotalSize`." })
  totalSize?: LongFilter;
  @Field(() => StringFilter, { nullable: true, description: "EM query field `VmDisplayName`." })
  vmDisplayName?: StringFilter;

  @Field(() => [CdpReplicaTaskSessionFilter], {
    nullable: true,
    description: "All of these filters hold. An empty list matches everything.",
  })
  and?: CdpReplicaTaskSessionFilter[];

  @Field(() => [CdpReplicaTaskSessionFilter], {
    nullable: true,
    description: "At least one of these filters holds. An empty list matches nothing.",
  })
  or?: CdpReplicaTaskSessionFilter[];

  @Field(() => CdpReplicaTaskSessionFilter, {
    nullable: true,
    description:
      "This filter does not hold. A comparison with a value the record lacks stays false under `not`, as in " +
      "SQL: `not: { endTimeUtc: { lt: T } }` does not select records without an end time.",
  })
  not?: CdpReplicaTaskSessionFilter;
}
