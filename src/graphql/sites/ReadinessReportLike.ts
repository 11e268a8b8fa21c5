/** A readiness verdict of one site (health/ReadinessProbe.ts's report, as the GraphQL layer reads it). */
export interface ReadinessReportLike {
  readonly ready: boolean;
  /** Why not ready, for people (never a credential). */
  readonly reason?: string;
  /** The failed check's stable code (`EM_UNAVAILABLE`, `EM_UNAUTHORIZED`, `READINESS_TIMEOUT`…). */
  readonly code?: string;
  /** When EM was last asked, ISO time. */
  readonly checkedAt: string;
}
