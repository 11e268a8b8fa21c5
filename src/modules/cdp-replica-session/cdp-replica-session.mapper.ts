import type { XmlElement } from "../../upstream/xmlNodes.js";
import { EntityReader } from "../shared/EntityReader.js";
import { SessionResult } from "../shared/SessionResult.js";
import { SessionState } from "../shared/SessionState.js";
import type { CdpReplicaSession } from "./cdp-replica-session.type.js";

/**
 * Maps a `CdpReplicaSession` entity element, or a `CdpPolicySession` item of a query's `Entities` (the
 * same content under another element name), to the GraphQL object. Pure; accepts absent `EndTimeUTC`,
 * `Result` None, empty `<FailureMessage />` and any attribute order.
 */
export function toCdpReplicaSession(element: XmlElement): CdpReplicaSession {
  const read = new EntityReader(element, "CdpReplicaSession");
  const backupServerLink = read.link("Up", "BackupServerReference", "BackupServer");
  const policyLink = read.link("Up", "CdpPolicyReference", "CdpPolicy");
  const failureMessage = read.optionalText("FailureMessage");
  return {
    __typename: "CdpReplicaSession",
    id: read.uid("CdpReplicaSession"),
    name: read.requiredAttribute("Name"),
    policyUid: read.requiredUid("PolicyUid", "CdpPolicy"),
    policyName: read.optionalText("PolicyName") ?? policyLink?.name ?? "",
    policyType: read.optionalText("PolicyType") ?? "CdpReplica",
    creationTimeUtc: read.requiredDate("CreationTimeUTC"),
    endTimeUtc: read.optionalDate("EndTimeUTC") ?? null,
    state: read.requiredEnum("State", SessionState),
    result: read.optionalEnum("Result", SessionResult) ?? SessionResult.NONE,
    progress: read.optionalInteger("Progress") ?? 0,
    failureMessage: failureMessage ?? null,
    isRetry: read.optionalBoolean("IsRetry") ?? false,
    backupServerUid: backupServerLink?.id ?? null,
    backupServerName: backupServerLink?.name ?? null,
    backupServerLink,
    policyLink,
  };
}
