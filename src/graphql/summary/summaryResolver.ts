import { Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { freeSpacePercent } from "../../modules/repository/freeSpacePercent.js";
import { REPOSITORY } from "../../modules/repository/repository.entity.js";
import {
  JOB_STATISTICS,
  OVERVIEW,
  PROCESSED_VMS,
  REPOSITORY_REPORT,
  VMS_OVERVIEW,
  type RepositoryReportRow,
  type SummaryReport,
} from "../../modules/summary/summaryReports.js";
import type { EntityRow } from "../../loaders/EntitySource.js";
import { entityTypes } from "../entityTypes.js";
import type { GatewayContext } from "../GatewayContext.js";
import {
  Summary,
  SummaryJobStatistics,
  SummaryOverview,
  SummaryProcessedVmsDay,
  SummaryRepository,
  SummaryVmsOverview,
} from "./summaryTypes.js";

/** Reads a report through the request's memo: one GET per report and request, however many fields ask. */
async function load<T>(ctx: GatewayContext, report: SummaryReport<T>): Promise<T> {
  return report.read(await ctx.loaders.resource(report.path));
}

/** The `summary` root field and its reports. */
@Resolver(() => Summary)
export class SummaryResolver {
  @Query(() => Summary, {
    description:
      "EM's summary reports (overview, job statistics, VMs, repositories, processed VMs), as dashboards show " +
      "them. Selecting `summary` alone costs nothing; each report selected costs one EM call per request.",
  })
  summary(): Summary {
    return {};
  }

  @FieldResolver(() => SummaryOverview, {
    nullable: true,
    description: "The overview report; null (with an error) when EM could not give it.",
  })
  overview(@Ctx() ctx: GatewayContext): Promise<unknown> {
    return load(ctx, OVERVIEW);
  }

  @FieldResolver(() => SummaryJobStatistics, {
    nullable: true,
    description: "The job statistics report; null (with an error) when EM could not give it.",
  })
  jobStatistics(@Ctx() ctx: GatewayContext): Promise<unknown> {
    return load(ctx, JOB_STATISTICS);
  }

  @FieldResolver(() => SummaryVmsOverview, {
    nullable: true,
    description: "The VM overview report; null (with an error) when EM could not give it.",
  })
  vmsOverview(@Ctx() ctx: GatewayContext): Promise<unknown> {
    return load(ctx, VMS_OVERVIEW);
  }

  @FieldResolver(() => [SummaryRepository], {
    nullable: true,
    description:
      "The repository report, one row per repository; null (with an error) when EM could not give it.",
  })
  async repositories(@Ctx() ctx: GatewayContext): Promise<SummaryRepository[]> {
    const rows = await load(ctx, REPOSITORY_REPORT);
    return rows.map((row: RepositoryReportRow) => ({
      ...row,
      freeSpacePercent: freeSpacePercent(row.capacity, row.freeSpace),
    }));
  }

  @FieldResolver(() => [SummaryProcessedVmsDay], {
    nullable: true,
    description:
      "The processed-VMs report: VMs backed up and replicated per day, oldest day first; null (with an error) when EM could not give it.",
  })
  processedVms(@Ctx() ctx: GatewayContext): Promise<unknown> {
    return load(ctx, PROCESSED_VMS);
  }
}

/** `SummaryRepository.repository`: the repository of the row's name, batched across rows into one query. */
@Resolver(() => SummaryRepository)
export class SummaryRepositoryResolver {
  @FieldResolver(() => entityTypes(REPOSITORY).object, {
    nullable: true,
    description:
      "The repository of this name, found through the query service (one query for all rows). Null when no " +
      "repository has the name, or when several have it (each server's default repository is called " +
      '"Default Backup Repository"): a name alone cannot tell them apart.',
  })
  async repository(@Root() row: SummaryRepository, @Ctx() ctx: GatewayContext): Promise<EntityRow | null> {
    const matches = await ctx.loaders.byField(REPOSITORY.source, "name").load(row.name);
    return matches.length === 1 ? matches[0]! : null;
  }
}
