import type { QueryPageDecoder } from "../upstream/QueryPageDecoder.js";
import { SITE } from "./EntitySource.js";

/**
 * The decoder of one site's EM client: `decoder`'s rows, each stamped with the site it came from (SITE),
 * so that everything read through that client (lists, batches, polls, and the cache entries made from
 * them) knows its site without asking. The rows are the decoder's own fresh objects, so stamping them is
 * not seen by anyone else.
 */
export function siteStampingDecoder(decoder: QueryPageDecoder, site: string): QueryPageDecoder {
  return {
    async decode(body, request, mapping) {
      const page = await decoder.decode(body, request, mapping);
      for (const row of page.rows)
        if (typeof row === "object" && row !== null) (row as Record<string, unknown>)[SITE] = site;
      return page;
    },
  };
}
