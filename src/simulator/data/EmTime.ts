/**
 * A UTC instant with .NET tick precision (100 ns), as EM writes it.
 *
 * It extends `Date` so that query rows can hold it wherever the filter evaluator expects a `Date`; the
 * extra `ticks` (0–9999, the sub-millisecond part) keep EM's seven-digit fractions such as `.22142` exact
 * when rendered and when compared against a filter literal with more than millisecond precision.
 * Hazard: `Date` mutators (`setTime`…) do not touch `ticks`; treat instances as immutable.
 */
export class EmTime extends Date {
  /** Sub-millisecond part in 100 ns units (0–9999). */
  readonly ticks: number;

  constructor(epochMs: number, ticks = 0) {
    super(epochMs);
    this.ticks = ticks;
  }
}

const pad2 = (n: number): string => (n < 10 ? "0" + n : String(n));

/**
 * EM's DateTime text: `yyyy-MM-ddTHH:mm:ss[.fffffff]Z` in UTC with trailing zeros of the fraction trimmed
 * and no fraction at all when it is zero (`2025-06-16T15:00:53.78Z`, `2014-10-19T06:46:31Z`).
 */
export function formatEmDateTime(time: Date): string {
  const iso = time.toISOString(); // yyyy-MM-ddTHH:mm:ss.sssZ
  const ticks = time instanceof EmTime ? time.ticks : 0;
  let fraction = String(time.getUTCMilliseconds() * 10000 + ticks).padStart(7, "0");
  let end = fraction.length;
  while (end > 0 && fraction.charCodeAt(end - 1) === 48) end--;
  fraction = fraction.slice(0, end);
  return iso.slice(0, 19) + (fraction ? "." + fraction : "") + "Z";
}

/** The `yyyy-MM-dd HH:mm:ss` stamp EM puts after the `@` of session names (UTC here). */
export function formatNameStamp(time: Date): string {
  return (
    time.getUTCFullYear() +
    "-" +
    pad2(time.getUTCMonth() + 1) +
    "-" +
    pad2(time.getUTCDate()) +
    " " +
    pad2(time.getUTCHours()) +
    ":" +
    pad2(time.getUTCMinutes()) +
    ":" +
    pad2(time.getUTCSeconds())
  );
}
