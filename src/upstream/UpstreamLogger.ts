/**
 * The logging surface this layer needs: a subset of pino's (merge object first, then message), so a pino
 * logger or child logger can be passed as is.
 *
 * Hazard: this layer only ever logs methods, redacted URLs, statuses, error codes and timings. Anything
 * new logged here must keep it that way (see the secrets test).
 */
export interface UpstreamLogger {
  error(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

/** A logger that drops everything; the default when none is injected. */
export const silentLogger: UpstreamLogger = Object.freeze({
  error() {},
  warn() {},
  info() {},
  debug() {},
});
