import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import type { GatewayContext } from "../../context.js";
import { fetchConnection } from "../../loaders/fetchConnection.js";
import { BackupServer } from "../backup-server/backup-server.type.js";
import {
  CdpReplicaSessionConnection,
  CdpReplicaSessionsArgs,
} from "../cdp-replica-session/cdp-replica-session.args.js";
import { CDP_REPLICA_SESSION_SOURCE } from "../cdp-replica-session/cdp-replica-session.source.js";
import { toListWindow } from "../shared/connection/toListWindow.js";
import { followLink } from "../shared/followLink.js";
import { lookupById } from "../shared/lookupById.js";
import { CdpPolicyConnection, CdpPoliciesArgs } from "./cdp-policy.args.js";
import { CDP_POLICY_SOURCE } from "./cdp-policy.source.js";
import { CdpPolicy } from "./cdp-policy.type.js";

/** Root fields of `CdpPolicy`, its up link to the backup server and its sessions. */
@Resolver(() => CdpPolicy)
export class CdpPolicyResolver {
  @Query(() => CdpPolicy, {
    nullable: true,
    description: "A CdpPolicy by id (URN or bare GUID); null when EM does not know it.",
  })
  cdpPolicy(@Arg("id", () => ID) id: string, @Ctx() ctx: GatewayContext) {
    return lookupById(ctx.loaders.cdpPolicy, "CdpPolicy", id, ["id"]);
  }

  @Query(() => CdpPolicyConnection, {
    nullable: true,
    description: "CdpPolicy items, through EM's query service (`type=CdpPolicy`).",
  })
  cdpPolicies(@Args(() => CdpPoliciesArgs) args: CdpPoliciesArgs, @Ctx() ctx: GatewayContext) {
    return fetchConnection(ctx, CDP_POLICY_SOURCE, toListWindow(args, CDP_POLICY_SOURCE, ctx.limits));
  }

  @FieldResolver(() => BackupServer, {
    nullable: true,
    description: "The backup server where it is configured.",
  })
  backupServer(@Root() parent: CdpPolicy, @Ctx() ctx: GatewayContext, @Info() info: GraphQLResolveInfo) {
    return followLink(parent.backupServerLink, "BackupServer", ctx.loaders.backupServer, info);
  }

  @FieldResolver(() => CdpReplicaSessionConnection, {
    nullable: true,
    description:
      "Sessions of this policy (`/cdpPolicies/{ID}/cdpReplicaSessions`, read through the query service by " +
      "`PolicyUid` and batched across policies), newest first unless ordered otherwise.",
  })
  sessions(
    @Root() policy: CdpPolicy,
    @Args(() => CdpReplicaSessionsArgs) args: CdpReplicaSessionsArgs,
    @Ctx() ctx: GatewayContext,
  ) {
    const window = toListWindow(args, CDP_REPLICA_SESSION_SOURCE, ctx.limits);
    return ctx.loaders.cdpSessionsOfPolicy.load({ parentId: policy.id, window });
  }
}
