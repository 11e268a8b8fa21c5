/**
 * Returns `url` without its `user:password@` part, for messages, logs and error fields.
 *
 * Hazard: this only strips URL userinfo. Paths that embed a secret (the logout URL carries the SessionId,
 * which is the session token in disguise) must be masked by the caller before they get here.
 * Unparseable input is returned as a fixed placeholder rather than echoed, since it might be anything.
 */
export function redactUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = typeof url === "string" ? new URL(url) : new URL(url.href);
  } catch {
    return "<unparseable URL>";
  }
  parsed.username = "";
  parsed.password = "";
  return parsed.href;
}
