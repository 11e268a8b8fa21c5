import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import type { GatewayContext } from "../../context.js";
import { fetchConnection } from "../../loaders/fetchConnection.js";
import { BackupServer } from "../backup-server/backup-server.type.js";
import { CdpPolicy } from "../cdp-policy/cdp-policy.type.js";
import {
  CdpReplicaTaskSessionConnection,
  CdpReplicaTaskSessionsArgs,
} from "../cdp-replica-task-session/cdp-replica-task-session.args.js";
import { CDP_REPLICA_TASK_SESSION_SOURCE } from "../cdp-replica-task-session/cdp-replica-task-session.source.js";
import { toListWindow } from "../shared/connection/toListWindow.js";
import { followLink } from "../shared/followLink.js";
import { lookupById } from "../shared/lookupById.js";
import { CdpReplicaSessionConnection, CdpReplicaSessionsArgs } from "./cdp-replica-session.args.js";
import { CDP_REPLICA_SESSION_SOURCE } from "./cdp-replica-session.source.js";
import { CdpReplicaSession } from "./cdp-replica-session.type.js";

/** Root fields of CDP replication sessions and their links (up: server, policy; down: task sessions). */
@Resolver(() => CdpReplicaSession)
export class CdpReplicaSessionResolver {
  @Query(() => CdpReplicaSession, {
    nullable: true,
    description: "A CDP replication session by id (URN or bare GUID); null when EM does not know it.",
  })
  cdpReplicaSession(@Arg("id", () => ID) id: string, @Ctx() ctx: GatewayContext) {
    return lookupById(ctx.loaders.cdpReplicaSession, "CdpReplicaSession", id, ["id"]);
  }

  @Query(() => CdpReplicaSessionConnection, {
    nullable: true,
    description: "CDP replication sessions, through EM's query service (`type=CdpReplicaSession`).",
  })
  cdpReplicaSessions(
    @Args(() => CdpReplicaSessionsArgs) args: CdpReplicaSessionsArgs,
    @Ctx() ctx: GatewayContext,
  ) {
    const source = CDP_REPLICA_SESSION_SOURCE;
    return fetchConnection(ctx, source, toListWindow(args, source, ctx.limits));
  }

  @FieldResolver(() => BackupServer, {
    nullable: true,
    description: "The backup server where the CDP policy is configured (the session's `Up` link).",
  })
  backupServer(
    @Root() session: CdpReplicaSession,
    @Ctx() ctx: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return followLink(session.backupServerLink, "BackupServer", ctx.loaders.backupServer, info);
  }

  @FieldResolver(() => CdpPolicy, { nullable: true, description: "The CDP policy that runs this session." })
  policy(@Root() session: CdpReplicaSession, @Ctx() ctx: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return followLink(session.policyLink, "CdpPolicy", ctx.loaders.cdpPolicy, info);
  }

  @FieldResolver(() => CdpReplicaTaskSessionConnection, {
    nullable: true,
    description: "The task sessions (one per VM) of this session; batched across sessions.",
  })
  taskSessions(
    @Root() session: CdpReplicaSession,
    @Args(() => CdpReplicaTaskSessionsArgs) args: CdpReplicaTaskSessionsArgs,
    @Ctx() ctx: GatewayContext,
  ) {
    const window = toListWindow(args, CDP_REPLICA_TASK_SESSION_SOURCE, ctx.limits);
    return ctx.loaders.cdpTaskSessionsOfSession.load({ parentId: session.id, window });
  }
}
