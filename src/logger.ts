import { pino, type DestinationStream, type Logger } from "pino";

/**
 * Paths pino blanks in every log line. Credentials must never be logged; this is the safety net behind
 * the rule that code does not log them in the first place.
 */
export const REDACTED_PATHS = [
  "password",
  "*.password",
  "emPassword",
  "*.emPassword",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "headers.cookie",
  "*.headers.cookie",
  'headers["x-restsvcsessionid"]',
  '*.headers["x-restsvcsessionid"]',
  "token",
  "*.token",
  "sessionId",
  "*.sessionId",
  "credentials",
  "*.credentials",
];

/** The process logger: JSON lines on stdout (or `destination`, which tests use to capture lines). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "veeam-em-graphql" },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
