import type { TranslatedFilter } from "./TranslatedFilter.js";
import { UnreachableCaseError } from "./UnreachableCaseError.js";

/**
 * AND of two translated filters, e.g. a connection's `filter` argument and the parent-key OR group a batch
 * loader adds (`orOfUids`). `none` absorbs, `all` is the identity; two expressions are joined with `;`,
 * each parenthesised if it is a top-level OR group, so the result means the same under any precedence.
 *
 * The texts must come from `translateFilter`, `orOfUids` or `combineFilters` (well-formed, every string
 * quoted). No size cap is applied: the parts are already capped or built by the gateway itself.
 */
export function combineFilters(a: TranslatedFilter, b: TranslatedFilter): TranslatedFilter {
  switch (a.kind) {
    case "none":
      return a;
    case "all":
      return b;
    case "expression":
      switch (b.kind) {
        case "none":
          return b;
        case "all":
          return a;
        case "expression":
          return { kind: "expression", text: `${asConjunct(a.text)};${asConjunct(b.text)}` };
        default:
          throw new UnreachableCaseError(b);
      }
    default:
      throw new UnreachableCaseError(a);
  }
}

/**
 * The expression ready to be one side of `;`: parenthesised when it has a `,` outside parentheses and
 * quotes. An AND group or a single comparison needs none (it flattens into the outer AND).
 */
function asConjunct(text: string): string {
  let depth = 0;
  let quoted = false;
  for (const char of text) {
    // A doubled `""` inside a string toggles twice, which leaves `quoted` as it was: no special case needed.
    if (char === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (char === "(") depth++;
    else if (char === ")") depth--;
    else if (char === "," && depth === 0) return `(${text})`;
  }
  return text;
}
