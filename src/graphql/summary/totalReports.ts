import type { JobStatisticsReport, ProcessedVmsDay } from "../../modules/summary/summaryReports.js";
import type { FigureTable } from "./summaryTypes.js";

/*
 * Totals of one summary report over several sites, as `summary` shows them: counts and sizes added up, the
 * longest durations the longest of any site (with its job's name), a percentage only where one site says
 * it (EM does not say what it is a share of, so no total can be computed honestly). A figure no site gives
 * stays null. The total of one site's report is that report. Pure.
 */

/** One site's report: its figures by field name (and, for job statistics, job names). */
type Figures = object;

/** The total of `reports` (one per site) of a report whose figures `table` describes. */
export function totalFigures(table: FigureTable, reports: readonly Figures[]): Record<string, number | null> {
  const total: Record<string, number | null> = {};
  for (const [name, [kind]] of Object.entries(table)) {
    const values = reports
      .map((report) => (report as Record<string, unknown>)[name])
      .filter((value): value is number => typeof value === "number");
    if (values.length === 0) total[name] = null;
    else if (kind === "count" || kind === "bytes")
      total[name] = values.reduce((sum, value) => sum + value, 0);
    else if (kind === "seconds") total[name] = Math.max(...values);
    else total[name] = reports.length === 1 ? values[0]! : null;
  }
  return total;
}

/** The total of job-statistics reports: their figures, and the job names of the longest runs. */
export function totalJobStatistics(
  table: FigureTable,
  reports: readonly JobStatisticsReport[],
): JobStatisticsReport {
  const longest = (seconds: keyof JobStatisticsReport, name: keyof JobStatisticsReport) => {
    let best: JobStatisticsReport | undefined;
    for (const report of reports)
      if (
        report[seconds] != null &&
        (best === undefined || (report[seconds] as number) > (best[seconds] as number))
      )
        best = report;
    return (best?.[name] as string | null | undefined) ?? null;
  };
  return {
    ...(totalFigures(table, reports) as Omit<
      JobStatisticsReport,
      "maxDurationBackupJobName" | "maxDurationReplicaJobName"
    >),
    maxDurationBackupJobName: longest("maxBackupJobDurationSeconds", "maxDurationBackupJobName"),
    maxDurationReplicaJobName: longest("maxReplicaJobDurationSeconds", "maxDurationReplicaJobName"),
  };
}

/** The processed-VMs reports of several sites, added up per day, oldest day first. */
export function totalProcessedVms(reports: ReadonlyArray<readonly ProcessedVmsDay[]>): ProcessedVmsDay[] {
  const byDay = new Map<number, { day: Date; backedUpVms: number | null; replicatedVms: number | null }>();
  const add = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);
  for (const report of reports)
    for (const day of report) {
      const key = day.day.getTime();
      const seen = byDay.get(key);
      if (!seen) byDay.set(key, { ...day });
      else {
        seen.backedUpVms = add(seen.backedUpVms, day.backedUpVms);
        seen.replicatedVms = add(seen.replicatedVms, day.replicatedVms);
      }
    }
  return [...byDay.values()].sort((a, b) => a.day.getTime() - b.day.getTime());
}
