import type { XmlElement } from "../../upstream/xmlNodes.js";
import { EntityReader } from "../shared/EntityReader.js";
import { JobType } from "../shared/JobType.js";
import { SessionResult } from "../shared/SessionResult.js";
import { SessionState } from "../shared/SessionState.js";
import type { ReplicaJobSession } from "./replica-job-session.type.js";

/** Maps a `ReplicaJobSession` entity element (XSD order JobUid … IsRetry; FailureMessage optional). */
export function toReplicaJobSession(element: XmlElement): ReplicaJobSession {
  const read = new EntityReader(element, "ReplicaJobSession");
  const backupServerLink = read.link("Up", "BackupServerReference", "BackupServer");
  const jobUid = read.requiredUid("JobUid", "Job");
  const jobName = read.optionalText("JobName");
  const jobLink = read.link("Up", "JobReference", "Job");
  return {
    __typename: "ReplicaJobSession",
    id: read.uid("ReplicaJobSession"),
    name: read.requiredAttribute("Name"),
    jobUid,
    jobName: jobName ?? jobLink?.name ?? "",
    jobType: read.optionalEnum("JobType", JobType) ?? JobType.REPLICA,
    creationTimeUtc: read.requiredDate("CreationTimeUTC"),
    endTimeUtc: read.optionalDate("EndTimeUTC") ?? null,
    state: read.requiredEnum("State", SessionState),
    result: read.optionalEnum("Result", SessionResult) ?? SessionResult.NONE,
    progress: read.optionalInteger("Progress") ?? 0,
    failureMessage: read.optionalText("FailureMessage") ?? null,
    isRetry: read.optionalBoolean("IsRetry") ?? false,
    backupServerUid: backupServerLink?.id ?? null,
    backupServerName: backupServerLink?.name ?? null,
    backupServerLink,
    jobLink: jobLink ?? { id: jobUid, name: jobName },
  };
}
