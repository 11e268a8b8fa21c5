import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { GatewayContext } from "../../context.js";
import { fetchConnection } from "../../loaders/fetchConnection.js";
import { CdpPoliciesArgs, CdpPolicyConnection } from "../cdp-policy/cdp-policy.args.js";
import { CDP_POLICY_SOURCE } from "../cdp-policy/cdp-policy.source.js";
import { JobConnection, JobsArgs } from "../job/job.args.js";
import { JOB_SOURCE } from "../job/job.source.js";
import { toListWindow } from "../shared/connection/toListWindow.js";
import { lookupById } from "../shared/lookupById.js";
import { BackupServerConnection, BackupServersArgs } from "./backup-server.args.js";
import { BACKUP_SERVER_SOURCE } from "./backup-server.source.js";
import { BackupServer } from "./backup-server.type.js";

/** Root fields of backup servers and their down links to jobs and CDP policies. */
@Resolver(() => BackupServer)
export class BackupServerResolver {
  @Query(() => BackupServer, {
    nullable: true,
    description: "A backup server by id (URN or bare GUID); null when EM does not know it.",
  })
  backupServer(@Arg("id", () => ID) id: string, @Ctx() ctx: GatewayContext) {
    return lookupById(ctx.loaders.backupServer, "BackupServer", id, ["id"]);
  }

  @Query(() => BackupServerConnection, {
    nullable: true,
    description: "Backup servers connected to EM, through its query service (`type=BackupServer`).",
  })
  backupServers(@Args(() => BackupServersArgs) args: BackupServersArgs, @Ctx() ctx: GatewayContext) {
    return fetchConnection(ctx, BACKUP_SERVER_SOURCE, toListWindow(args, BACKUP_SERVER_SOURCE, ctx.limits));
  }

  @FieldResolver(() => JobConnection, {
    nullable: true,
    description: "Jobs configured on this server (query service, `BackupServerUid`), batched across servers.",
  })
  jobs(@Root() server: BackupServer, @Args(() => JobsArgs) args: JobsArgs, @Ctx() ctx: GatewayContext) {
    const window = toListWindow(args, JOB_SOURCE, ctx.limits);
    return ctx.loaders.jobsOfServer.load({ parentId: server.id, window });
  }

  @FieldResolver(() => CdpPolicyConnection, {
    nullable: true,
    description:
      "CDP policies configured on this server (query service, `BackupServerUid`), batched across servers.",
  })
  cdpPolicies(
    @Root() server: BackupServer,
    @Args(() => CdpPoliciesArgs) args: CdpPoliciesArgs,
    @Ctx() ctx: GatewayContext,
  ) {
    const window = toListWindow(args, CDP_POLICY_SOURCE, ctx.limits);
    return ctx.loaders.cdpPoliciesOfServer.load({ parentId: server.id, window });
  }
}
