import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import type { GatewayContext } from "../../context.js";
import { fetchConnection } from "../../loaders/fetchConnection.js";
import { BackupServer } from "../backup-server/backup-server.type.js";
import { Job } from "../job/job.type.js";
import {
  ReplicaTaskSessionConnection,
  ReplicaTaskSessionsArgs,
} from "../replica-task-session/replica-task-session.args.js";
import { REPLICA_TASK_SESSION_SOURCE } from "../replica-task-session/replica-task-session.source.js";
import { toListWindow } from "../shared/connection/toListWindow.js";
import { followLink } from "../shared/followLink.js";
import { lookupById } from "../shared/lookupById.js";
import { ReplicaJobSessionConnection, ReplicaJobSessionsArgs } from "./replica-job-session.args.js";
import { REPLICA_JOB_SESSION_SOURCE } from "./replica-job-session.source.js";
import { ReplicaJobSession } from "./replica-job-session.type.js";

/** Root fields of replication job sessions and their links (up: server, job; down: task sessions). */
@Resolver(() => ReplicaJobSession)
export class ReplicaJobSessionResolver {
  @Query(() => ReplicaJobSession, {
    nullable: true,
    description: "A replication job session by id (URN or bare GUID); null when EM does not know it.",
  })
  replicaJobSession(@Arg("id", () => ID) id: string, @Ctx() ctx: GatewayContext) {
    return lookupById(ctx.loaders.replicaJobSession, "ReplicaJobSession", id, ["id"]);
  }

  @Query(() => ReplicaJobSessionConnection, {
    nullable: true,
    description: "Replication job sessions, through EM's query service (`type=ReplicaJobSession`).",
  })
  replicaJobSessions(
    @Args(() => ReplicaJobSessionsArgs) args: ReplicaJobSessionsArgs,
    @Ctx() ctx: GatewayContext,
  ) {
    const source = REPLICA_JOB_SESSION_SOURCE;
    return fetchConnection(ctx, source, toListWindow(args, source, ctx.limits));
  }

  @FieldResolver(() => BackupServer, {
    nullable: true,
    description: "The backup server where the replication job is configured.",
  })
  backupServer(
    @Root() session: ReplicaJobSession,
    @Ctx() ctx: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return followLink(session.backupServerLink, "BackupServer", ctx.loaders.backupServer, info);
  }

  @FieldResolver(() => Job, { nullable: true, description: "The replication job that ran this session." })
  job(@Root() session: ReplicaJobSession, @Ctx() ctx: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return followLink(session.jobLink, "Job", ctx.loaders.job, info);
  }

  @FieldResolver(() => ReplicaTaskSessionConnection, {
    nullable: true,
    description: "The task sessions (one per VM) of this session; batched across sessions.",
  })
  taskSessions(
    @Root() session: ReplicaJobSession,
    @Args(() => ReplicaTaskSessionsArgs) args: ReplicaTaskSessionsArgs,
    @Ctx() ctx: GatewayContext,
  ) {
    const window = toListWindow(args, REPLICA_TASK_SESSION_SOURCE, ctx.limits);
    return ctx.loaders.replicaTaskSessionsOfSession.load({ parentId: session.id, window });
  }
}
