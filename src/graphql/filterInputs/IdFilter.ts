import { Field, ID, InputType } from "type-graphql";
import { ABSENT_VALUE_RULE, OPERATOR_DESCRIPTIONS as D } from "./operatorDescriptions.js";

/** Conditions on an EM UID; values are normalised to full URNs of the field's type. */
@InputType("IdFilter", {
  description:
    "Conditions on an Enterprise Manager ID. Values are full IDs (`urn:veeam:<Type>:<guid>`) or bare GUIDs, " +
    "which are read as IDs of the type the field holds; an ID of another type is an error. " +
    ABSENT_VALUE_RULE,
})
export class IdFilter {
  @Field(() => ID, { nullable: true, description: D.eq })
  eq?: string;
  @Field(() => ID, { nullable: true, description: D.ne })
  ne?: string;
  @Field(() => [ID], { nullable: true, description: D.in })
  in?: string[];
  @Field(() => [ID], { nullable: true, description: D.notIn })
  notIn?: string[];
}
