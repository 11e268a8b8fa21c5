import type { XmlElement } from "../../upstream/xmlNodes.js";
import { EntityReader } from "../shared/EntityReader.js";
import { Platform } from "../shared/Platform.js";
import type { CdpPolicy } from "./cdp-policy.type.js";

/** Maps a `CdpPolicy` entity element (schedule options and includes are not exposed). */
export function toCdpPolicy(element: XmlElement): CdpPolicy {
  const read = new EntityReader(element, "CdpPolicy");
  const backupServerLink = read.link("Up", "BackupServerReference", "BackupServer");
  return {
    __typename: "CdpPolicy",
    id: read.uid("CdpPolicy"),
    name: read.requiredAttribute("Name"),
    description: read.optionalText("Description") ?? null,
    policyType: read.optionalText("PolicyType") ?? null,
    platform: read.optionalEnum("Platform", Platform) ?? null,
    scheduleConfigured: read.optionalBoolean("ScheduleConfigured") ?? null,
    scheduleEnabled: read.optionalBoolean("ScheduleEnabled") ?? null,
    nextRun: read.optionalDate("NextRun") ?? null,
    backupServerUid: backupServerLink?.id ?? null,
    backupServerName: backupServerLink?.name ?? null,
    backupServerLink,
  };
}
