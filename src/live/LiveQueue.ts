/**
 * The events of one subscriber, as the async iterator graphql-js consumes: pushed by its feed, pulled by
 * the transport at the client's pace. Bounded: a client that reads slower than its feed changes for
 * `capacity` events is ended with `overflow` rather than buffered without end. `return()` (the client
 * unsubscribed or went away) runs `onEnd` once, which detaches the subscriber from its feed.
 *
 * Hand-written rather than taken from a library (Repeater, graphql-yoga's pubsub): neither ends a consumer
 * that falls behind; both buffer or block the producer, and one feed serves many consumers.
 */
export class LiveQueue<T> implements AsyncIterableIterator<T> {
  readonly #capacity: number;
  readonly #overflow: () => Error;
  readonly #onEnd: () => void;
  readonly #buffer: T[] = [];
  #waiting: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void } | undefined;
  #ended = false;
  #failure: Error | undefined;

  constructor(options: { capacity: number; overflow: () => Error; onEnd: () => void }) {
    this.#capacity = options.capacity;
    this.#overflow = options.overflow;
    this.#onEnd = options.onEnd;
  }

  /** True once ended (by the consumer, by `end` or by an overflow). */
  get ended(): boolean {
    return this.#ended;
  }

  push(value: T): void {
    if (this.#ended) return;
    if (this.#waiting) {
      const waiting = this.#waiting;
      this.#waiting = undefined;
      waiting.resolve({ value, done: false });
      return;
    }
    if (this.#buffer.length >= this.#capacity) {
      this.end(this.#overflow());
      return;
    }
    this.#buffer.push(value);
  }

  /** Ends the iteration after the buffered events; with `error`, the next pull after them rejects with it. */
  end(error?: Error): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#failure = error;
    this.#onEnd();
    const waiting = this.#waiting;
    this.#waiting = undefined;
    if (waiting && error) waiting.reject(error);
    else waiting?.resolve({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<T>> {
    if (this.#buffer.length > 0) return Promise.resolve({ value: this.#buffer.shift()!, done: false });
    if (this.#ended) {
      const failure = this.#failure;
      this.#failure = undefined;
      return failure ? Promise.reject(failure) : Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => (this.#waiting = { resolve, reject }));
  }

  return(): Promise<IteratorResult<T>> {
    this.#buffer.length = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
