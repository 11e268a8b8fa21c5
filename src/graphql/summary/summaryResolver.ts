import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import { SITE, type EntityRow } from "../../loaders/EntitySource.js";
import { freeSpacePercent } from "../../modules/repository/freeSpacePercent.js";
import { REPOSITORY } from "../../modules/repository/repository.entity.js";
import {
  JOB_STATISTICS,
  OVERVIEW,
  PROCESSED_VMS,
  REPOSITORY_REPORT,
  VMS_OVERVIEW,
  type SummaryReport,
} from "../../modules/summary/summaryReports.js";
import { entityTypes } from "../entityTypes.js";
import type { GatewayContext } from "../GatewayContext.js";
import type { RequestSite } from "../sites/RequestSites.js";
import type { SiteStatusSource } from "../sites/SiteStatusSource.js";
import { Site } from "../sites/SiteType.js";
import {
  JOB_STATISTICS_FIGURES,
  OVERVIEW_FIGURES,
  Summary,
  SummaryJobStatistics,
  SummaryOverview,
  SummaryProcessedVmsDay,
  SummaryRepository,
  SummaryVmsOverview,
  VMS_OVERVIEW_FIGURES,
} from "./summaryTypes.js";
import { totalFigures, totalJobStatistics, totalProcessedVms } from "./totalReports.js";

/** The runtime value of `Summary`: the sites whose reports it shows (one site's, or their totals). */
interface SummaryScope {
  readonly sites: readonly RequestSite[];
}

/**
 * A report of every site of the scope, read through each site's memo (one GET per report, site and
 * request however many fields ask), in the sites' order. A site that fails while others answer is
 * reported as a partial failure at the field's path and left out; when every site fails, the field fails.
 */
async function loadEach<T>(
  scope: SummaryScope,
  report: SummaryReport<T>,
  ctx: GatewayContext,
  info: GraphQLResolveInfo,
): Promise<Array<{ site: RequestSite; value: T }>> {
  const settled = await Promise.allSettled(
    scope.sites.map(async (site) => report.read(await site.loaders.resource(report.path))),
  );
  const answered = settled.flatMap((result, index) =>
    result.status === "fulfilled" ? [{ site: scope.sites[index]!, value: result.value }] : [],
  );
  const failed = settled.flatMap((result, index) =>
    result.status === "rejected" ? [{ site: scope.sites[index]!, reason: result.reason as unknown }] : [],
  );
  if (answered.length === 0 && failed.length > 0) {
    for (const { site, reason } of failed.slice(1)) ctx.sites.fail(site.name, reason, info);
    throw failed[0]!.reason;
  }
  for (const { site, reason } of failed) ctx.sites.fail(site.name, reason, info);
  return answered;
}

/** The `summary` root field and its reports: totals over the sites it names (every site by default). */
@Resolver(() => Summary)
export class SummaryResolver {
  @Query(() => Summary, {
    description:
      "EM's summary reports (overview, job statistics, VMs, repositories, processed VMs), as dashboards show " +
      "them, totalled over every site (or those `sites` names); one site's are `Site.summary`. Selecting " +
      "`summary` alone costs nothing; each report selected costs one EM call per site and request.",
  })
  summary(
    @Arg("sites", () => [String], { nullable: true, description: "Only these sites (see `sites`)." })
    sites: string[] | null,
    @Ctx() ctx: GatewayContext,
  ): SummaryScope {
    return { sites: ctx.sites.select(sites, ["sites"]) };
  }

  @FieldResolver(() => SummaryOverview, {
    nullable: true,
    description: "The overview report; null (with an error) when EM could not give it.",
  })
  async overview(@Root() scope: SummaryScope, @Ctx() ctx: GatewayContext, @Info() info: GraphQLResolveInfo) {
    const reports = await loadEach(scope, OVERVIEW, ctx, info);
    return totalFigures(
      OVERVIEW_FIGURES,
      reports.map(({ value }) => value),
    );
  }

  @FieldResolver(() => SummaryJobStatistics, {
    nullable: true,
    description: "The job statistics report; null (with an error) when EM could not give it.",
  })
  async jobStatistics(
    @Root() scope: SummaryScope,
    @Ctx() ctx: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const reports = await loadEach(scope, JOB_STATISTICS, ctx, info);
    return totalJobStatistics(
      JOB_STATISTICS_FIGURES,
      reports.map(({ value }) => value),
    );
  }

  @FieldResolver(() => SummaryVmsOverview, {
    nullable: true,
    description: "The VM overview report; null (with an error) when EM could not give it.",
  })
  async vmsOverview(
    @Root() scope: SummaryScope,
    @Ctx() ctx: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const reports = await loadEach(scope, VMS_OVERVIEW, ctx, info);
    return totalFigures(
      VMS_OVERVIEW_FIGURES,
      reports.map(({ value }) => value),
    );
  }

  @FieldResolver(() => [SummaryRepository], {
    nullable: true,
    description:
      "The repository report, one row per repository and site (each site's rows in EM's order); null (with " +
      "an error) when EM could not give it.",
  })
  async repositories(
    @Root() scope: SummaryScope,
    @Ctx() ctx: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<SummaryRepository[]> {
    const reports = await loadEach(scope, REPOSITORY_REPORT, ctx, info);
    return reports.flatMap(({ site, value }) =>
      value.map((row) => ({
        ...row,
        freeSpacePercent: freeSpacePercent(row.capacity, row.freeSpace),
        [SITE]: site.name,
      })),
    );
  }

  @FieldResolver(() => [SummaryProcessedVmsDay], {
    nullable: true,
    description:
      "The processed-VMs report: VMs backed up and replicated per day (added up over the sites), oldest day " +
      "first; null (with an error) when EM could not give it.",
  })
  async processedVms(
    @Root() scope: SummaryScope,
    @Ctx() ctx: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<unknown> {
    const reports = await loadEach(scope, PROCESSED_VMS, ctx, info);
    return totalProcessedVms(reports.map(({ value }) => value));
  }
}

/** `Site.summary`: one site's reports. */
@Resolver(() => Site)
export class SiteSummaryResolver {
  @FieldResolver(() => Summary, { description: "This site's summary reports (see `summary` for all sites)." })
  summary(@Root() site: SiteStatusSource, @Ctx() ctx: GatewayContext): SummaryScope {
    return { sites: ctx.sites.select([site.name], ["sites"]) };
  }
}

/** `SummaryRepository.repository` and `site`: the row's site, and the repository of its name there. */
@Resolver(() => SummaryRepository)
export class SummaryRepositoryResolver {
  @FieldResolver(() => entityTypes(REPOSITORY).object, {
    nullable: true,
    description:
      "The repository of this name on the row's site, found through the query service (one query for all " +
      "rows). Null when no repository has the name, or when several have it (each server's default " +
      'repository is called "Default Backup Repository"): a name alone cannot tell them apart.',
  })
  async repository(@Root() row: SummaryRepository, @Ctx() ctx: GatewayContext): Promise<EntityRow | null> {
    const site = ctx.sites.of(row as unknown as EntityRow);
    const matches = await site.loaders.byField(REPOSITORY.source, "name").load(row.name);
    return matches.length === 1 ? matches[0]! : null;
  }

  @FieldResolver(() => Site, { description: "The Enterprise Manager whose report holds this row." })
  site(@Root() row: SummaryRepository, @Ctx() ctx: GatewayContext): SiteStatusSource {
    return ctx.sites.of(row as unknown as EntityRow).status;
  }
}
