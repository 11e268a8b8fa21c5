import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import type { GatewayContext } from "../../context.js";
import { fetchConnection } from "../../loaders/fetchConnection.js";
import { BackupServer } from "../backup-server/backup-server.type.js";
import { ReplicaJobSession } from "../replica-job-session/replica-job-session.type.js";
import { toListWindow } from "../shared/connection/toListWindow.js";
import { followLink } from "../shared/followLink.js";
import { lookupById } from "../shared/lookupById.js";
import { ReplicaTaskSessionConnection, ReplicaTaskSessionsArgs } from "./replica-task-session.args.js";
import { REPLICA_TASK_SESSION_SOURCE } from "./replica-task-session.source.js";
import { ReplicaTaskSession } from "./replica-task-session.type.js";

/** Root fields of replication task sessions and their up links (session, backup server). */
@Resolver(() => ReplicaTaskSession)
export class ReplicaTaskSessionResolver {
  @Query(() => ReplicaTaskSession, {
    nullable: true,
    description: "A replication task session by id (URN or bare GUID); null when EM does not know it.",
  })
  replicaTaskSession(@Arg("id", () => ID) id: string, @Ctx() ctx: GatewayContext) {
    return lookupById(ctx.loaders.replicaTaskSession, "ReplicaTaskSession", id, ["id"]);
  }

  @Query(() => ReplicaTaskSessionConnection, {
    nullable: true,
    description: "Replication task sessions, through EM's query service (`type=ReplicaTaskSession`).",
  })
  replicaTaskSessions(
    @Args(() => ReplicaTaskSessionsArgs) args: ReplicaTaskSessionsArgs,
    @Ctx() ctx: GatewayContext,
  ) {
    const source = REPLICA_TASK_SESSION_SOURCE;
    return fetchConnection(ctx, source, toListWindow(args, source, ctx.limits));
  }

  @FieldResolver(() => ReplicaJobSession, {
    nullable: true,
    description: "The replication job session of this task.",
  })
  session(@Root() task: ReplicaTaskSession, @Ctx() ctx: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return followLink(task.sessionLink, "ReplicaJobSession", ctx.loaders.replicaJobSession, info);
  }

  @FieldResolver(() => BackupServer, {
    nullable: true,
    description: "The backup server where the replication job is configured.",
  })
  backupServer(
    @Root() task: ReplicaTaskSession,
    @Ctx() ctx: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return followLink(task.backupServerLink, "BackupServer", ctx.loaders.backupServer, info);
  }
}
