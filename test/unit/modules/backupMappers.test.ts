import { describe, expect, it } from "vitest";
import { BACKUP_JOB_SESSION } from "../../../src/modules/backup-job-session/backup-job-session.entity.js";
import { BACKUP_TASK_SESSION } from "../../../src/modules/backup-task-session/backup-task-session.entity.js";
import { REPOSITORY } from "../../../src/modules/repository/repository.entity.js";
import { EntityMappingError } from "../../../src/modules/shared/EntityMappingError.js";
import {
  JOB_STATISTICS,
  OVERVIEW,
  PROCESSED_VMS,
  REPOSITORY_REPORT,
  VMS_OVERVIEW,
} from "../../../src/modules/summary/summaryReports.js";
import { parseXml } from "../../../src/upstream/parseXml.js";

/* The backup mappers and the summary-report readers on XML shaped as docs/em-reference.md describes it. */

const NS = 'xmlns="http://www.veeam.com/ent/v1.0"';
const map = (entity: { source: { map: (e: any) => unknown } }, xml: string) =>
  entity.source.map(parseXml(xml)) as Record<string, unknown>;

const SESSION = `<BackupJobSession ${NS} Href="https://em:9398/api/backupSessions/1bb2a1f6-0c5a-4b6b-8a3a-6a2a3b7ad001?format=Entity" Type="BackupJobSession" Name="Backup Job 1@2025-11-04 22:00:06" UID="urn:veeam:BackupJobSession:1bb2a1f6-0c5a-4b6b-8a3a-6a2a3b7ad001">
  <Links>
    <Link Href="https://em:9398/api/backupServers/a490c017-2c1c-40ee-8bcf-73bcce6ab36f" Name="enterprise01.tech.local" Type="BackupServerReference" Rel="Up" />
    <Link Href="https://em:9398/api/jobs/724e3c07-4e12-44f5-998f-d568071216d8" Name="Backup Job 1" Type="JobReference" Rel="Up" />
    <Link Href="https://em:9398/api/backupSessions/1bb2a1f6-0c5a-4b6b-8a3a-6a2a3b7ad001/taskSessions" Type="BackupTaskSessionReferenceList" Rel="Down" />
  </Links>
  <JobUid>urn:veeam:Job:724e3c07-4e12-44f5-998f-d568071216d8</JobUid>
  <JobName>Backup Job 1</JobName>
  <JobType>Backup</JobType>
  <CreationTimeUTC>2025-11-04T22:00:06.353Z</CreationTimeUTC>
  <EndTimeUTC>2025-11-04T22:12:31.5Z</EndTimeUTC>
  <State>Stopped</State>
  <Result>Failed</Result>
  <Progress>100</Progress>
  <FailureMessage>Error: Failed to create VM snapshot.</FailureMessage>
  <IsRetry>true</IsRetry>
</BackupJobSession>`;

describe("backup entity mappers", () => {
  it("maps a backup job session with its links", () => {
    expect(map(BACKUP_JOB_SESSION, SESSION)).toMatchObject({
      __typename: "BackupJobSession",
      id: "urn:veeam:BackupJobSession:1bb2a1f6-0c5a-4b6b-8a3a-6a2a3b7ad001",
      jobUid: "urn:veeam:Job:724e3c07-4e12-44f5-998f-d568071216d8",
      jobName: "Backup Job 1",
      jobType: "Backup",
      state: "Stopped",
      result: "Failed",
      progress: 100,
      isRetry: true,
      failureMessage: "Error: Failed to create VM snapshot.",
      backupServerName: "enterprise01.tech.local",
      endTimeUtc: new Date("2025-11-04T22:12:31.5Z"),
    });
  });

  it("reads a job type EM adds later as null rather than failing the row", () => {
    const row = map(
      BACKUP_JOB_SESSION,
      SESSION.replace("<JobType>Backup</JobType>", "<JobType>EndpointBackup</JobType>"),
    );
    expect(row["jobType"]).toBeNull();
  });

  it("maps a task session; Progress absent reads as null, Result absent as NONE", () => {
    const task = map(
      BACKUP_TASK_SESSION,
      `<BackupTaskSession ${NS} Type="BackupTaskSession" Name="sql07@2025-11-04 22:00:09" UID="urn:veeam:BackupTaskSession:2ec4d35f-b5d8-4cb3-9d11-12e1d5792625" VmDisplayName="sql07">
        <Links>
          <Link Href="https://em:9398/api/backupSessions/1bb2a1f6-0c5a-4b6b-8a3a-6a2a3b7ad001" Name="Backup Job 1@2025-11-04 22:00:06" Type="BackupJobSessionReference" Rel="Up" />
        </Links>
        <JobSessionUid>urn:veeam:BackupJobSession:1bb2a1f6-0c5a-4b6b-8a3a-6a2a3b7ad001</JobSessionUid>
        <CreationTimeUTC>2025-11-04T22:00:09Z</CreationTimeUTC>
        <State>Pending</State>
        <Reason />
        <TotalSize>17179869184</TotalSize>
      </BackupTaskSession>`,
    );
    expect(task).toMatchObject({
      vmDisplayName: "sql07",
      jobSessionUid: "urn:veeam:BackupJobSession:1bb2a1f6-0c5a-4b6b-8a3a-6a2a3b7ad001",
      jobSessionName: "Backup Job 1@2025-11-04 22:00:06",
      state: "Pending",
      result: "None",
      reason: "",
      totalSize: 17179869184,
      progress: null,
      endTimeUtc: null,
    });
  });

  it("maps a repository and computes its free share; no capacity means no share", () => {
    const xml = `<Repository ${NS} Type="Repository" Name="Linux Hardened Repository" UID="urn:veeam:Repository:55070853-e00f-4293-bca1-247778c5f40a">
      <Links><Link Href="https://em:9398/api/backupServers/a490c017-2c1c-40ee-8bcf-73bcce6ab36f" Name="enterprise01.tech.local" Type="BackupServerReference" Rel="Up" /></Links>
      <Capacity>1000</Capacity><FreeSpace>87</FreeSpace><Kind>LinuxLocal</Kind>
    </Repository>`;
    expect(map(REPOSITORY, xml)).toMatchObject({
      name: "Linux Hardened Repository",
      kind: "LinuxLocal",
      capacity: 1000,
      freeSpace: 87,
      freeSpacePercent: 8.7,
      backupServerUid: "urn:veeam:BackupServer:a490c017-2c1c-40ee-8bcf-73bcce6ab36f",
    });
    expect(map(REPOSITORY, xml.replace("<Capacity>1000</Capacity>", ""))["freeSpacePercent"]).toBeNull();
  });
});

describe("summary report readers", () => {
  it("reads the overview with EM's spellings into plain names; an absent figure is null", () => {
    const frame = parseXml(
      `<OverviewReportFrame ${NS}><BackupServers>2</BackupServers><ProxyServers>3</ProxyServers><RunningJobs>1</RunningJobs>` +
        `<SuccessfulVmLastestStates>10</SuccessfulVmLastestStates><FailedVmLastestStates>1</FailedVmLastestStates></OverviewReportFrame>`,
    );
    expect(OVERVIEW.read(frame)).toEqual({
      backupServers: 2,
      proxyServers: 3,
      repositoryServers: null,
      runningJobs: 1,
      scheduledJobs: null,
      successfulVms: 10,
      warningVms: null,
      failedVms: 1,
    });
  });

  it("reads job statistics, the VM overview, repository periods and processed-VM days", () => {
    const stats = JOB_STATISTICS.read(
      parseXml(
        `<JobStatisticsReportFrame ${NS}><TotalJobRuns>12</TotalJobRuns><WarningsJobRuns>2</WarningsJobRuns>` +
          `<MaxJobDuration>754</MaxJobDuration><MaxDurationBackupJobName>CRM Backup</MaxDurationBackupJobName><MaxDurationReplicaJobName /></JobStatisticsReportFrame>`,
      ),
    );
    expect(stats).toMatchObject({
      totalJobRuns: 12,
      warningJobRuns: 2,
      maxJobDurationSeconds: 754,
      maxDurationBackupJobName: "CRM Backup",
      maxDurationReplicaJobName: null,
    });
    const vms = VMS_OVERVIEW.read(
      parseXml(
        `<VmsOverviewReportFrame ${NS}><SourceVmsSize>81604378624000</SourceVmsSize><SuccessBackupPercents>97</SuccessBackupPercents></VmsOverviewReportFrame>`,
      ),
    );
    expect(vms).toMatchObject({
      sourceVmsSize: 81604378624000,
      successBackupPercent: 97,
      protectedVms: null,
    });
    const rows = REPOSITORY_REPORT.read(
      parseXml(
        `<RepositoryReportFrame ${NS}><Period><Name>Default Backup Repository</Name><Capacity>100</Capacity><FreeSpace>40</FreeSpace><BackupSize>55</BackupSize></Period>` +
          `<Period><Name>NAS &amp; Co</Name></Period></RepositoryReportFrame>`,
      ),
    );
    expect(rows).toEqual([
      { name: "Default Backup Repository", capacity: 100, freeSpace: 40, backupSize: 55 },
      { name: "NAS & Co", capacity: null, freeSpace: null, backupSize: null },
    ]);
    const days = PROCESSED_VMS.read(
      parseXml(
        `<ProcessedVmsReportFrame ${NS}><Day Timestamp="2025-11-04T00:00:00Z"><BackupedVms>5</BackupedVms><ReplicatedVms>2</ReplicatedVms></Day></ProcessedVmsReportFrame>`,
      ),
    );
    expect(days).toEqual([{ day: new Date("2025-11-04T00:00:00Z"), backedUpVms: 5, replicatedVms: 2 }]);
  });

  it("refuses a frame of another kind or a day without a valid timestamp, naming no value", () => {
    expect(() => OVERVIEW.read(parseXml(`<Error ${NS} Message="x" StatusCode="500" />`))).toThrow(
      EntityMappingError,
    );
    expect(() =>
      PROCESSED_VMS.read(
        parseXml(`<ProcessedVmsReportFrame ${NS}><Day Timestamp="yesterday" /></ProcessedVmsReportFrame>`),
      ),
    ).toThrow(/ProcessedVmsReportFrame\/Day whose @Timestamp is not a date/);
  });
});
