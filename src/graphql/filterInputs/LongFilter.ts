import { SafeIntResolver } from "graphql-scalars";
import { Field, InputType } from "type-graphql";
import { ABSENT_VALUE_RULE, OPERATOR_DESCRIPTIONS as D } from "./operatorDescriptions.js";

/** Conditions on a 64-bit EM integer (sizes in bytes pass 2^31, hence `SafeInt` rather than `Int`). */
@InputType("LongFilter", {
  description:
    "Conditions on a whole number, such as a size in bytes. Values up to 2^53-1 (`SafeInt`). " +
    ABSENT_VALUE_RULE,
})
export class LongFilter {
  @Field(() => SafeIntResolver, { nullable: true, description: D.eq })
  eq?: number;
  @Field(() => SafeIntResolver, { nullable: true, description: D.ne })
  ne?: number;
  @Field(() => SafeIntResolver, { nullable: true, description: D.lt })
  lt?: number;
  @Field(() => SafeIntResolver, { nullable: true, description: D.lte })
  lte?: number;
  @Field(() => SafeIntResolver, { nullable: true, description: D.gt })
  gt?: number;
  @Field(() => SafeIntResolver, { nullable: true, description: D.gte })
  gte?: number;
  @Field(() => [SafeIntResolver], { nullable: true, description: D.in })
  in?: number[];
  @Field(() => [SafeIntResolver], { nullable: true, description: D.notIn })
  notIn?: number[];
}
