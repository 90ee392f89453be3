/**
 * Mailbox secrets (IMAP/SMTP passwords, OAuth2 tokens) are encrypted at rest with AES-256-GCM.
 * The key comes from `BATON_SECRET_KEY` (32 bytes as 64 hex digits or base64). Without it, a
 * development key is derived from a fixed label — the same on every start, so secrets stay
 * readable, and worthless as protection: the server prints a warning at start.
 *
 * A sealed value is `v1.<iv>.<tag>.<ciphertext>` (base64url); the workspace id is bound in as
 * associated data, so a secret copied to another workspace's row does not decrypt.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

export class SecretBox {
  readonly #key: Buffer;
  readonly isDevelopmentKey: boolean;

  constructor(key: Buffer, isDevelopmentKey: boolean) {
    if (key.length !== 32) throw new Error('The secret key must be 32 bytes.');
    this.#key = key;
    this.isDevelopmentKey = isDevelopmentKey;
  }

  /** From `BATON_SECRET_KEY` (already checked by config), or the development key. */
  static fromConfig(secretKey: Buffer | null): SecretBox {
    if (secretKey) return new SecretBox(secretKey, false);
    return new SecretBox(
      scryptSync('baton-development-secret-key', 'baton-not-for-production', 32),
      true
    );
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return ['v1', iv, tag, data]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  /** The plain text, or `null` when the value does not open with this key and context. */
  open(sealed: string, context: string): string | null {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || iv === undefined || tag === undefined || data === undefined)
      return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(data, 'base64url')),
        decipher.final()
      ]).toString('utf8');
    } catch {
      return null;
    }
  }
}

/** Parses `BATON_SECRET_KEY`: 64 hex digits or base64 of 32 bytes. */
export function parseSecretKey(value: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  const decoded = Buffer.from(value, 'base64');
  return decoded.length === 32 ? decoded : null;
}
