import { DateTimeResolver } from "graphql-scalars";
import { Field, InputType } from "type-graphql";
import { ABSENT_VALUE_RULE, OPERATOR_DESCRIPTIONS as D } from "./operatorDescriptions.js";

/** Conditions on a point in time, sent to EM as an ISO 8601 UTC literal. */
@InputType("DateTimeFilter", {
  description:
    "Conditions on a point in time. Enterprise Manager stores and compares times in UTC; a value with an " +
    "offset is converted to the same instant in UTC. EM keeps microseconds while these values carry " +
    "milliseconds, so `eq` rarely matches: prefer ranges (`gte` with `lt`). " +
    ABSENT_VALUE_RULE,
})
export class DateTimeFilter {
  @Field(() => DateTimeResolver, { nullable: true, description: D.eq })
  eq?: Date;
  @Field(() => DateTimeResolver, { nullable: true, description: D.ne })
  ne?: Date;
  @Field(() => DateTimeResolver, { nullable: true, description: D.lt })
  lt?: Date;
  @Field(() => DateTimeResolver, { nullable: true, description: D.lte })
  lte?: Date;
  @Field(() => DateTimeResolver, { nullable: true, description: D.gt })
  gt?: Date;
  @Field(() => DateTimeResolver, { nullable: true, description: D.gte })
  gte?: Date;
  @Field(() => [DateTimeResolver], { nullable: true, description: D.in })
  in?: Date[];
  @Field(() => [DateTimeResolver], { nullable: true, description: D.notIn })
  notIn?: Date[];
}
