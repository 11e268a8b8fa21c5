import { Field, InputType } from "type-graphql";
import { IdFilter } from "../../filters/inputs/IdFilter.js";
import { LongFilter } from "../../filters/inputs/LongFilter.js";
import { StringFilter } from "../../filters/inputs/StringFilter.js";

/**
 * GraphQL `BackupServerFilter`: conditions on backup servers, pushed down to EM's query service
 * (`type=BackupServer`) by `translateFilter(filter, BACKUP_SERVER_QUERY, path)`. One field per entry of
 * `BACKUP_SERVER_QUERY`, under the same name; the field tables, not this class, say which EM query field
 * each one reaches.
 */
@InputType("BackupServerFilter", {
  description:
    "Conditions on backup servers, evaluated by Enterprise Manager's query service (`type=BackupServer`)." +
    " Fields given together must all hold; `and`, `or` and `not` combine whole filters. An empty filter " +
    "matches everything, `or: []` nothing.",
})
export class BackupServerFilter {
  @Field(() => IdFilter, { nullable: true, description: "EM query field `UID` (IDs of BackupServer)." })
  id?: IdFilter;
  @Field(() => StringFilter, { nullable: true, description: "EM query field `Name`." })
  name?: StringFilter;
  @Field(() => StringFilter, { nullable: true, description: "EM query field `Description`." })
  description?: StringFilter;
  @Field(() => StringFilter, { nullable: true, description: "EM query field `IpOrDnsName`." })
  ipOrDnsName?: StringFilter;
  @Field(() => LongFilter, { nullable: true, description: "EM query field `Port`." })
  port?: LongFilter;
  @Field(() => StringFilter, { nullable: true, description: "EM query field `Version`." })
  version?: StringFilter;

  @Field(() => [BackupServerFilter], {
    nullable: true,
    description: "All of these filters hold. An empty list matches everything.",
  })
  and?: BackupServerFilter[];

  @Field(() => [BackupServerFilter], {
    nullable: true,
    description: "At least one of these filters holds. An empty list matches nothing.",
  })
  or?: BackupServerFilter[];

  @Field(() => BackupServerFilter, {
    nullable: true,
    description:
      "This filter does not hold. A comparison with a value the record lacks stays false under `not`, as in " +
      "SQL: `not: { name: { eq: X } }` does not select records without a name.",
  })
  not?: BackupServerFilter;
}
