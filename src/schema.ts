import { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { BackupServerResolver } from "./modules/backup-server/backup-server.resolver.js";
import { CdpPolicyResolver } from "./modules/cdp-policy/cdp-policy.resolver.js";
import { CdpReplicaSessionResolver } from "./modules/cdp-replica-session/cdp-replica-session.resolver.js";
import { CdpReplicaTaskSessionResolver } from "./modules/cdp-replica-task-session/cdp-replica-task-session.resolver.js";
import { JobResolver } from "./modules/job/job.resolver.js";
import { NodeResolver } from "./modules/node/node.resolver.js";
import { ReplicaJobSessionResolver } from "./modules/replica-job-session/replica-job-session.resolver.js";
import { ReplicaTaskSessionResolver } from "./modules/replica-task-session/replica-task-session.resolver.js";

/** Every resolver class of the gateway; the schema is exactly what these declare. */
const RESOLVERS = [
  CdpReplicaSessionResolver,
  CdpReplicaTaskSessionResolver,
  ReplicaJobSessionResolver,
  ReplicaTaskSessionResolver,
  BackupServerResolver,
  CdpPolicyResolver,
  JobResolver,
  NodeResolver,
] as const;

/**
 * Builds the executable schema from the type-graphql classes. Pure apart from type-graphql's global
 * metadata; `schema/schema.graphql` is this schema printed (see `npm run schema`).
 */
export async function buildGatewaySchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    // Inputs are validated by the resolvers (paths in BAD_USER_INPUT errors), not by class-validator.
    validate: false,
  });
}
