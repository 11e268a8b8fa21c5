import { Field, InputType } from "type-graphql";
import { BooleanFilter } from "../../filters/inputs/BooleanFilter.js";
import { DateTimeFilter } from "../../filters/inputs/DateTimeFilter.js";
import { IdFilter } from "../../filters/inputs/IdFilter.js";
import { StringFilter } from "../../filters/inputs/StringFilter.js";
import { JobTypeFilter, SessionResultFilter, SessionStateFilter } from "../../filters/inputs/enumFilters.js";

/**
 * GraphQL `ReplicaJobSessionFilter`: conditions on replication job sessions, pushed down to EM's query
 * service (`type=ReplicaJobSession`) by `translateFilter(filter, REPLICA_JOB_SESSION_QUERY, path)`. One
 * field per entry of `REPLICA_JOB_SESSION_QUERY`, under the same name; the field tables, not this class, say
 * which EM query field each one reaches.
 */
@InputType("ReplicaJobSessionFilter", {
  description:
    "Conditions on replication job sessions, evaluated by Enterprise Manager's query service " +
    "(`type=ReplicaJobSession`). Fields given together must all hold; `and`, `or` and `not` combine whole" +
    " filters. An empty filter matches everything, `or: []` nothing.",
})
export class ReplicaJobSessionFilter {
  @Field(() => IdFilter, { nullable: true, description: "EM query field `UID` (IDs of ReplicaJobSession)." })
  id?: IdFilter;
  @Field(() => StringFilter, { nullable: true, description: "EM query field `Name`." })
  name?: StringFilter;
  @Field(() => JobTypeFilter, { nullable: true, description: "EM query field `JobType`." })
  jobType?: JobTypeFilter;
  @Field(() => IdFilter, { nullable: true, description: "EM query field `JobUid` (IDs of Job)." })
  jobUid?: IdFilter;
  @Field(() => StringFilter, { nullable: true, description: "EM query field `JobName`." })
  jobName?: StringFilter;
  @Field(() => DateTimeFilter, { nullable: true, description: "EM query field `CreationTime` (UTC)." })
  creationTimeUtc?: DateTimeFilter;
  @Field(() => DateTimeFilter, { nullable: true, description: "EM query field `EndTime` (UTC)." })
  endTimeUtc?: DateTimeFilter;
  @Field(() => SessionStateFilter, { nullable: true, description: "EM query field `State`." })
  state?: SessionStateFilter;
  @Field(() => SessionResultFilter, { nullable: true, description: "EM query field `Result`." })
  result?: SessionResultFilter;
  @Field(() => BooleanFilter, { nullable: true, description: "EM query field `IsRetry`." })
  isRetry?: BooleanFilter;
  @Field(() => IdFilter, {
    nullable: true,
    description: "EM query field `BackupServerUid` (IDs of BackupServer).",
  })
  backupServerUid?: IdFilter;
  @Field(() => StringFilter, { nullable: true, description: "EM query field `BackupServerName`." })
  backupServerName?: StringFilter;

  @Field(() => [ReplicaJobSessionFilter], {
    nullable: true,
    description: "All of these filters hold. An empty list matches everything.",
  })
  and?: ReplicaJobSessionFilter[];

  @Field(() => [ReplicaJobSessionFilter], {
    nullable: true,
    description: "At least one of these filters holds. An empty list matches nothing.",
  })
  or?: ReplicaJobSessionFilter[];

  @Field(() => ReplicaJobSessionFilter, {
    nullable: true,
    description:
      "This filter does not hold. A comparison with a value the record lacks stays false under `not`, as in " +
      "SQL: `not: { endTimeUtc: { lt: T } }` does not select records without an end time.",
  })
  not?: ReplicaJobSessionFilter;
}
