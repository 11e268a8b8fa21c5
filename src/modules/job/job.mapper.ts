import type { XmlElement } from "../../upstream/xmlNodes.js";
import { EntityReader } from "../shared/EntityReader.js";
import { JobType } from "../shared/JobType.js";
import { Platform } from "../shared/Platform.js";
import type { Job } from "./job.type.js";

/** Maps a `Job` entity element (schedule and job-info sub-trees are not exposed). */
export function toJob(element: XmlElement): Job {
  const read = new EntityReader(element, "Job");
  const backupServerLink = read.link("Up", "BackupServerReference", "BackupServer");
  return {
    __typename: "Job",
    id: read.uid("Job"),
    name: read.requiredAttribute("Name"),
    description: read.optionalText("Description") ?? null,
    jobType: read.optionalEnum("JobType", JobType) ?? null,
    platform: read.optionalEnum("Platform", Platform) ?? null,
    scheduleConfigured: read.optionalBoolean("ScheduleConfigured") ?? null,
    scheduleEnabled: read.optionalBoolean("ScheduleEnabled") ?? null,
    nextRun: read.optionalDate("NextRun") ?? null,
    backupServerUid: backupServerLink?.id ?? null,
    backupServerName: backupServerLink?.name ?? null,
    backupServerLink,
  };
}
