/** What an operation name label may look like; anything else is "other". */
const LABEL_SAFE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Turns client-chosen operation names into a bounded set of metric label values: `anonymous` for
 * unnamed operations, the name itself for the first `max` distinct well-formed names seen, `other` for
 * the rest.
 *
 * Hazard: operation names are client input; without the bound a client could create one time series per
 * request and exhaust the process's (and Prometheus's) memory. First come, first kept: names are never
 * evicted, because a label that changes meaning mid-series would corrupt rates.
 */
export class OperationNameLabels {
  readonly #max: number;
  readonly #kept = new Set<string>();

  constructor(max: number) {
    this.#max = max;
  }

  /** The label for `name` (undefined or null: anonymous). */
  labelFor(name: string | null | undefined): string {
    if (name === undefined || name === null || name === "") return "anonymous";
    if (!LABEL_SAFE_NAME.test(name)) return "other";
    if (this.#kept.has(name)) return name;
    if (this.#kept.size >= this.#max) return "other";
    this.#kept.add(name);
    return name;
  }
}
