import type { XmlElement } from "../../upstream/xmlNodes.js";
import { EntityReader } from "../shared/EntityReader.js";
import { vmNameOf } from "../shared/vmNameOf.js";
import { SessionResult } from "../shared/SessionResult.js";
import { TaskSessionState } from "../shared/TaskSessionState.js";
import type { CdpReplicaTaskSession } from "./cdp-replica-task-session.type.js";

/**
 * Maps a `CdpReplicaTaskSession` entity element to the GraphQL object. `VmDisplayName` is an attribute of
 * the root on real servers; the entity's own `Href` points under `/replicaTaskSessions/` (an EM quirk), so
 * the id is read from `UID`, never from `Href`.
 */
export function toCdpReplicaTaskSession(element: XmlElement): CdpReplicaTaskSession {
  const read = new EntityReader(element, "CdpReplicaTaskSession");
  const backupServerLink = read.link("Up", "BackupServerReference", "BackupServer");
  const policySessionUid = read.requiredUid("PolicySessionUid", "CdpReplicaSession");
  const parentLink = read.link("Up", "CdpReplicaSessionReference", "CdpReplicaSession");
  const name = read.requiredAttribute("Name");
  return {
    __typename: "CdpReplicaTaskSession",
    id: read.uid("CdpReplicaTaskSession"),
    name,
    vmDisplayName:
      read.optionalAttribute("VmDisplayName") ?? read.optionalText("VmDisplayName") ?? vmNameOf(name),
    policySessionUid,
    policySessionName: parentLink?.name ?? null,
    creationTimeUtc: read.requiredDate("CreationTimeUTC"),
    endTimeUtc: read.optionalDate("EndTimeUTC") ?? null,
    state: read.requiredEnum("State", TaskSessionState),
    result: read.optionalEnum("Result", SessionResult) ?? null,
    reason: read.optionalText("Reason") ?? null,
    totalSize: read.optionalInteger("TotalSize") ?? null,
    backupServerUid: backupServerLink?.id ?? null,
    backupServerName: backupServerLink?.name ?? null,
    backupServerLink,
    sessionLink: parentLink ?? { id: policySessionUid, name: undefined },
  };
}
