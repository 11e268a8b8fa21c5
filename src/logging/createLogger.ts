import { pino, type DestinationStream, type Logger } from "pino";
import { activeTraceIds } from "../telemetry/traceIds.js";
import { serializeError } from "./serializeError.js";

/**
 * Paths pino blanks in every log line. Credentials must never be logged; this is the safety net behind
 * the rule that code does not log them in the first place. pino's wildcards match one level, so the
 * common nestings (`req.headers.…`, `options.headers.…`) are listed explicitly.
 */
export const REDACTED_PATHS = [
  "password",
  "*.password",
  "emPassword",
  "*.emPassword",
  "authorization",
  "*.authorization",
  "cookie",
  "*.cookie",
  "headers.authorization",
  "*.headers.authorization",
  "*.*.headers.authorization",
  "headers.cookie",
  "*.headers.cookie",
  "*.*.headers.cookie",
  'headers["set-cookie"]',
  '*.headers["set-cookie"]',
  'headers["x-restsvcsessionid"]',
  '*.headers["x-restsvcsessionid"]',
  '*.*.headers["x-restsvcsessionid"]',
  "token",
  "*.token",
  "sessionId",
  "*.sessionId",
  "credentials",
  "*.credentials",
];

/** Options of `createLogger` beyond level and destination. */
export interface CreateLoggerOptions {
  /**
   * Literal secrets (the configured EM password) to blank wherever they appear in a finished line, message
   * text included: the last line of defence when a secret reaches a string no path or serializer knows.
   * Pass the Basic token (base64 of `user:password`) too where one is built from them.
   * Values shorter than 4 characters are ignored (blanking "a" would shred every line).
   */
  readonly secrets?: readonly (string | undefined)[];
}

const CENSOR = "[redacted]";

/**
 * The process logger: JSON lines on stdout (or `destination`, which tests use to capture lines).
 *
 * Lines written while a span is active carry its `trace_id` and `span_id` (tracing on only).
 *
 * Redaction happens in three layers: `REDACTED_PATHS` for structured fields, the `err`/`error`/`cause`
 * serializer (`serializeError`) that keeps only an error's known-safe fields down its whole cause chain and
 * masks credential-looking text in messages, and `options.secrets` matched in the finished line.
 */
export function createLogger(
  level: string,
  destination?: DestinationStream,
  options: CreateLoggerOptions = {},
): Logger {
  const secrets = secretForms(options.secrets ?? []);
  return pino(
    {
      level,
      base: { service: "veeam-em-graphql" },
      redact: { paths: REDACTED_PATHS, censor: CENSOR },
      serializers: { err: serializeError, error: serializeError, cause: serializeError },
      timestamp: pino.stdTimeFunctions.isoTime,
      // A line written inside a traced operation, batch or EM call names its trace and span.
      mixin: activeTraceIds,
      ...(secrets.length === 0
        ? {}
        : {
            hooks: {
              streamWrite: (line: string) =>
                secrets.reduce((text, secret) => text.split(secret).join(CENSOR), line),
            },
          }),
    },
    destination,
  );
}

/** Each secret as it can appear in a JSON line: raw and JSON-escaped. */
function secretForms(secrets: readonly (string | undefined)[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret === undefined || secret.length < 4) continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  // Longest first, so that a secret containing another is blanked whole.
  return [...forms].filter((form) => form.length >= 4).sort((a, b) => b.length - a.length);
}
