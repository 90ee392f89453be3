/**
 * Survey links: `/survey/<token>`, where the token is
 *
 *     v1.<purpose>.<survey id>.<expiry, base36 ms>.<HMAC-SHA256, 128 bits, base64url>
 *
 * and the HMAC covers everything before it, keyed by a key derived from the server secret
 * (`BATON_SECRET_KEY`, or the development key) for this use only ("baton survey links v1"):
 * another feature's signatures never verify here, nor these there.
 *
 *   - signed: a changed purpose, id or expiry fails the MAC (compared in constant time);
 *   - single-purpose: the purpose (the survey's kind) must match the survey the id names;
 *   - expiring: past its expiry the link is refused, whatever the MAC says, and the stored
 *     survey's own expiry is checked too;
 *   - not enumerable: the id is 128 random bits and means nothing without its MAC.
 *
 * Why not only a random id in the database: the MAC lets a flood of made-up tokens be refused
 * before any look-up, and binds the expiry and purpose into what the customer holds.
 */
import { createHmac, scryptSync, timingSafeEqual } from 'node:crypto';
import { SurveyKind } from '../../src/lib/domain/survey.ts';

export interface LinkClaims {
  purpose: SurveyKind;
  surveyId: string;
  expiresAt: number;
}

const TOKEN = /^v1\.([a-z]{1,10})\.([A-Za-z0-9_-]{22})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/;

export class SurveyLinks {
  readonly #key: Buffer;

  constructor(secretKey: Buffer | null) {
    const root =
      secretKey ?? scryptSync('baton-development-secret-key', 'baton-not-for-production', 32);
    this.#key = createHmac('sha256', root).update('baton survey links v1').digest();
  }

  #mac(body: string): string {
    return createHmac('sha256', this.#key)
      .update(body)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }

  sign(claims: LinkClaims): string {
    const body = `v1.${claims.purpose}.${claims.surveyId}.${claims.expiresAt.toString(36)}`;
    return `${body}.${this.#mac(body)}`;
  }

  /**
   * The token's claims when it is well formed, signed by us and not expired at `now`. The
   * claims of an expired link are given too: signed by us, they name the survey.
   */
  verify(
    token: unknown,
    now: number
  ):
    | { ok: true; claims: LinkClaims }
    | { ok: false; reason: 'malformed' | 'forged' }
    | { ok: false; reason: 'expired'; claims: LinkClaims } {
    if (typeof token !== 'string' || token.length > 200) return { ok: false, reason: 'malformed' };
    const match = TOKEN.exec(token);
    if (!match) return { ok: false, reason: 'malformed' };
    const [, purpose = '', surveyId = '', expiry = '', mac = ''] = match;
    const body = `v1.${purpose}.${surveyId}.${expiry}`;
    const expected = Buffer.from(this.#mac(body), 'base64url');
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { ok: false, reason: 'forged' };
    }
    const kind = SurveyKind.safeParse(purpose);
    const expiresAt = parseInt(expiry, 36);
    // Signed by us, so these hold unless the signing side changed; refused all the same.
    if (!kind.success || !Number.isSafeInteger(expiresAt))
      return { ok: false, reason: 'malformed' };
    const claims = { purpose: kind.data, surveyId, expiresAt };
    if (now >= expiresAt) return { ok: false, reason: 'expired', claims };
    return { ok: true, claims };
  }
}
