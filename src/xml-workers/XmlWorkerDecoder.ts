import { Piscina } from "piscina";
import { EntityMappingError } from "../modules/shared/EntityMappingError.js";
import {
  INLINE_DECODER,
  type DecodedPage,
  type DecodeRequest,
  type QueryPageDecoder,
  type RowMapping,
} from "../upstream/QueryPageDecoder.js";
import { EmBadResponseError } from "../upstream/UpstreamError.js";
import type { DecodeFailure, DecodeOutcome, DecodeTask } from "./DecodeTask.js";

/** Settings of the XML worker pool (config.ts validates them: `XML_WORKERS`, `XML_WORKER_*`). */
export interface XmlWorkerOptions {
  /** Worker threads; 0 parses everything inline, on the event loop. */
  readonly workers: number;
  /** Old-generation heap limit of each worker, MB: a body that needs more fails alone. */
  readonly heapMb: number;
  /** Bodies smaller than this many bytes are parsed inline, where the hop would cost more than it saves. */
  readonly inlineBelowBytes: number;
  /**
   * Longest parse of one body in a worker, ms, checked while parsing: past it the call fails. A worker that
   * does not answer within twice that plus 10 s is ended.
   */
  readonly deadlineMs: number;
  /** Told where each body was decoded and how long it took (metrics); must not throw. */
  readonly onDecoded?: (where: "inline" | "worker", seconds: number) => void;
}

/**
 * Decodes query pages in worker threads through a Piscina pool, so that parsing a 10,000-row page does not
 * stop the event loop (other requests, `/healthz`). Piscina (MIT, Node ≥ 20, maintained under the Node.js
 * ecosystem) brings what this needs and is hard to get right by hand: transfer lists, per-worker heap
 * limits, abort of a running task by ending its worker, and replacement of a worker that died.
 *
 * The body's bytes are copied once into a fresh ArrayBuffer and transferred (the response Buffer may be a
 * slice of a pooled one and may be shared by identical in-flight calls); only mapped rows come back. A worker
 * that crashes, runs out of heap or passes the deadline fails only the call it was decoding, with the same
 * UPSTREAM_BAD_RESPONSE as malformed XML; Piscina starts a new worker for the next task.
 */
export class XmlWorkerDecoder implements QueryPageDecoder {
  readonly #options: XmlWorkerOptions;
  readonly #pool: Piscina | undefined;

  constructor(options: XmlWorkerOptions) {
    this.#options = options;
    if (options.workers > 0) {
      const typescript = import.meta.url.endsWith(".ts");
      this.#pool = new Piscina({
        filename: new URL(`./decodeWorker.${typescript ? "ts" : "js"}`, import.meta.url).href,
        // Started on first use and kept: a gateway that never reads a large page never starts one.
        minThreads: 0,
        maxThreads: options.workers,
        idleTimeout: Number.POSITIVE_INFINITY,
        resourceLimits: {
          maxOldGenerationSizeMb: options.heapMb,
          // V8 sizes the young generation at up to 48 MB here; 8 MB keeps a worker's peak RSS ~25 MB lower
          // (10,000-row page: 268 → 242 MB, the whole process) at no measurable cost in decode time.
          maxYoungGenerationSizeMb: 8,
        },
        // From sources (npm start, tests) the worker needs tsx to load TypeScript; the build needs nothing.
        // Never the parent's flags: process-wide ones (--expose-gc, --inspect, …) make Worker refuse to start.
        execArgv: typescript ? ["--import", "tsx"] : [],
      });
      // A worker that died is replaced by Piscina; its error reaches the task's caller, not the process.
      this.#pool.on("error", () => undefined);
    }
  }

  /** Worker threads and bodies waiting for one, for metrics. */
  stats(): { workers: number; queued: number } {
    return { workers: this.#pool?.threads.length ?? 0, queued: this.#pool?.queueSize ?? 0 };
  }

  async decode<T>(body: Buffer, request: DecodeRequest, mapping: RowMapping<T>): Promise<DecodedPage<T>> {
    const started = performance.now();
    const where = this.#pool && body.length >= this.#options.inlineBelowBytes ? "worker" : "inline";
    try {
      if (where === "inline") return await INLINE_DECODER.decode(body, request, mapping);
      const page = (await this.#inWorker(body, request, mapping.typeName)) as DecodedPage<T>;
      return { ...page, decodedIn: "worker" };
    } finally {
      this.#options.onDecoded?.(where, (performance.now() - started) / 1000);
    }
  }

  async #inWorker(body: Buffer, request: DecodeRequest, typeName: string): Promise<DecodedPage<unknown>> {
    const bytes = new ArrayBuffer(body.length);
    new Uint8Array(bytes).set(body);
    // The worker checks the deadline while parsing (its own clock, so a worker that is still starting
    // does not spend it); the abort is the backstop for a worker that stops answering altogether.
    const task: DecodeTask = {
      bytes,
      typeName,
      request: { ...request, deadlineMs: this.#options.deadlineMs },
    };
    let outcome: DecodeOutcome;
    try {
      outcome = (await this.#pool!.run(task, {
        transferList: [bytes],
        signal: AbortSignal.timeout(this.#options.deadlineMs * 2 + BACKSTOP_MARGIN_MS),
      })) as DecodeOutcome;
    } catch (error) {
      throw new EmBadResponseError(
        { ...request.source, status: 200, cause: error },
        `Enterprise Manager's response could not be parsed: ${workerFailure(error, this.#options)}`,
      );
    }
    if (outcome.ok) return outcome.page;
    throw rebuild(outcome.failure, request);
  }

  /** Ends the workers; bodies still being decoded fail. Idempotent. */
  async close(): Promise<void> {
    await this.#pool?.close({ force: true });
  }
}

/** Time a worker gets beyond twice the parse deadline (its start-up included) before it is ended. */
const BACKSTOP_MARGIN_MS = 10_000;

/** Why a worker did not answer, in words for the error (no body content). */
function workerFailure(error: unknown, options: XmlWorkerOptions): string {
  const name = error instanceof Error ? error.name : "";
  const message = error instanceof Error ? error.message : String(error);
  if (name === "AbortError" || name === "TimeoutError" || /abort/i.test(message))
    return `the XML worker did not answer within ${options.deadlineMs * 2 + BACKSTOP_MARGIN_MS} ms`;
  if (/heap|memory|ERR_WORKER_OUT_OF_MEMORY/i.test(message))
    return `parsing needed more than the worker's ${options.heapMb} MB heap`;
  return "the XML worker parsing it stopped";
}

function rebuild(failure: DecodeFailure, request: DecodeRequest): Error {
  switch (failure.kind) {
    case "bad-response":
      return new EmBadResponseError({ ...request.source, status: failure.status }, failure.summary);
    case "mapping":
      return new EntityMappingError(failure.entity, failure.element, failure.problem);
    case "other":
      return new EmBadResponseError(
        { ...request.source, status: 200 },
        `Enterprise Manager's response could not be read (${failure.message})`,
      );
  }
}
