import { Field, InputType } from "type-graphql";
import { ABSENT_VALUE_RULE, OPERATOR_DESCRIPTIONS as D } from "./operatorDescriptions.js";

/** Conditions on a text field, translated to EM comparisons with the value always quoted. */
@InputType("StringFilter", {
  description:
    'Conditions on a text field, evaluated by Enterprise Manager. Comparisons ignore case (`eq: "web01"` ' +
    "matches `WEB01`), and `lt`/`gt` use EM's case-insensitive order. Values are matched literally: no " +
    "wildcards; any character except control characters may appear. " +
    ABSENT_VALUE_RULE,
})
export class StringFilter {
  @Field(() => String, { nullable: true, description: D.eq })
  eq?: string;
  @Field(() => String, { nullable: true, description: D.ne })
  ne?: string;
  @Field(() => [String], { nullable: true, description: D.in })
  in?: string[];
  @Field(() => [String], { nullable: true, description: D.notIn })
  notIn?: string[];
  @Field(() => String, { nullable: true, description: D.lt })
  lt?: string;
  @Field(() => String, { nullable: true, description: D.lte })
  lte?: string;
  @Field(() => String, { nullable: true, description: D.gt })
  gt?: string;
  @Field(() => String, { nullable: true, description: D.gte })
  gte?: string;
}
