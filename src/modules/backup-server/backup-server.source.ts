import type { EntitySource } from "../../loaders/EntitySource.js";
import { SortDirection } from "../shared/connection/SortDirection.js";
import { BACKUP_SERVER_QUERY } from "./backup-server.fields.js";
import { toBackupServer } from "./backup-server.mapper.js";
import type { BackupServer } from "./backup-server.type.js";

/** How `BackupServer` is listed, looked up and mapped; the order without `orderBy` is name ASC. */
export const BACKUP_SERVER_SOURCE: EntitySource<BackupServer> = {
  typeName: "BackupServer",
  query: BACKUP_SERVER_QUERY,
  map: toBackupServer,
  defaultOrder: { field: "name", direction: SortDirection.ASC },
};
