/**
 * The gateway's own span attributes, besides OpenTelemetry's semantic conventions for HTTP and GraphQL
 * (`http.request.method`, `url.full`, `graphql.operation.name`, …), under the `veeam.` namespace. No value is
 * ever a credential, a session token or a user name: only names from the code, counts, sites and EM's
 * redacted URLs.
 */
export const ATTR = {
  /** The EM server (site) the span's work went to. */
  SITE: "veeam.em.site",
  /** What kind of EM exchange: `query`, `entity`, `collection`, `report`, `logon`, `logout`, `other`. */
  EM_ENDPOINT: "veeam.em.endpoint",
  /** The query service's `type=` of a query call (`BackupJobSession`). */
  EM_QUERY_TYPE: "veeam.em.query_type",
  /** Rows an EM query page held once decoded. */
  EM_ROWS: "veeam.em.rows",
  /** Where a body was parsed: `inline` (the event loop) or `worker` (an XML worker thread). */
  XML_WHERE: "veeam.xml.where",
  /** Bytes of the body parsed. */
  XML_BYTES: "veeam.xml.bytes",
  /** The GraphQL type a DataLoader batch loads (`BackupServer`, `BackupTaskSession.children`). */
  BATCH_ENTITY: "veeam.batch.entity",
  /** Keys in the batch, and how many of them the cross-request cache answered. */
  BATCH_KEYS: "veeam.batch.keys",
  BATCH_CACHE_HITS: "veeam.batch.cache_hits",
  /** A live feed's poll: subscribers it served on this replica, and rows it found changed. */
  LIVE_SUBSCRIBERS: "veeam.live.subscribers",
  LIVE_CHANGED: "veeam.live.changed",
} as const;
