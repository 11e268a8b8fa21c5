/**
 * A bounded label for the kind of EM endpoint an exchange hit; safe as a metrics label (no IDs, no
 * query strings).
 */
export type UpstreamEndpoint = "logon" | "logout" | "query" | "entity" | "collection" | "report" | "other";

/**
 * Reported once per HTTP exchange with EM (logons, logouts and every retry attempt included), after the
 * body has been read or the exchange failed. Carries no URL, credentials or token.
 */
export interface UpstreamCallEvent {
  readonly method: string;
  readonly endpoint: UpstreamEndpoint;
  /** HTTP status, or 0 when no response arrived (connection failure, timeout before headers). */
  readonly status: number;
  /** Wall time of this exchange including reading the body, in milliseconds. */
  readonly durationMs: number;
  /** 1 for the first attempt, 2 for the first retry, and so on. */
  readonly attempt: number;
}

/** Receives UpstreamCallEvents. Exceptions it throws are caught and logged, never propagated. */
export type UpstreamCallListener = (event: UpstreamCallEvent) => void;

/**
 * Labels a GET path relative to the API base (`/query?…`, `/replicaSessions/{id}?format=Entity`,
 * `/replicaSessions/{id}/replicaTaskSessions`): one segment is a collection, two an entity or reference,
 * three a child collection.
 */
export function endpointForPath(relativePath: string): UpstreamEndpoint {
  const pathOnly = relativePath.split(/[?#]/, 1)[0] ?? "";
  const segments = pathOnly.split("/").filter((segment) => segment !== "");
  const first = segments[0]?.toLowerCase();
  if (first === "query") return "query";
  if (first === "reports") return "report";
  if (first === "sessionmngr") return "logon";
  if (first === "logonsessions") return "other";
  switch (segments.length) {
    case 1:
    case 3:
      return "collection";
    case 2:
      return "entity";
    default:
      return "other";
  }
}
