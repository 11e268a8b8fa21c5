/**
 * Which EM query pages to read for the items [offset, offset + count) of a list.
 *
 * EM pages are fixed-size (`pageSize`, 1-based `page`), so an arbitrary window rarely starts on a page
 * boundary. Reading a page of exactly `count` items may need two requests; reading a slightly larger page
 * often covers the window in one. Each EM request costs far more than a few extra rows, so we look for
 * the smallest page size in [count, 2 × count] whose single page covers the window, and fall back to two
 * pages of `count` items (which always cover it).
 */
export interface EmPagePlan {
  readonly pageSize: number;
  /** 1-based number of the first page to read. */
  readonly firstPage: number;
  /** 1 or 2 consecutive pages. */
  readonly pageCount: 1 | 2;
  /** Items to skip at the start of the first page to reach `offset`. */
  readonly skip: number;
}

/** Plans the requests for a window; `count` must be ≥ 1 and ≤ `maxPageSize`. */
export function planEmPages(offset: number, count: number, maxPageSize: number): EmPagePlan {
  const last = offset + count - 1;
  const limit = Math.min(maxPageSize, 2 * count);
  for (let pageSize = count; pageSize <= limit; pageSize++) {
    const page = Math.floor(offset / pageSize);
    if (Math.floor(last / pageSize) === page) {
      return { pageSize, firstPage: page + 1, pageCount: 1, skip: offset - page * pageSize };
    }
  }
  const page = Math.floor(offset / count);
  return { pageSize: count, firstPage: page + 1, pageCount: 2, skip: offset - page * count };
}
