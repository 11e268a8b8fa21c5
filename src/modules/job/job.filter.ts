import { Field, InputType } from "type-graphql";
import { BooleanFilter } from "../../filters/inputs/BooleanFilter.js";
import { DateTimeFilter } from "../../filters/inputs/DateTimeFilter.js";
import { IdFilter } from "../../filters/inputs/IdFilter.js";
import { StringFilter } from "../../filters/inputs/StringFilter.js";
import { JobTypeFilter, PlatformFilter } from "../../filters/inputs/enumFilters.js";

/**
 * GraphQL `JobFilter`: conditions on jobs, pushed down to EM's query service (`type=Job`) by
 * `translateFilter(filter, JOB_QUERY, path)`. One field per entry of `JOB_QUERY`, under the same name; the
 * field tables, not this class, say which EM query field each one reaches.
 */
@InputType("JobFilter", {
  description:
    "Conditions on jobs, evaluated by Enterprise Manager's query service (`type=Job`). Fields given " +
    "together must all hold; `and`, `or` and `not` combine whole filters. An empty filter matches " +
    "everything, `or: []` nothing.",
})
export class JobFilter {
  @Field(() => IdFilter, { nullable: true, description: "EM query field `UID` (IDs of Job)." })
  id?: IdFilter;
  @Field(() => StringFilter, { nullable: true, description: "EM query field `Name`." })
  name?: StringFilter;
  @Field(() => StringFilter, { nullable: true, description: "EM query field `Description`." })
  description?: StringFilter;
  @Field(() => DateTimeFilter, { nullable: true, description: "EM query field `NextRun` (UTC)." })
  nextRun?: DateTimeFilter;
  @Field(() => JobTypeFilter, { nullable: true, description: "EM query field `JobType`." })
  jobType?: JobTypeFilter;
  @Field(() => PlatformFilter, { nullable: true, description: "EM query field `Platform`." })
  platform?: PlatformFilter;
  @Field(() => BooleanFilter, { nullable: true, description: "EM query field `ScheduleConfigured`." })
  scheduleConfigured?: BooleanFilter;
  @Field(() => BooleanFilter, { nullable: true, description: "EM query field `ScheduleEnabled`." })
  scheduleEnabled?: BooleanFilter;
  @Field(() => IdFilter, {
    nullable: true,
    description: "EM query field `BackupServerUid` (IDs of BackupServer).",
  })
  backupServerUid?: IdFilter;
  @Field(() => StringFilter, { nullable: true, description: "EM query field `BackupServerName`." })
  backupServerName?: StringFilter;

  @Field(() => [JobFilter], {
    nullable: true,
    description: "All of these filters hold. An empty list matches everything.",
  })
  and?: JobFilter[];

  @Field(() => [JobFilter], {
    nullable: true,
    description: "At least one of these filters holds. An empty list matches nothing.",
  })
  or?: JobFilter[];

  @Field(() => JobFilter, {
    nullable: true,
    description:
      "This filter does not hold. A comparison with a value the record lacks stays false under `not`, as in " +
      "SQL: `not: { name: { eq: X } }` does not select records without a name.",
  })
  not?: JobFilter;
}
