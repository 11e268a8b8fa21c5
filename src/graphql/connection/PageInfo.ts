import { Field, ObjectType } from "type-graphql";

/** Relay `PageInfo`: where a page sits in the whole list. Cursors are opaque. */
@ObjectType("PageInfo", { description: "Where this page sits in the whole list (Relay cursor connections)." })
export class PageInfo {
  @Field(() => Boolean, { description: "True when more items follow the last edge of this page." })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: "True when items precede the first edge of this page." })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the first edge; null on an empty page." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "Cursor of the last edge; pass it as `after`." })
  endCursor!: string | null;
}
