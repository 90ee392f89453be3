/**
 * The feedback form's token: `v1.<article id>.<issued at, base36 ms>.<HMAC-SHA256, 128 bits>`,
 * put in a hidden field when the article page is rendered and checked when the form comes
 * back. The HMAC is keyed by a key derived from the server secret for this use only ("baton
 * help feedback v1"), so no other feature's signature verifies here.
 *
 *   - signed and bound to the article: a token copied to another article, or made up, fails;
 *   - time-stamped: a form sent sooner than `minAgeMs` after the page was made (a script that
 *     fetches and posts at once) or later than `maxAgeMs` is refused; the page then offers a
 *     fresh token, so a person who was quick or away only presses again.
 * With the honeypot field and the rate limits this keeps scripted floods out without asking
 * customers for an account or a puzzle.
 */
import { createHmac, scryptSync, timingSafeEqual } from 'node:crypto';

export type FormTokenProblem = 'malformed' | 'forged' | 'too-fast' | 'expired';

const TOKEN = /^v1\.([A-Za-z0-9_-]{1,64})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/;

export interface FormTokenTimes {
  minAgeMs: number;
  maxAgeMs: number;
}

export const DEFAULT_FORM_TOKEN_TIMES: FormTokenTimes = {
  minAgeMs: 1_500,
  maxAgeMs: 6 * 60 * 60_000
};

export class HelpFormTokens {
  readonly #key: Buffer;
  readonly #times: FormTokenTimes;

  constructor(secretKey: Buffer | null, times: FormTokenTimes = DEFAULT_FORM_TOKEN_TIMES) {
    const root =
      secretKey ?? scryptSync('baton-development-secret-key', 'baton-not-for-production', 32);
    this.#key = createHmac('sha256', root).update('baton help feedback v1').digest();
    this.#times = times;
  }

  #mac(body: string): string {
    return createHmac('sha256', this.#key)
      .update(body)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }

  sign(articleId: string, now: number): string {
    const body = `v1.${articleId}.${now.toString(36)}`;
    return `${body}.${this.#mac(body)}`;
  }

  /** `null` when the token is ours, for this article, and of an acceptable age at `now`. */
  problem(token: unknown, articleId: string, now: number): FormTokenProblem | null {
    if (typeof token !== 'string' || token.length > 200) return 'malformed';
    const match = TOKEN.exec(token);
    if (!match) return 'malformed';
    const [, id = '', issued = '', mac = ''] = match;
    const expected = Buffer.from(this.#mac(`v1.${id}.${issued}`), 'base64url');
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forged';
    if (id !== articleId) return 'forged';
    const issuedAt = parseInt(issued, 36);
    if (!Number.isSafeInteger(issuedAt)) return 'malformed';
    if (now - issuedAt < this.#times.minAgeMs) return 'too-fast';
    if (now - issuedAt > this.#times.maxAgeMs) return 'expired';
    return null;
  }
}
