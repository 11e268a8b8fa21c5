import type { XmlElement } from "../../upstream/xmlNodes.js";
import { EntityReader } from "../shared/EntityReader.js";
import type { BackupServer } from "./backup-server.type.js";

/** Maps a `BackupServer` entity element. `<Description />` (empty) is kept as "". */
export function toBackupServer(element: XmlElement): BackupServer {
  const read = new EntityReader(element, "BackupServer");
  return {
    __typename: "BackupServer",
    id: read.uid("BackupServer"),
    name: read.requiredAttribute("Name"),
    description: read.optionalText("Description") ?? null,
    port: read.optionalInteger("Port") ?? null,
    version: read.optionalText("Version") ?? null,
    ipOrDnsName: read.optionalText("IpOrDnsName") ?? null,
  };
}
