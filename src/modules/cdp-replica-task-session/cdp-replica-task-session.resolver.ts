import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import type { GatewayContext } from "../../context.js";
import { fetchConnection } from "../../loaders/fetchConnection.js";
import { BackupServer } from "../backup-server/backup-server.type.js";
import { CdpReplicaSession } from "../cdp-replica-session/cdp-replica-session.type.js";
import { toListWindow } from "../shared/connection/toListWindow.js";
import { followLink } from "../shared/followLink.js";
import { lookupById } from "../shared/lookupById.js";
import {
  CdpReplicaTaskSessionConnection,
  CdpReplicaTaskSessionsArgs,
} from "./cdp-replica-task-session.args.js";
import { CDP_REPLICA_TASK_SESSION_SOURCE } from "./cdp-replica-task-session.source.js";
import { CdpReplicaTaskSession } from "./cdp-replica-task-session.type.js";

/** Root fields of CDP replication task sessions and their up links (session, backup server). */
@Resolver(() => CdpReplicaTaskSession)
export class CdpReplicaTaskSessionResolver {
  @Query(() => CdpReplicaTaskSession, {
    nullable: true,
    description: "A CDP replication task session by id (URN or bare GUID); null when EM does not know it.",
  })
  cdpReplicaTaskSession(@Arg("id", () => ID) id: string, @Ctx() ctx: GatewayContext) {
    return lookupById(ctx.loaders.cdpReplicaTaskSession, "CdpReplicaTaskSession", id, ["id"]);
  }

  @Query(() => CdpReplicaTaskSessionConnection, {
    nullable: true,
    description: "CDP replication task sessions, through EM's query service (`type=CdpReplicaTaskSession`).",
  })
  cdpReplicaTaskSessions(
    @Args(() => CdpReplicaTaskSessionsArgs) args: CdpReplicaTaskSessionsArgs,
    @Ctx() ctx: GatewayContext,
  ) {
    const source = CDP_REPLICA_TASK_SESSION_SOURCE;
    return fetchConnection(ctx, source, toListWindow(args, source, ctx.limits));
  }

  @FieldResolver(() => CdpReplicaSession, {
    nullable: true,
    description: "The CDP replication session of this task.",
  })
  session(@Root() task: CdpReplicaTaskSession, @Ctx() ctx: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return followLink(task.sessionLink, "CdpReplicaSession", ctx.loaders.cdpReplicaSession, info);
  }

  @FieldResolver(() => BackupServer, {
    nullable: true,
    description: "The backup server where the CDP policy is created.",
  })
  backupServer(
    @Root() task: CdpReplicaTaskSession,
    @Ctx() ctx: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return followLink(task.backupServerLink, "BackupServer", ctx.loaders.backupServer, info);
  }
}
