import { createHmac } from "node:crypto";

/** The scope of everything read with the gateway's service account: every client shares it. */
export const SERVICE_SCOPE = "service";

/**
 * The cache scope of one EM identity in passthrough mode: a keyed hash (HMAC-SHA-256 under
 * `CACHE_SCOPE_SECRET`) of the user name, case-folded as EM compares it, and the password. Rows are cached
 * per identity because EM's roles decide what each user may see; the password is part of it so that only
 * credentials that EM accepted for these rows can read them back. Neither appears in a key in clear, and
 * without the secret the hash cannot be tested against guesses offline.
 */
export function passthroughScope(secret: string, username: string, password: string): string {
  return `user-${createHmac("sha256", secret).update(`${username.toLowerCase()}\u0000${password}`).digest("hex").slice(0, 32)}`;
}
