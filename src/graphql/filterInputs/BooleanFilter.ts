import { Field, InputType } from "type-graphql";
import { ABSENT_VALUE_RULE, OPERATOR_DESCRIPTIONS as D } from "./operatorDescriptions.js";

/** Conditions on a yes/no field. No ordering and no lists: `eq`/`ne` say everything. */
@InputType("BooleanFilter", { description: "Conditions on a yes/no field. " + ABSENT_VALUE_RULE })
export class BooleanFilter {
  @Field(() => Boolean, { nullable: true, description: D.eq })
  eq?: boolean;
  @Field(() => Boolean, { nullable: true, description: D.ne })
  ne?: boolean;
}
