import type { DecodedPage, DecodeRequest } from "../upstream/QueryPageDecoder.js";

/** What crosses to a worker: the body's bytes (transferred, not copied) and how to read them. */
export interface DecodeTask {
  readonly bytes: ArrayBuffer;
  readonly typeName: string;
  readonly request: DecodeRequest;
}

/**
 * An error raised in a worker, as plain data: errors do not keep their class across threads, so the
 * decoder rebuilds the upstream or mapping error it stands for (same code, same message).
 */
export type DecodeFailure =
  | { readonly kind: "bad-response"; readonly summary: string; readonly status: number | undefined }
  | { readonly kind: "mapping"; readonly entity: string; readonly element: string; readonly problem: string }
  | { readonly kind: "other"; readonly message: string };

/** What comes back: mapped rows and paging numbers, or the failure. */
export type DecodeOutcome =
  | { readonly ok: true; readonly page: DecodedPage<unknown> }
  | { readonly ok: false; readonly failure: DecodeFailure };
