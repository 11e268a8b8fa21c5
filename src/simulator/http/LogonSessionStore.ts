import { randomUUID } from "node:crypto";

/** One EM logon session. `token` is what clients send back: base64 of the SessionId GUID text. */
export interface LogonSessionRecord {
  readonly id: string;
  readonly token: string;
  readonly username: string;
  lastUsedMs: number;
}

/**
 * The simulator's logon sessions with EM's idle expiry: every authenticated request renews a session; one
 * unused for `idleTimeoutMs` is gone. Idle time is measured on the real monotonic-ish wall clock
 * (`Date.now()`), not on the simulator's data clock, which tests usually freeze.
 */
export class LogonSessionStore {
  private readonly byToken = new Map<string, LogonSessionRecord>();
  private readonly byId = new Map<string, LogonSessionRecord>();

  constructor(private readonly idleTimeoutMs: number) {}

  /** Opens a session for a user. */
  create(username: string): LogonSessionRecord {
    const id = randomUUID();
    const session: LogonSessionRecord = {
      id,
      token: Buffer.from(id, "utf8").toString("base64"),
      username,
      lastUsedMs: Date.now(),
    };
    this.byToken.set(session.token, session);
    this.byId.set(id, session);
    return session;
  }

  /** The live session for a token, renewed; undefined when unknown or idle-expired (then forgotten). */
  use(token: string): LogonSessionRecord | undefined {
    const session = this.byToken.get(token.trim());
    if (!session) return undefined;
    const now = Date.now();
    if (now - session.lastUsedMs >= this.idleTimeoutMs) {
      this.remove(session);
      return undefined;
    }
    session.lastUsedMs = now;
    return session;
  }

  /** A live session by SessionId (GUID, case-insensitive), without renewing it. */
  find(id: string): LogonSessionRecord | undefined {
    const session = this.byId.get(id.toLowerCase());
    if (!session) return undefined;
    if (Date.now() - session.lastUsedMs >= this.idleTimeoutMs) {
      this.remove(session);
      return undefined;
    }
    return session;
  }

  /** Live sessions of a user, oldest first. */
  listFor(username: string): LogonSessionRecord[] {
    return [...this.byId.values()].filter((s) => s.username === username && this.find(s.id) !== undefined);
  }

  /** Ends a session (logout). */
  remove(session: LogonSessionRecord): void {
    this.byToken.delete(session.token);
    this.byId.delete(session.id);
  }

  /** Expires every session now: their next use answers 401. */
  expireAll(): void {
    this.byToken.clear();
    this.byId.clear();
  }
}
