import { describe, expect, it } from "vitest";
import { JOB_STATISTICS_FIGURES, VMS_OVERVIEW_FIGURES } from "../../../src/graphql/summary/summaryTypes.js";
import {
  totalFigures,
  totalJobStatistics,
  totalProcessedVms,
} from "../../../src/graphql/summary/totalReports.js";
import type { JobStatisticsReport } from "../../../src/modules/summary/summaryReports.js";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("summary totals over sites", () => {
  it("add counts and sizes, keep the longest duration, and leave a share to one site", () => {
    const paris = { protectedVms: 10, backedUpVms: 8, sourceVmsSize: 1000, successBackupPercent: 90 };
    const tokyo = { protectedVms: 5, backedUpVms: null, sourceVmsSize: 24, successBackupPercent: 50 };
    const total = totalFigures(VMS_OVERVIEW_FIGURES, [paris, tokyo]);
    expect(total).toMatchObject({
      protectedVms: 15,
      backedUpVms: 8,
      sourceVmsSize: 1024,
      successBackupPercent: null,
    });
    expect(total["restorePoints"]).toBeNull(); // no site gives it
    expect(totalFigures(VMS_OVERVIEW_FIGURES, [paris])).toMatchObject({ successBackupPercent: 90 });
  });

  it("name the jobs of the longest runs after the site that had them", () => {
    const report = (seconds: number | null, backup: string | null, replica: number, replicaName: string) =>
      ({
        maxBackupJobDurationSeconds: seconds,
        maxDurationBackupJobName: backup,
        maxReplicaJobDurationSeconds: replica,
        maxDurationReplicaJobName: replicaName,
        totalJobRuns: 3,
      }) as unknown as JobStatisticsReport;
    const total = totalJobStatistics(JOB_STATISTICS_FIGURES, [
      report(100, "Nightly", 50, "DR Paris"),
      report(300, "Exchange", 20, "DR Tokyo"),
      report(null, null, 10, "Other"),
    ]);
    expect(total).toMatchObject({
      totalJobRuns: 9,
      maxBackupJobDurationSeconds: 300,
      maxDurationBackupJobName: "Exchange",
      maxReplicaJobDurationSeconds: 50,
      maxDurationReplicaJobName: "DR Paris",
    });
  });

  it("add processed VMs per day, oldest day first", () => {
    expect(
      totalProcessedVms([
        [
          { day: day("2025-01-02"), backedUpVms: 2, replicatedVms: null },
          { day: day("2025-01-01"), backedUpVms: 1, replicatedVms: 1 },
        ],
        [{ day: day("2025-01-02"), backedUpVms: 3, replicatedVms: 4 }],
      ]),
    ).toEqual([
      { day: day("2025-01-01"), backedUpVms: 1, replicatedVms: 1 },
      { day: day("2025-01-02"), backedUpVms: 5, replicatedVms: 4 },
    ]);
  });
});
