import { Arg, Args, Ctx, ID, Query, Resolver } from "type-graphql";
import type { GatewayContext } from "../../context.js";
import { fetchConnection } from "../../loaders/fetchConnection.js";
import { toListWindow } from "../shared/connection/toListWindow.js";
import { lookupById } from "../shared/lookupById.js";
import { BackupServerConnection, BackupServersArgs } from "./backup-server.args.js";
import { BACKUP_SERVER_SOURCE } from "./backup-server.source.js";
import { BackupServer } from "./backup-server.type.js";

/** Root fields of backup servers. */
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
}
