import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root, type ClassType } from "type-graphql";
import { defineMethod as method } from "./defineMethod.js";
import { fetchConnection } from "../loaders/fetchConnection.js";
import type { EntityRow } from "../loaders/EntitySource.js";
import { toListWindow, type ListArgs } from "../loaders/toListWindow.js";
import { LINKS, type Entity } from "../modules/shared/defineEntity.js";
import type { EntityLink } from "../modules/shared/EntityLink.js";
import { entityTypes } from "./entityTypes.js";
import { followLink } from "./followLink.js";
import type { GatewayContext } from "./GatewayContext.js";
import { lookupById } from "./lookupById.js";

/**
 * The resolver of one entity, derived from its declaration: the root lookup (`job(id:)`, through the
 * by-id loader, so lookups in one operation share a query) and the root list (`jobs`, one query-service
 * window), and one field per link: an `Up` link through `followLink` (free for `{ id name }`), a child
 * connection through the children loader batched across parents.
 */
export function entityResolver(entity: Entity): ClassType {
  const types = entityTypes(entity);
  const { source } = entity;
  const name = `${entity.typeName}Resolver`;
  const R = { [name]: class {} }[name]!;

  method(
    R,
    entity.rootFields.lookup,
    (id: string, ctx: GatewayContext) => lookupById(ctx.loaders.byId(source), entity.typeName, id, ["id"]),
    Query(() => types.object, {
      nullable: true,
      description: `A ${entity.typeName} by id (URN or bare GUID); null when EM does not know it.`,
    }),
    [Arg("id", () => ID), Ctx()],
  );
  method(
    R,
    entity.rootFields.list,
    (args: ListArgs, ctx: GatewayContext) =>
      fetchConnection(ctx, source, toListWindow(args, source, ctx.limits)),
    Query(() => types.connection, {
      nullable: true,
      description: `${entity.rootFields.plural}, through EM's query service (\`type=${entity.query.queryType}\`).`,
    }),
    [Args(() => types.listArgs), Ctx()],
  );

  for (const [linkName, link] of Object.entries(entity.links)) {
    const target = link.target();
    const targetTypes = entityTypes(target);
    if (link.kind === "up") {
      method(
        R,
        linkName,
        (parent: EntityRow, ctx: GatewayContext, info: GraphQLResolveInfo) =>
          followLink(
            (parent[LINKS] as Record<string, EntityLink | undefined>)[linkName],
            target.typeName,
            ctx.loaders.byId(target.source),
            info,
          ),
        FieldResolver(() => targetTypes.object, { nullable: true, description: link.description }),
        [Root(), Ctx(), Info()],
      );
    } else {
      method(
        R,
        linkName,
        (parent: EntityRow, args: ListArgs, ctx: GatewayContext) =>
          ctx.loaders.children(target.source, link.parentField).load({
            parentId: parent.id,
            parentFinal: entity.freshness.kind === "history" && entity.freshness.isFinal(parent),
            window: toListWindow(args, target.source, ctx.limits),
          }),
        FieldResolver(() => targetTypes.connection, { nullable: true, description: link.description }),
        [Root(), Args(() => targetTypes.listArgs), Ctx()],
      );
    }
  }
  Resolver(() => types.object)(R);
  return R;
}
