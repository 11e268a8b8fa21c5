/**
 * A query the simulated query service rejects: unknown type or field, a filter syntax error (with its
 * 1-based character position), a bad value, a bad sort or paging parameter. The HTTP layer answers it with
 * a 400 `Error` body whose `Message` is this error's message.
 */
export class SimulatorQueryError extends Error {
  /** Stable machine-readable code. */
  readonly code = "SIMULATOR_QUERY_INVALID";
  /** 1-based position in the filter text where the problem was found, when it is a filter problem. */
  readonly position: number | undefined;

  constructor(message: string, position?: number) {
    super(message);
    this.name = "SimulatorQueryError";
    this.position = position;
  }
}
