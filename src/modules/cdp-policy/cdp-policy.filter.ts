import { Field, InputType } from "type-graphql";
import { BooleanFilter } from "../../filters/inputs/BooleanFilter.js";
import { DateTimeFilter } from "../../filters/inputs/DateTimeFilter.js";
import { IdFilter } from "../../filters/inputs/IdFilter.js";
import { StringFilter } from "../../filters/inputs/StringFilter.js";

/**
 * GraphQL `CdpPolicyFilter`: conditions on CDP policies, pushed down to EM's query service
 * (`type=CdpPolicy`) by `translateFilter(filter, CDP_POLICY_QUERY, path)`. One field per entry of
 * `CDP_POLICY_QUERY`, under the same name; the field tables, not this class, say which EM query field each
 * one reaches.
 */
@InputType("CdpPolicyFilter", {
  description:
    "Conditions on CDP policies, evaluated by Enterprise Manager's query service (`type=CdpPolicy`). " +
    "Fields given together must all hold; `and`, `or` and `not` combine whole filters. An empty filter " +
    "matches everything, `or: []` nothing.",
})
export class CdpPolicyFilter {
  @Field(() => IdFilter, { nullable: true, description: "EM query field `UID` (IDs of CdpPolicy)." })
  id?: IdFilter;
  @Field(() => StringFilter, { nullable: true, description: "EM query field `Name`." })
  name?: StringFilter;
  @Field(() => StringFilter, { nullable: true, description: "EM query field `Description`." })
  description?: StringFilter;
  @Field(() => DateTimeFilter, { nullable: true, description: "EM query field `NextRun` (UTC)." })
  nextRun?: DateTimeFilter;
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

  @Field(() => [CdpPolicyFilter], {
    nullable: true,
    description: "All of these filters hold. An empty list matches everything.",
  })
  and?: CdpPolicyFilter[];

  @Field(() => [CdpPolicyFilter], {
    nullable: true,
    description: "At least one of these filters holds. An empty list matches nothing.",
  })
  or?: CdpPolicyFilter[];

  @Field(() => CdpPolicyFilter, {
    nullable: true,
    description:
      "This filter does not hold. A comparison with a value the record lacks stays false under `not`, as in " +
      "SQL: `not: { name: { eq: X } }` does not select records without a name.",
  })
  not?: CdpPolicyFilter;
}
