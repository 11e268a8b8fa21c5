import type { Span } from "@opentelemetry/api";
import { inSpan } from "../telemetry/inSpan.js";
import { ATTR } from "../telemetry/spanAttributes.js";
import type { QueryDeps } from "./QueryDeps.js";

/**
 * Runs one DataLoader batch of `keys` keys for `entity` (a GraphQL type name, `<Type>.children` for nested
 * connections): counts it for the metrics and, when tracing, runs it in a span (`batch <entity>`) whose EM
 * calls are its children. The batch sets `veeam.batch.cache_hits` on the span once it knows them.
 */
export function inBatchSpan<T>(
  deps: QueryDeps,
  entity: string,
  keys: number,
  batch: (span: Span | undefined) => Promise<T>,
): Promise<T> {
  deps.onBatch?.(entity, keys);
  if (!deps.tracer) return batch(undefined);
  return inSpan(
    deps.tracer,
    `batch ${entity}`,
    {
      attributes: {
        [ATTR.BATCH_ENTITY]: entity,
        [ATTR.BATCH_KEYS]: keys,
        ...(deps.site !== undefined ? { [ATTR.SITE]: deps.site } : {}),
      },
    },
    batch,
  );
}
