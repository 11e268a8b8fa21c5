import type { XmlElement } from "../../upstream/xmlNodes.js";
import { EntityReader } from "../shared/EntityReader.js";
import { vmNameOf } from "../shared/vmNameOf.js";
import { SessionResult } from "../shared/SessionResult.js";
import { TaskSessionState } from "../shared/TaskSessionState.js";
import type { ReplicaTaskSession } from "./replica-task-session.type.js";

/** Maps a `ReplicaTaskSession` entity element (`VmDisplayName` is a root attribute on real servers). */
export function toReplicaTaskSession(element: XmlElement): ReplicaTaskSession {
  const read = new EntityReader(element, "ReplicaTaskSession");
  const backupServerLink = read.link("Up", "BackupServerReference", "BackupServer");
  const jobSessionUid = read.requiredUid("JobSessionUid", "ReplicaJobSession");
  const parentLink = read.link("Up", "ReplicaJobSessionReference", "ReplicaJobSession");
  const name = read.requiredAttribute("Name");
  return {
    __typename: "ReplicaTaskSession",
    id: read.uid("ReplicaTaskSession"),
    name,
    vmDisplayName:
      read.optionalAttribute("VmDisplayName") ?? read.optionalText("VmDisplayName") ?? vmNameOf(name),
    jobSessionUid,
    jobSessionName: parentLink?.name ?? null,
    creationTimeUtc: read.requiredDate("CreationTimeUTC"),
    endTimeUtc: read.optionalDate("EndTimeUTC") ?? null,
    state: read.requiredEnum("State", TaskSessionState),
    result: read.optionalEnum("Result", SessionResult) ?? SessionResult.NONE,
    reason: read.optionalText("Reason") ?? null,
    totalSize: read.optionalInteger("TotalSize") ?? null,
    backupServerUid: backupServerLink?.id ?? null,
    backupServerName: backupServerLink?.name ?? null,
    backupServerLink,
    sessionLink: parentLink ?? { id: jobSessionUid, name: undefined },
  };
}
