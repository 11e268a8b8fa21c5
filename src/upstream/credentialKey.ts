import { createHash, randomBytes } from "node:crypto";

/**
 * Returns a function that maps a credential pair to an opaque cache key: SHA-256 over a random salt
 * drawn once per call of this factory (once per EmClient, hence per process), the user name and the
 * password. Keys separate sessions and in-flight requests of different users without keeping the
 * password as a map key, and without a key that could be looked up in a table of precomputed hashes.
 *
 * Hazard: the key still identifies a password within this process; do not log it.
 */
export function credentialKeyer(): (username: string, password: string) => string {
  const salt = randomBytes(32);
  return (username, password) => {
    const user = Buffer.from(username, "utf8");
    // Length-prefixing the user name keeps ("ab", "c") and ("a", "bc") apart.
    const length = Buffer.alloc(4);
    length.writeUInt32BE(user.length);
    return createHash("sha256")
      .update(salt)
      .update(length)
      .update(user)
      .update(password, "utf8")
      .digest("hex");
  };
}
