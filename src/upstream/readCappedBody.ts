/** A response body as undici hands it over: an async-iterable stream that can be destroyed. */
export interface DestroyableBody extends AsyncIterable<Uint8Array> {
  destroy(error?: Error): unknown;
}

/**
 * Reads a whole response body, counting bytes as they arrive, and gives up as soon as the count passes
 * `limit`: the stream is destroyed (its socket is closed rather than returned to the pool) and null is
 * returned. A `Content-Length` already over the limit is refused before reading anything.
 *
 * Hazard: the caller decides what "too large" means (an error for a 2xx body, a dropped message for an
 * error body); this function only guarantees that no more than `limit` bytes are ever buffered.
 */
export async function readCappedBody(
  body: DestroyableBody,
  limit: number,
  contentLength?: string | string[],
): Promise<Buffer | null> {
  const declared = typeof contentLength === "string" ? Number(contentLength) : NaN;
  if (Number.isFinite(declared) && declared > limit) {
    body.destroy();
    return null;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > limit) {
      // Leaving the loop early runs the iterator's return(), which destroys the stream as well.
      body.destroy();
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}
