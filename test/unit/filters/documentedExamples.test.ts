import { describe, expect, it } from "vitest";
import type { QueryEntity } from "../../../src/filters/QueryField.js";
import { translateFilter } from "../../../src/filters/translateFilter.js";
import { BACKUP_SERVER } from "../../../src/modules/backup-server/backup-server.entity.js";
const BACKUP_SERVER_QUERY = BACKUP_SERVER.query;
import { CDP_POLICY } from "../../../src/modules/cdp-policy/cdp-policy.entity.js";
const CDP_POLICY_QUERY = CDP_POLICY.query;
import { CDP_REPLICA_SESSION } from "../../../src/modules/cdp-replica-session/cdp-replica-session.entity.js";
const CDP_REPLICA_SESSION_QUERY = CDP_REPLICA_SESSION.query;
import { CDP_REPLICA_TASK_SESSION } from "../../../src/modules/cdp-replica-task-session/cdp-replica-task-session.entity.js";
const CDP_REPLICA_TASK_SESSION_QUERY = CDP_REPLICA_TASK_SESSION.query;
import { JOB } from "../../../src/modules/job/job.entity.js";
const JOB_QUERY = JOB.query;
import { REPLICA_JOB_SESSION } from "../../../src/modules/replica-job-session/replica-job-session.entity.js";
const REPLICA_JOB_SESSION_QUERY = REPLICA_JOB_SESSION.query;
import { REPLICA_TASK_SESSION } from "../../../src/modules/replica-task-session/replica-task-session.entity.js";
const REPLICA_TASK_SESSION_QUERY = REPLICA_TASK_SESSION.query;
import { JobType } from "../../../src/modules/shared/JobType.js";
import { Platform } from "../../../src/modules/shared/Platform.js";
import { SessionResult } from "../../../src/modules/shared/SessionResult.js";
import { compileFilter } from "../../../src/simulator/query/compileFilter.js";

/*
 * The example filters of the seed page (001, GET /query?type=CdpReplicaTaskSession) and of the reference's
 * §3.2 and §5, each written as a GraphQL filter. The test pins our (quoted, ISO, parenthesised) text and
 * shows, with the simulator's evaluator, that it selects the same rows as the documented text from a pool
 * of rows around every boundary the example draws (case variants, instants either side, absent values).
 */

type Row = Record<string, unknown>;

/** Every combination of the given field values. */
function rows(values: Record<string, readonly unknown[]>): Row[] {
  let result: Row[] = [{}];
  for (const [field, options] of Object.entries(values)) {
    result = result.flatMap((row) => options.map((value) => ({ ...row, [field]: value })));
  }
  return result;
}

function expectSameSelection(
  entity: QueryEntity,
  filter: object,
  documented: string,
  expected: string,
  pool: readonly Row[],
): void {
  const translated = translateFilter(filter, entity, ["filter"]);
  expect(translated).toEqual({ kind: "expression", text: expected });
  const ours = compileFilter(entity.queryType, decodeURIComponent(encodeURIComponent(expected)));
  const theirs = compileFilter(entity.queryType, documented);
  const selected = pool.filter(theirs);
  expect(selected.length).toBeGreaterThan(0); // the pool exercises the example
  expect(selected.length).toBeLessThan(pool.length);
  expect(pool.filter(ours)).toEqual(selected);
}

const at = (iso: string) => new Date(iso);
const GUID = "7445e6ce-a5a5-4b7b-9c3f-0e1c2d3b4a59";
const OTHER = "00000000-0000-4000-8000-000000000001";

describe("documented example filters select the same rows", () => {
  it("seed page: CdpReplicaTaskSession created on 2021-06-15 for virt03-ubuntu01", () => {
    expectSameSelection(
      CDP_REPLICA_TASK_SESSION_QUERY,
      {
        creationTimeUtc: { gte: at("2021-06-15T00:00:00Z"), lte: at("2021-06-16T00:00:00Z") },
        vmDisplayName: { eq: "virt03-ubuntu01" },
      },
      'CreationTimeUTC>="2021-06-15";CreationTimeUTC<="2021-06-16";VmDisplayName=="virt03-ubuntu01"',
      'CreationTimeUTC>="2021-06-15T00:00:00Z";CreationTimeUTC<="2021-06-16T00:00:00Z";VmDisplayName=="virt03-ubuntu01"',
      rows({
        CreationTimeUTC: [
          null,
          at("2021-06-14T23:59:59.999Z"),
          at("2021-06-15T00:00:00Z"),
          at("2021-06-15T12:31:30.389Z"),
          at("2021-06-16T00:00:00Z"),
          at("2021-06-16T00:00:00.001Z"),
        ],
        VmDisplayName: [null, "virt03-ubuntu01", "VIRT03-Ubuntu01", "virt03-ubuntu02", "virt03-ubuntu01 "],
      }),
    );
  });

  it("CdpReplicaSession created since 2021-06-15", () => {
    expectSameSelection(
      CDP_REPLICA_SESSION_QUERY,
      { creationTimeUtc: { gte: at("2021-06-15T00:00:00Z") } },
      'CreationTimeUTC>="2021-06-15"',
      'CreationTimeUTC>="2021-06-15T00:00:00Z"',
      rows({
        CreationTimeUTC: [null, at("2021-06-14T23:59:59Z"), at("2021-06-15T00:00:00Z"), at("2025-01-01Z")],
      }),
    );
  });

  it("ReplicaJobSession on enterprise06.tech.local that succeeded", () => {
    expectSameSelection(
      REPLICA_JOB_SESSION_QUERY,
      { backupServerName: { eq: "enterprise06.tech.local" }, result: { eq: SessionResult.SUCCESS } },
      'BackupServerName=="enterprise06.tech.local";Result==Success',
      'Result==Success;BackupServerName=="enterprise06.tech.local"',
      rows({
        BackupServerName: [
          null,
          "enterprise06.tech.local",
          "ENTERPRISE06.tech.local",
          "enterprise07.tech.local",
        ],
        Result: [null, "None", "Success", "Warning", "Failed"],
      }),
    );
  });

  it("ReplicaJobSession of job X that succeeded (zabbix)", () => {
    expectSameSelection(
      REPLICA_JOB_SESSION_QUERY,
      { jobName: { eq: "X" }, result: { eq: SessionResult.SUCCESS } },
      'JobName=="X";Result==Success',
      'JobName=="X";Result==Success',
      rows({ JobName: [null, "X", "x", "Y"], Result: [null, "Success", "Failed"] }),
    );
  });

  it("ReplicaTaskSession of apache02 that succeeded (unquoted in the docs)", () => {
    expectSameSelection(
      REPLICA_TASK_SESSION_QUERY,
      { result: { eq: SessionResult.SUCCESS }, vmDisplayName: { eq: "apache02" } },
      "Result==Success;VmDisplayName==apache02",
      'Result==Success;VmDisplayName=="apache02"',
      rows({
        Result: [null, "Success", "Warning"],
        VmDisplayName: [null, "apache02", "Apache02", "apache03"],
      }),
    );
  });

  it("ReplicaTaskSession results worse than Success (ordinal comparison)", () => {
    expectSameSelection(
      REPLICA_TASK_SESSION_QUERY,
      { result: { gt: SessionResult.SUCCESS } },
      "Result>Success",
      "Result>Success",
      rows({ Result: [null, "None", "Success", "Warning", "Failed"] }),
    );
  });

  it("BackupServer of version 11.0.0.837", () => {
    expectSameSelection(
      BACKUP_SERVER_QUERY,
      { version: { eq: "11.0.0.837" } },
      'Version=="11.0.0.837"',
      'Version=="11.0.0.837"',
      rows({ Version: [null, "11.0.0.837", "11.0.0.8370", "13.0.0.1420"] }),
    );
  });

  it("Job on vCloud", () => {
    expectSameSelection(
      JOB_QUERY,
      { platform: { eq: Platform.VCLOUD } },
      "Platform==vCloud",
      "Platform==vCloud",
      rows({ Platform: [null, "VMware", "Hyperv", "vCloud"] }),
    );
  });

  it("Job: (replica and unscheduled) or (backup and scheduled), the grouping example", () => {
    expectSameSelection(
      JOB_QUERY,
      {
        or: [
          { jobType: { eq: JobType.REPLICA }, scheduleConfigured: { eq: false } },
          { jobType: { eq: JobType.BACKUP }, scheduleConfigured: { eq: true } },
        ],
      },
      "(jobtype==replica;scheduleconfigured==false),(jobtype==backup;scheduleconfigured==true)",
      "(JobType==Replica;ScheduleConfigured==false),(JobType==Backup;ScheduleConfigured==true)",
      rows({ JobType: [null, "Backup", "BackupCopy", "Replica"], ScheduleConfigured: [null, true, false] }),
    );
  });

  it("CdpPolicy on backupsrv29.tech.local", () => {
    expectSameSelection(
      CDP_POLICY_QUERY,
      { backupServerName: { eq: "backupsrv29.tech.local" } },
      'BackupServerName=="backupsrv29.tech.local"',
      'BackupServerName=="backupsrv29.tech.local"',
      rows({ BackupServerName: [null, "backupsrv29.tech.local", "backupsrv30.tech.local"] }),
    );
  });

  it("UID fields: the documented bare GUID and the community's unquoted URN", () => {
    const uids = [null, `urn:veeam:BackupServer:${GUID}`, `urn:veeam:BackupServer:${OTHER}`];
    expectSameSelection(
      CDP_POLICY_QUERY,
      { backupServerUid: { eq: GUID } },
      `BackupServerUid==${GUID}`,
      `BackupServerUid=="urn:veeam:BackupServer:${GUID}"`,
      rows({ BackupServerUid: uids }),
    );
    expectSameSelection(
      REPLICA_TASK_SESSION_QUERY,
      { jobUid: { eq: `urn:veeam:Job:${GUID}` } },
      `JobUid==urn:veeam:Job:${GUID}`,
      `JobUid=="urn:veeam:Job:${GUID}"`,
      rows({ JobUid: [null, `urn:veeam:Job:${GUID}`, `urn:veeam:Job:${OTHER}`] }),
    );
  });

  it("a name with spaces, quoted as the docs require", () => {
    expectSameSelection(
      JOB_QUERY,
      { name: { eq: "Exchange Backup" } },
      'name=="Exchange Backup"',
      'Name=="Exchange Backup"',
      rows({ Name: [null, "Exchange Backup", "ExchangeBackup", "exchange backup"] }),
    );
  });
});
