import { Field, ID, InterfaceType } from "type-graphql";

/**
 * The Relay `Node` interface. Every EM entity's `id` is its EM UID (`urn:veeam:<Type>:<guid>`), which is
 * already globally unique and names its type, so it doubles as the global object id without re-encoding.
 */
@InterfaceType("Node", {
  description: "An object with a globally unique id: the EM UID, `urn:veeam:<Type>:<guid>`.",
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, {
    description: "The EM UID, `urn:veeam:<Type>:<guid>`, globally unique; pass it to `node(id:)`.",
  })
  id!: string;
}
