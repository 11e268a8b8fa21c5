import { Field, Int, ObjectType, type ClassType } from "type-graphql";
import { PageInfo } from "./PageInfo.js";

/**
 * Declares the Relay connection and edge GraphQL types for a node type (type-graphql's generic-type
 * pattern: a class factory, called once per node type at module load).
 *
 * Hazard: type names must be unique in the schema, so call it exactly once per node class.
 */
export function connectionType<TNode extends object>(nodeName: string, nodeType: ClassType<TNode>) {
  @ObjectType(`${nodeName}Edge`, { description: `An edge to a ${nodeName} with its cursor.` })
  class EdgeType {
    @Field(() => String, { description: "Opaque cursor of this edge; pass it as `after` to read on." })
    cursor!: string;

    @Field(() => nodeType)
    node!: TNode;
  }

  @ObjectType(`${nodeName}Connection`, {
    description: `A page of ${nodeName} items (Relay cursor connection).`,
  })
  class ConnectionType {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => [nodeType], { description: "The nodes of `edges`, for clients that need no cursors." })
    nodes!: TNode[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, {
      description:
        "Number of items matching the filter across all pages. Costs an extra EM request unless the page " +
        "already reached the end of the list, so select it only when needed.",
    })
    totalCount!: number;
  }

  return ConnectionType;
}
