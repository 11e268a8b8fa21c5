import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root, type ClassType } from "type-graphql";
import { translateFilter } from "../filters/index.js";
import { siteQualifiedId } from "../ids/siteIds.js";
import { siteOf, type EntityRow } from "../loaders/EntitySource.js";
import { fetchConnection } from "../loaders/fetchConnection.js";
import { fetchMergedConnection } from "../loaders/fetchMergedConnection.js";
import { toListWindow, toMergedWindow, type ListArgs } from "../loaders/toListWindow.js";
import { LINKS, type Entity } from "../modules/shared/defineEntity.js";
import type { EntityLink } from "../modules/shared/EntityLink.js";
import { defineMethod as method } from "./defineMethod.js";
import { entityTypes } from "./entityTypes.js";
import { followLink } from "./followLink.js";
import type { GatewayContext } from "./GatewayContext.js";
import { lookupById } from "./lookupById.js";
import { Site } from "./sites/SiteType.js";

/** A root list's arguments: a connection's, and the sites to read. */
interface RootListArgs extends ListArgs {
  readonly sites?: readonly string[] | null;
}

/**
 * The resolver of one entity, derived from its declaration: the root lookup (`job(id:)`, through the
 * by-id loader of the id's site, so lookups in one operation share a query) and the root list (`jobs`,
 * one query-service window per site, merged when there are several), the ids and the `site` of each
 * object, and one field per link, followed on the object's own site: an `Up` link through `followLink`
 * (free for `{ id name }`), a child connection through the children loader batched across parents.
 */
export function entityResolver(entity: Entity): ClassType {
  const types = entityTypes(entity);
  const { source } = entity;
  const name = `${entity.typeName}Resolver`;
  const R = { [name]: class {} }[name]!;

  method(
    R,
    entity.rootFields.lookup,
    (id: string, ctx: GatewayContext) => lookupById(ctx, source, id, ["id"]),
    Query(() => types.object, {
      nullable: true,
      description: `A ${entity.typeName} by id (its \`id\`, an EM URN or a bare GUID); null when EM does not know it.`,
    }),
    [Arg("id", () => ID), Ctx()],
  );
  method(
    R,
    entity.rootFields.list,
    (args: RootListArgs, ctx: GatewayContext, info: GraphQLResolveInfo) => {
      const sites = ctx.sites.select(args.sites, ["sites"]);
      if (sites.length === 1) {
        const [site] = sites as [(typeof sites)[number]];
        return fetchConnection(site, source, toListWindow(args, source, ctx.limits, site.filterSite));
      }
      const window = toMergedWindow(args, source, ctx.limits);
      const parts = sites.map((site) => ({
        site: site.name,
        deps: site,
        filter: translateFilter(args.filter ?? undefined, source.query, ["filter"], site.filterSite),
      }));
      const asked = parts.filter((part) => part.filter.kind !== "none").length;
      let failed = 0;
      return fetchMergedConnection(parts, source, window, (site, error) => {
        failed += 1;
        ctx.sites.fail(site, error, info);
      }).then(
        // Every site asked failed: there is no data to show beside their errors, so the list is null.
        (connection) => (failed > 0 && failed === asked ? null : connection),
      );
    },
    Query(() => types.connection, {
      nullable: true,
      description:
        `${entity.rootFields.plural}, through EM's query service (\`type=${entity.query.queryType}\`), ` +
        "on every site (or those `sites` names), merged in the requested order. A site that fails leaves " +
        "its rows out, with an error naming it (`extensions.site`).",
    }),
    [Args(() => types.rootListArgs), Ctx(), Info()],
  );

  method(
    R,
    "id",
    (row: EntityRow) => siteQualifiedId(row.id, siteOf(row)),
    FieldResolver(() => ID, {
      description:
        "The id: EM's UID (`urn:veeam:<Type>:<guid>`), followed by `@<site>` except on the site named " +
        "`default`; pass it to `node(id:)`.",
    }),
    [Root()],
  );
  for (const [fieldName, field] of Object.entries(entity.fields)) {
    if (field.type !== "ID") continue;
    method(
      R,
      fieldName,
      (row: EntityRow) => {
        const value = row[fieldName];
        return typeof value === "string" ? siteQualifiedId(value, siteOf(row)) : null;
      },
      FieldResolver(() => ID, { nullable: field.nullable ?? false, description: field.description }),
      [Root()],
    );
  }
  method(
    R,
    "site",
    (row: EntityRow, ctx: GatewayContext) => ctx.sites.of(row).status,
    FieldResolver(() => Site, { description: "The Enterprise Manager this object was read from." }),
    [Root(), Ctx()],
  );

  for (const [linkName, link] of Object.entries(entity.links)) {
    const target = link.target();
    const targetTypes = entityTypes(target);
    if (link.kind === "up") {
      method(
        R,
        linkName,
        (parent: EntityRow, ctx: GatewayContext, info: GraphQLResolveInfo) => {
          const site = ctx.sites.of(parent);
          return followLink(
            (parent[LINKS] as Record<string, EntityLink | undefined>)[linkName],
            target.typeName,
            site.name,
            site.loaders.byId(target.source),
            info,
          );
        },
        FieldResolver(() => targetTypes.object, { nullable: true, description: link.description }),
        [Root(), Ctx(), Info()],
      );
    } else {
      method(
        R,
        linkName,
        (parent: EntityRow, args: ListArgs, ctx: GatewayContext) => {
          const site = ctx.sites.of(parent);
          return site.loaders.children(target.source, link.parentField).load({
            parentId: parent.id,
            parentFinal: entity.freshness.kind === "history" && entity.freshness.isFinal(parent),
            window: toListWindow(args, target.source, ctx.limits, site.filterSite),
          });
        },
        FieldResolver(() => targetTypes.connection, { nullable: true, description: link.description }),
        [Root(), Args(() => targetTypes.listArgs), Ctx()],
      );
    }
  }
  Resolver(() => types.object)(R);
  return R;
}
