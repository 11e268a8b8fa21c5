import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import type { GatewayContext } from "../../context.js";
import { fetchConnection } from "../../loaders/fetchConnection.js";
import { BackupServer } from "../backup-server/backup-server.type.js";
import { toListWindow } from "../shared/connection/toListWindow.js";
import { followLink } from "../shared/followLink.js";
import { lookupById } from "../shared/lookupById.js";
import { CdpPolicyConnection, CdpPoliciesArgs } from "./cdp-policy.args.js";
import { CDP_POLICY_SOURCE } from "./cdp-policy.source.js";
import { CdpPolicy } from "./cdp-policy.type.js";

/** Root fields of `CdpPolicy` and its up link to the backup server. */
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
}
