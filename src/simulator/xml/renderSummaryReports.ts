import { formatEmDateTime } from "../data/EmTime.js";
import type { SeedData } from "../data/SeedData.js";
import {
  jobStatisticsReport,
  overviewReport,
  processedVmsReport,
  repositoryReport,
  vmsOverviewReport,
} from "../data/summarizeInventory.js";
import { escapeAttr } from "./xmlEscape.js";
import { element, EM_NAMESPACE, INDENT, XML_DECLARATION, XSD_XSI } from "./xmlDocument.js";

/* The summary reports' documents (docs/em-reference.md §4): one frame element each, EM's spellings. */

const open = (root: string) => `${XML_DECLARATION}<${root} ${XSD_XSI} xmlns="${EM_NAMESPACE}">\n`;
const number = (name: string, value: number, ind = INDENT) => element(name, String(value), ind);

/** The report names of `/reports/summary/{name}`, lower-cased, to their documents. */
export const SUMMARY_REPORTS: ReadonlyMap<string, (data: SeedData, nowMs: number) => string> = new Map([
  [
    "overview",
    (data) => {
      const r = overviewReport(data);
      return (
        open("OverviewReportFrame") +
        number("BackupServers", r.backupServers) +
        number("ProxyServers", r.proxyServers) +
        number("RepositoryServers", r.repositoryServers) +
        number("RunningJobs", r.runningJobs) +
        number("ScheduledJobs", r.scheduledJobs) +
        number("SuccessfulVmLastestStates", r.successfulVms) +
        number("WarningVmLastestStates", r.warningVms) +
        number("FailedVmLastestStates", r.failedVms) +
        "</OverviewReportFrame>\n"
      );
    },
  ],
  [
    "job_statistics",
    (data, nowMs) => {
      const r = jobStatisticsReport(data, nowMs);
      return (
        open("JobStatisticsReportFrame") +
        number("RunningJobs", r.runningJobs) +
        number("ScheduledJobs", r.scheduledJobs) +
        number("ScheduledBackupJobs", r.scheduledBackupJobs) +
        number("ScheduledReplicaJobs", r.scheduledReplicaJobs) +
        number("TotalJobRuns", r.totalJobRuns) +
        number("SuccessfulJobRuns", r.successfulJobRuns) +
        number("WarningsJobRuns", r.warningsJobRuns) +
        number("FailedJobRuns", r.failedJobRuns) +
        number("MaxJobDuration", r.maxJobDuration) +
        number("MaxBackupJobDuration", r.maxBackupJobDuration) +
        number("MaxReplicaJobDuration", r.maxReplicaJobDuration) +
        element("MaxDurationBackupJobName", r.maxDurationBackupJobName, INDENT) +
        element("MaxDurationReplicaJobName", r.maxDurationReplicaJobName, INDENT) +
        "</JobStatisticsReportFrame>\n"
      );
    },
  ],
  [
    "vms_overview",
    (data, nowMs) => {
      const r = vmsOverviewReport(data, nowMs);
      return (
        open("VmsOverviewReportFrame") +
        number("ProtectedVms", r.protectedVms) +
        number("BackedUpVms", r.backedUpVms) +
        number("ReplicatedVms", r.replicatedVms) +
        number("RestorePoints", r.restorePoints) +
        number("FullBackupPointsSize", r.fullBackupPointsSize) +
        number("IncrementalBackupPointsSize", r.incrementalBackupPointsSize) +
        number("ReplicaRestorePointsSize", r.replicaRestorePointsSize) +
        number("SourceVmsSize", r.sourceVmsSize) +
        number("SuccessBackupPercents", r.successBackupPercents) +
        "</VmsOverviewReportFrame>\n"
      );
    },
  ],
  [
    "repository",
    (data, nowMs) => {
      const ind = INDENT + INDENT;
      let out = open("RepositoryReportFrame");
      for (const row of repositoryReport(data, nowMs)) {
        out +=
          INDENT +
          "<Period>\n" +
          element("Name", row.name, ind) +
          number("Capacity", row.capacity, ind) +
          number("FreeSpace", row.freeSpace, ind) +
          number("BackupSize", row.backupSize, ind) +
          INDENT +
          "</Period>\n";
      }
      return out + "</RepositoryReportFrame>\n";
    },
  ],
  [
    "processed_vms",
    (data, nowMs) => {
      const ind = INDENT + INDENT;
      let out = open("ProcessedVmsReportFrame");
      for (const day of processedVmsReport(data, nowMs)) {
        out +=
          `${INDENT}<Day Timestamp="${escapeAttr(formatEmDateTime(day.timestamp))}">\n` +
          number("BackupedVms", day.backedUpVms, ind) +
          number("ReplicatedVms", day.replicatedVms, ind) +
          `${INDENT}</Day>\n`;
      }
      return out + "</ProcessedVmsReportFrame>\n";
    },
  ],
]);
