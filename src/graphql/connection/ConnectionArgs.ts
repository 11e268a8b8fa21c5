import { ArgsType, Field, Int } from "type-graphql";

/** Forward paging arguments shared by every connection field (Relay cursor connections). */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    description:
      "Number of items to return: 50 when omitted, at most 500 (both configurable on the gateway).",
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Return the items after this cursor (`endCursor`)." })
  after?: string | null;
}
