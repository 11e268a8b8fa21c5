import { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { entityResolver } from "./graphql/entityResolver.js";
import { nodeResolver } from "./graphql/nodeResolver.js";
import { subscriptionResolver } from "./graphql/subscriptionResolver.js";
import { SiteResolver } from "./graphql/sites/siteResolver.js";
import {
  SiteSummaryResolver,
  SummaryRepositoryResolver,
  SummaryResolver,
} from "./graphql/summary/summaryResolver.js";
import { ENTITIES } from "./modules/entities.js";

/**
 * Every resolver class of the gateway: derived from the entity registry, plus the summary reports and the
 * sites. The schema
 * is what they declare.
 */
const RESOLVERS = [
  ...ENTITIES.map(entityResolver),
  nodeResolver(ENTITIES),
  ...ENTITIES.flatMap((entity) => subscriptionResolver(entity) ?? []),
  SummaryResolver,
  SummaryRepositoryResolver,
  SiteResolver,
  SiteSummaryResolver,
] as const;

/**
 * Builds the executable schema from the type-graphql classes. Pure apart from type-graphql's global
 * metadata; `schema/schema.graphql` is this schema printed (see `npm run schema`).
 */
export async function buildGatewaySchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS as unknown as [Function, ...Function[]],
    // Inputs are validated by the resolvers (paths in BAD_USER_INPUT errors), not by class-validator.
    validate: false,
    // type-graphql insists on a PubSub once a schema has subscriptions, even when each declares its own
    // `subscribe` (the live feeds), as all of ours do.
    pubSub: {
      publish: () => {
        throw new Error("the gateway's subscriptions have their own feeds; nothing publishes to a PubSub");
      },
      subscribe: () => {
        throw new Error("the gateway's subscriptions have their own feeds; nothing subscribes to a PubSub");
      },
    },
  });
}
