import { ArgsType, Field } from "type-graphql";
import { connectionType } from "../shared/connection/connectionType.js";
import { ConnectionArgs } from "../shared/connection/ConnectionArgs.js";
import { orderInputType } from "../shared/connection/orderInputType.js";
import type { SortDirection } from "../shared/connection/SortDirection.js";
import { BACKUP_SERVER_QUERY } from "./backup-server.fields.js";
import { BackupServerFilter } from "./backup-server.filter.js";
import { BackupServer } from "./backup-server.type.js";

/** `BackupServerConnection` and its edge type. */
export const BackupServerConnection = connectionType("BackupServer", BackupServer);

/** `BackupServerOrder`: `{ field, direction }`. */
export const BackupServerOrder = orderInputType("BackupServer", BACKUP_SERVER_QUERY);

/** Arguments of every list of BackupServer items (the root list and nested connections alike). */
@ArgsType()
export class BackupServersArgs extends ConnectionArgs {
  @Field(() => BackupServerOrder, {
    nullable: true,
    description: "Order of the list; newest first or by name when omitted.",
  })
  orderBy?: { field: string; direction: SortDirection } | null;

  @Field(() => BackupServerFilter, {
    nullable: true,
    description: "Filter evaluated by EM's query service (never in the gateway).",
  })
  filter?: BackupServerFilter | null;
}
