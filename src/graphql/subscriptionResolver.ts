import { GraphQLError } from "graphql";
import { Arg, Ctx, Resolver, Root, Subscription, type ClassType } from "type-graphql";
import { GatewayErrorCode } from "../errors/GatewayErrorCode.js";
import { translateFilter } from "../filters/index.js";
import { LiveLimitError } from "../live/LiveHub.js";
import type { EntityRow } from "../loaders/EntitySource.js";
import type { Entity } from "../modules/shared/defineEntity.js";
import { defineMethod } from "./defineMethod.js";
import { entityTypes } from "./entityTypes.js";
import type { GatewayContext } from "./GatewayContext.js";

/** `backupJobSession` → `backupJobSessionChanged`: the subscription field of an entity with a history. */
export function subscriptionFieldOf(entity: Entity): string | undefined {
  return entity.freshness.kind === "history" ? `${entity.rootFields.lookup}Changed` : undefined;
}

/**
 * The subscription of one session entity (`backupJobSessionChanged(filter:)`), derived from its
 * declaration: every row matching the filter whose fields change, and every new one, as EM's query service
 * reports them to the feed shared by all subscribers of the same filter and identity (LiveHub). Nested
 * fields resolve through fresh loaders for each event. Undefined for entities without a history.
 */
export function subscriptionResolver(entity: Entity): ClassType | undefined {
  const field = subscriptionFieldOf(entity);
  if (!field) return undefined;
  const types = entityTypes(entity);
  const { source } = entity;
  const name = `${entity.typeName}SubscriptionResolver`;
  const R = { [name]: class {} }[name]!;
  const final = entity.freshness.kind === "history" ? entity.freshness.finalWhen : undefined;
  defineMethod(
    R,
    field,
    (row: EntityRow, _filter: unknown, _sites: unknown, ctx: GatewayContext) => {
      ctx.live?.nextEvent();
      return row;
    },
    Subscription(() => types.object, {
      description:
        `Each ${entity.typeName} matching \`filter\` whenever it changes (state, progress, result, any ` +
        `field) and each new one, until it is ${final?.value ?? "final"}: polled from each site's EM every ` +
        "LIVE_POLL_INTERVAL_MS by one feed per site shared by all subscribers of the same filter. Over " +
        "WebSocket (`/graphql`) or SSE (`/graphql/stream`).",
      subscribe: ({ args, context }) => {
        const ctx = context as GatewayContext;
        const live = ctx.live;
        if (!live)
          throw new GraphQLError(
            "Subscriptions are served over WebSocket (graphql-transport-ws on /graphql) and SSE (/graphql/stream)",
            { extensions: { code: GatewayErrorCode.BAD_USER_INPUT } },
          );
        const { filter, sites } = args as { filter?: object | null; sites?: string[] | null };
        const requests = ctx.sites.select(sites, ["sites"]).flatMap((site) => {
          const translated = translateFilter(filter ?? undefined, source.query, ["filter"], site.filterSite);
          const reach = live.site(site.name);
          if (reach.scope === undefined)
            throw new GraphQLError(
              "Passthrough mode: send your Enterprise Manager credentials in the connection's init payload " +
                '(`{ "authorization": "Basic …" }`) or the SSE request\'s Authorization header',
              { extensions: { code: GatewayErrorCode.UNAUTHENTICATED } },
            );
          // A filter that can only match on other sites (their ids) needs no feed here.
          if (translated.kind === "none") return [];
          return [{ site: site.name, source, filter: translated, ...reach, scope: reach.scope }];
        });
        try {
          return live.hub.subscribe(requests);
        } catch (error) {
          if (!(error instanceof LiveLimitError)) throw error;
          throw new GraphQLError(error.message, {
            extensions: { code: GatewayErrorCode.TOO_MANY_SUBSCRIPTIONS, limit: error.limit },
          });
        }
      },
    }),
    [
      Root(),
      Arg("filter", () => types.filter, { nullable: true }),
      Arg("sites", () => [String], {
        nullable: true,
        description: "Only these sites (see `sites`); every site when omitted.",
      }),
      Ctx(),
    ],
  );
  Resolver()(R);
  return R;
}
