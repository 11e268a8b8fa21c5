import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import type { GatewayContext } from "../../context.js";
import { fetchConnection } from "../../loaders/fetchConnection.js";
import { BackupServer } from "../backup-server/backup-server.type.js";
import {
  ReplicaJobSessionConnection,
  ReplicaJobSessionsArgs,
} from "../replica-job-session/replica-job-session.args.js";
import { REPLICA_JOB_SESSION_SOURCE } from "../replica-job-session/replica-job-session.source.js";
import { toListWindow } from "../shared/connection/toListWindow.js";
import { followLink } from "../shared/followLink.js";
import { lookupById } from "../shared/lookupById.js";
import { JobConnection, JobsArgs } from "./job.args.js";
import { JOB_SOURCE } from "./job.source.js";
import { Job } from "./job.type.js";

/** Root fields of `Job`, its up link to the backup server and its replication sessions. */
@Resolver(() => Job)
export class JobResolver {
  @Query(() => Job, {
    nullable: true,
    description: "A Job by id (URN or bare GUID); null when EM does not know it.",
  })
  job(@Arg("id", () => ID) id: string, @Ctx() ctx: GatewayContext) {
    return lookupById(ctx.loaders.job, "Job", id, ["id"]);
  }

  @Query(() => JobConnection, {
    nullable: true,
    description: "Job items, through EM's query service (`type=Job`).",
  })
  jobs(@Args(() => JobsArgs) args: JobsArgs, @Ctx() ctx: GatewayContext) {
    return fetchConnection(ctx, JOB_SOURCE, toListWindow(args, JOB_SOURCE, ctx.limits));
  }

  @FieldResolver(() => BackupServer, {
    nullable: true,
    description: "The backup server where it is configured.",
  })
  backupServer(@Root() parent: Job, @Ctx() ctx: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return followLink(parent.backupServerLink, "BackupServer", ctx.loaders.backupServer, info);
  }

  @FieldResolver(() => ReplicaJobSessionConnection, {
    nullable: true,
    description:
      "Replication sessions of this job (empty for other job types), read through the query service by " +
      "`JobUid` and batched across jobs, newest first unless ordered otherwise.",
  })
  replicaSessions(
    @Root() job: Job,
    @Args(() => ReplicaJobSessionsArgs) args: ReplicaJobSessionsArgs,
    @Ctx() ctx: GatewayContext,
  ) {
    const window = toListWindow(args, REPLICA_JOB_SESSION_SOURCE, ctx.limits);
    return ctx.loaders.replicaSessionsOfJob.load({ parentId: job.id, window });
  }
}
