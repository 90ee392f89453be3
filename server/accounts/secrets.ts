/**
 * Random tokens and their hashes, per Lucia's session guide: 20 random bytes (160 bits) as
 * lowercase base32 for the token the client holds, and the hex SHA-256 of that token as what
 * the server stores. A leaked database therefore yields no usable session, invitation, reset
 * link or API token. SHA-256 without a salt is enough here because the tokens are random and
 * long; passwords, which are not, use Argon2id (passwords.ts).
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

export function generateToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Tokens are lowercase base32 of 20 bytes: 32 characters. Anything else is not ours. */
export function looksLikeToken(value: string): boolean {
  return /^[a-z2-7]{32}$/.test(value);
}
