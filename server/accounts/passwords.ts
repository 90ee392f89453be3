/**
 * Password hashing with Argon2id (OWASP's minimum: 19 MiB, 2 iterations, 1 lane). Hashing
 * runs on libuv's thread pool, so a sign-in does not block the relay.
 */
import { hash, hashSync, verify } from '@node-rs/argon2';

const OPTIONS = {
  algorithm: 2, // Argon2id
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32
} as const;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export function hashPasswordSync(password: string): string {
  return hashSync(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a password nobody knows, verified against when the email is unknown, so that a
 * sign-in for a missing account takes as long as one with a wrong password.
 */
let decoy: string | null = null;
export function decoyHash(): string {
  decoy ??= hashSync(crypto.randomUUID(), OPTIONS);
  return decoy;
}
