// SHA-256 and random names for the content cache and safe rewrites. node:crypto is loaded on first
// use: loading it is a measurable part of a `fmt --check --no-cache` run, which hashes nothing.
type Crypto = typeof import('node:crypto');
const crypto = (): Crypto => require('node:crypto') as Crypto;

/** The hex SHA-256 of `parts`, each followed by a NUL. */
export function hashOf(...parts: string[]): string {
  const h = crypto().createHash('sha256');
  for (const part of parts) h.update(part).update('\0');
  return h.digest('hex');
}

/** The hex SHA-256 of the bytes. */
export const sha256 = (bytes: Uint8Array): string => crypto().createHash('sha256').update(bytes).digest('hex');

/** `bytes` random bytes in hex, for temporary file names. */
export const randomHex = (bytes: number): string => crypto().randomBytes(bytes).toString('hex');
