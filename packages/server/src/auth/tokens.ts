import { createHash, randomBytes } from 'node:crypto';

/** Returns a new random token: 32 bytes, base64url, about 256 bits that cannot be guessed. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Returns the SHA-256 of a token, hex encoded, as stored in place of the token itself. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
