import { combineFilters, translateFilter, type TranslatedFilter } from "../filters/index.js";
import type { EntitySource } from "../loaders/EntitySource.js";

/** What one poll asks EM for besides the subscribers' filter. */
export interface PollWindow {
  /** Rows created at or after this instant (new sessions, including ones that already stopped). */
  readonly since?: Date;
  /** Rows the feed saw unfinished last time: asked by id, so their final state is seen once. */
  readonly tracked: readonly string[];
}

/**
 * The EM filter of one poll: the subscribers' filter AND (not final OR created since OR one of the tracked
 * ids), e.g. `JobName=="Nightly";(State!=Stopped,CreationTime>="…",UID=="urn:…")`. One query answers the
 * three questions a poll has: what is running, what is new, and how did what was running end.
 *
 * Built through `translateFilter`, so every value is written and quoted as in any other filter. Throws
 * TypeError for an entity that is not a history entity with `id` and `creationTimeUtc` query fields (a
 * programming error: only those get live feeds).
 */
export function livePollFilter(
  source: EntitySource,
  subscribers: TranslatedFilter,
  window: PollWindow,
): TranslatedFilter {
  const freshness = source.freshness;
  if (freshness.kind !== "history")
    throw new TypeError(`livePollFilter: ${source.typeName} has no final state to poll for`);
  for (const field of ["id", "creationTimeUtc", freshness.finalWhen.field])
    if (!(field in source.query.fields))
      throw new TypeError(`livePollFilter: ${source.typeName} has no query field ${field}`);
  const alternatives: Record<string, unknown>[] = [
    { [freshness.finalWhen.field]: { ne: freshness.finalWhen.value } },
  ];
  if (window.since) alternatives.push({ creationTimeUtc: { gte: window.since } });
  if (window.tracked.length > 0) alternatives.push({ id: { in: window.tracked } });
  return combineFilters(subscribers, translateFilter({ or: alternatives }, source.query, ["live"]));
}
