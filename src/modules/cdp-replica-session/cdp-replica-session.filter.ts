import { Field, InputType } from "type-graphql";
import { DateTimeFilter } from "../../filters/inputs/DateTimeFilter.js";
import { IdFilter } from "../../filters/inputs/IdFilter.js";
import { StringFilter } from "../../filters/inputs/StringFilter.js";
import { SessionResultFilter, SessionStateFilter } from "../../filters/inputs/enumFilters.js";

/**
 * GraphQL `CdpReplicaSessionFilter`: conditions on CDP replication sessions, pushed down to EM's query
 * service (`type=CdpReplicaSession`) by `translateFilter(filter, CDP_REPLICA_SESSION_QUERY, path)`. One
 * field per entry of `CDP_REPLICA_SESSION_QUERY`, under the same name; the field tables, not this class, say
 * which EM query field each one reaches.
 */
@InputType("CdpReplicaSessionFilter", {
  description:
    "Conditions on CDP replication sessions, evaluated by Enterprise Manager's query service " +
    "(`type=CdpReplicaSession`). Fields given together must all hold; `and`, `or` and `not` combine whole" +
    " filters. An empty filter matches everything, `or: []` nothing.",
})
export class CdpReplicaSessionFilter {
  @Field(() => IdFilter, { nullable: true, description: "EM query field `Id` (IDs of CdpReplicaSession)." })
  id?: IdFilter;
  @Field(() => StringFilter, { nullable: true, description: "EM query field `Name`." })
  name?: StringFilter;
  @Field(() => IdFilter, { nullable: true, description: "EM query field `PolicyUid` (IDs of CdpPolicy)." })
  policyUid?: IdFilter;
  @Field(() => StringFilter, { nullable: true, description: "EM query field `PolicyName`." })
  policyName?: StringFilter;
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
  @Field(() => SessionStateFilter, { nullable: true, description: "EM query field `State`." })
  state?: SessionStateFilter;
  @Field(() => SessionResultFilter, { nullable: true, description: "EM query field `Result`." })
  result?: SessionResultFilter;
  @Field(() => StringFilter, { nullable: true, description: "EM query field `FailureMessage`." })
  failureMessage?: StringFilter;

  @Field(() => [CdpReplicaSessionFilter], {
    nullable: true,
    description: "All of these filters hold. An empty list matches everything.",
  })
  and?: CdpReplicaSessionFilter[];

  @Field(() => [CdpReplicaSessionFilter], {
    nullable: true,
    description: "At least one of these filters holds. An empty list matches nothing.",
  })
  or?: CdpReplicaSessionFilter[];

  @Field(() => CdpReplicaSessionFilter, {
    nullable: true,
    description:
      "This filter does not hold. A comparison with a value the record lacks stays false under `not`, as in " +
      "SQL: `not: { endTimeUtc: { lt: T } }` does not select records without an end time.",
  })
  not?: CdpReplicaSessionFilter;
}
