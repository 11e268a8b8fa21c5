import { DateTimeResolver } from "graphql-scalars";
import { Arg, Ctx, FieldResolver, Float, Query, Resolver, Root } from "type-graphql";
import type { GatewayContext } from "../GatewayContext.js";
import { CircuitBreakerState, Site, SiteHealth } from "./SiteType.js";
import type { SiteStatusSource } from "./SiteStatusSource.js";

/**
 * The `sites` root field and the fields of `Site`: what the process knows of each EM (breaker, last
 * exchange) costs nothing; `health` runs the site's readiness check (at most once per READINESS_CACHE_MS
 * for everyone), `apiVersion` reads EM's anonymous entry point once.
 */
@Resolver(() => Site)
export class SiteResolver {
  @Query(() => [Site], {
    description:
      "Every Enterprise Manager of the graph and its status, in configuration order. Selecting `name`, " +
      "`circuitBreaker` or the last call costs nothing; `health` checks each site (cached a few seconds).",
  })
  sites(
    @Arg("names", () => [String], {
      nullable: true,
      description: "Only these sites (names compare case-insensitively).",
    })
    names: string[] | null,
    @Ctx() ctx: GatewayContext,
  ): SiteStatusSource[] {
    return ctx.sites.select(names, ["names"]).map((site) => site.status);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The newest REST API version EM's entry point lists (`v1_7` for EM 12 and 13): EM tells its version " +
      "this way without a logon. Null while EM has not answered.",
  })
  apiVersion(@Root() site: SiteStatusSource): Promise<string | null> {
    return site.apiVersion();
  }

  @FieldResolver(() => SiteHealth, {
    description:
      "UP when EM answers the gateway's check (an authenticated one-row query; the anonymous entry point " +
      "in passthrough mode), DOWN otherwise. Checked at most once per READINESS_CACHE_MS.",
  })
  async health(@Root() site: SiteStatusSource): Promise<SiteHealth> {
    return (await site.health()).ready ? SiteHealth.UP : SiteHealth.DOWN;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "Why the site is DOWN: the failed check's code and message; null when UP.",
  })
  async healthReason(@Root() site: SiteStatusSource): Promise<string | null> {
    const report = await site.health();
    return report.ready ? null : `${report.code ?? "NOT_READY"}: ${report.reason ?? "no reason given"}`;
  }

  @FieldResolver(() => DateTimeResolver, { description: "When the health check last asked EM." })
  async checkedAt(@Root() site: SiteStatusSource): Promise<Date> {
    return new Date((await site.health()).checkedAt);
  }

  @FieldResolver(() => CircuitBreakerState, { description: "The circuit breaker in front of this EM." })
  circuitBreaker(@Root() site: SiteStatusSource): CircuitBreakerState {
    return site.stats().breaker as CircuitBreakerState;
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      "Duration of the gateway's last HTTP exchange with this EM, in milliseconds; null before the first.",
  })
  lastLatencyMs(@Root() site: SiteStatusSource): number | null {
    return site.stats().lastCall?.durationMs ?? null;
  }

  @FieldResolver(() => DateTimeResolver, {
    nullable: true,
    description: "When that exchange ended; null before the first.",
  })
  lastCallAt(@Root() site: SiteStatusSource): Date | null {
    return site.stats().lastCall?.at ?? null;
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      "Whether that exchange succeeded (an answer below 500, or a 4xx EM meant); null before the first.",
  })
  lastCallSucceeded(@Root() site: SiteStatusSource): boolean | null {
    return site.stats().lastCall?.ok ?? null;
  }
}
