/**
 * Waits for `promise` unless `signal` aborts first; then rejects with the signal's reason and calls
 * `onAbort` (once). The promise itself keeps running: other callers may still be waiting for it (a shared
 * logon, a shared in-flight GET), so abandoning it is the waiter's business, not the work's.
 *
 * Hazard: a signal that is already aborted is not noticed; callers check `throwIfAborted()` first.
 */
export function abortable<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  onAbort?: () => void,
): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => {
      onAbort?.();
      reject(signal.reason);
    };
    signal.addEventListener("abort", abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", abort);
        reject(error);
      },
    );
  });
}
