import { GraphQLError, responsePathAsArray, type GraphQLResolveInfo } from "graphql";

import { badUserInput } from "../../errors/badUserInput.js";
import { echoInput } from "../../errors/echoInput.js";
import type { FilterSite } from "../../filters/index.js";
import { DEFAULT_SITE, splitSiteId } from "../../ids/siteIds.js";
import type { Loaders } from "../../loaders/createLoaders.js";
import { siteOf, type EntityRow } from "../../loaders/EntitySource.js";
import type { QueryDeps } from "../../loaders/QueryDeps.js";
import type { SiteStatusSource } from "./SiteStatusSource.js";

/** One site as one operation (one event of a subscription) reaches it: its client, call options and loaders. */
export interface RequestSite extends QueryDeps {
  readonly name: string;
  readonly loaders: Loaders;
  /** How filters are translated for this site (ids of other sites match nothing here). */
  readonly filterSite: FilterSite;
  readonly status: SiteStatusSource;
}

/**
 * The sites of one operation, in configuration order, and the failures of whole sites it met. Lists span
 * every site unless a `sites` argument narrows them; a row's links are followed on the row's own site; an
 * id goes to the site it names (ids/siteIds.ts).
 *
 * Partial results: a site that fails while others answer is reported with `fail`; its error (with
 * `extensions.site`, the code and the field's path) joins the response's errors next to the data of the
 * other sites (`siteFailuresPlugin`, and the subscription transports).
 */
export class RequestSites {
  readonly all: readonly RequestSite[];
  readonly #byName: ReadonlyMap<string, RequestSite>;
  readonly #failures: GraphQLError[] = [];

  constructor(sites: readonly RequestSite[]) {
    if (sites.length === 0) throw new TypeError("RequestSites needs at least one site");
    this.all = sites;
    this.#byName = new Map(sites.map((site) => [site.name.toLowerCase(), site]));
  }

  /** The failures reported so far, as errors for the response; emptied by `takeFailures`. */
  takeFailures(): GraphQLError[] {
    return this.#failures.splice(0);
  }

  /** The site a row was read from. */
  of(row: EntityRow): RequestSite {
    return this.#byName.get(siteOf(row).toLowerCase()) ?? this.all[0]!;
  }

  /**
   * The sites a `sites` argument names, in configuration order (all when it is absent or null). Throws
   * BAD_USER_INPUT at `path` for an empty list or a name that is no site.
   */
  select(names: readonly string[] | null | undefined, path: readonly (string | number)[]): RequestSite[] {
    if (names == null) return [...this.all];
    if (names.length === 0)
      throw badUserInput("sites must name at least one site, or be left out for all of them", path);
    const wanted = new Set<RequestSite>();
    names.forEach((name, index) => wanted.add(this.#named(name, [...path, index])));
    return this.all.filter((site) => wanted.has(site));
  }

  /**
   * Where a client's id is looked up: on the site it names (`…@paris`), and for an id without a site on
   * the `default` site when there is one (its ids carry no suffix), else on every site. Returns EM's part
   * of the id, still to be checked. Throws BAD_USER_INPUT at `path` for a site that is not configured.
   */
  forId(id: string, path: readonly (string | number)[]): { emId: string; sites: RequestSite[] } {
    const { emId, site } = splitSiteId(id);
    if (site !== undefined) return { emId, sites: [this.#named(site, path, id)] };
    const fallback = this.#byName.get(DEFAULT_SITE);
    return { emId, sites: fallback ? [fallback] : [...this.all] };
  }

  /**
   * Reports that `site` failed as a whole for the field `info` resolves, while the other sites answered:
   * the response carries `error` at that field's path with `extensions.site` (formatError adds the code).
   */
  fail(site: string, error: unknown, info: Pick<GraphQLResolveInfo, "path">): void {
    const original = error instanceof Error ? error : new Error(String(error));
    this.#failures.push(
      new GraphQLError(original.message, {
        path: responsePathAsArray(info.path),
        originalError: original,
        extensions: { site },
      }),
    );
  }

  #named(name: string, path: readonly (string | number)[], id?: string): RequestSite {
    const site = this.#byName.get(name.toLowerCase());
    if (site) return site;
    const names = this.all.map((known) => known.name).join(", ");
    throw badUserInput(
      `${id === undefined ? echoInput(name) : `the id ${echoInput(id)} names the site "${name}", which`} is not a site of this gateway (its sites: ${names})`,
      path,
    );
  }
}
