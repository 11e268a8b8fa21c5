import { Field, ID, InterfaceType } from "type-graphql";

/**
 * The Relay `Node` interface. Every EM entity's `id` is its EM UID (`urn:veeam:<Type>:<guid>`), which names
 * its type, followed by `@<site>` when the gateway serves several EM servers (ids/siteIds.ts): globally
 * unique, readable, and the EM UID still in it for pasting into EM's own tools.
 */
@InterfaceType("Node", {
  description:
    "An object with a globally unique id: its EM UID, `urn:veeam:<Type>:<guid>`, followed by `@<site>` on " +
    "sites other than `default`.",
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, {
    description:
      "The EM UID, `urn:veeam:<Type>:<guid>`, and `@<site>` on sites other than `default`; pass it to `node(id:)`.",
  })
  id!: string;
}
