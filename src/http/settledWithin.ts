/**
 * Waits until every promise in `pending` (a live set that may still grow) has settled, or `ms` passed.
 * Resolves true when all settled. Used by shutdown: requests already parsed when draining began may still
 * add work, so it loops until the set is quiet.
 */
export async function settledWithin(pending: ReadonlySet<Promise<void>>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    while (pending.size > 0) {
      const settled = await Promise.race([Promise.allSettled([...pending]).then(() => true), deadline]);
      if (!settled) return false;
    }
    return true;
  } finally {
    clearTimeout(timer);
  }
}
