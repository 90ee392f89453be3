/**
 * Every reason the server can put in an error body has its own sentence in every language.
 * The reasons are read from the server's code: the mailbox test's `CONNECTION_ERROR_MESSAGES`
 * (keyed by its `MailConnectionError` union), and every `fail('…')`, `error(4xx, '…')`,
 * `errorResponse(4xx, '…')` and `error: { reason: '…' }` in the server, the API routes and
 * `$lib/server`. (The accounts' `Failure` union is checked by the compiler: `errors.ts` keys
 * its table by it.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { API_ERROR_REASONS } from '../../contract/errors';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONNECTION_ERROR_MESSAGES } from '../../../../server/mail/mailbox.ts';
import { LOCALES } from '../locales';
import { errorMessage } from './errors';

const root = join(import.meta.dirname, '..', '..', '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'testing' ? [] : files(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

/** The reasons written into error bodies anywhere on the server side. */
function serverReasons(): Set<string> {
  // The contract's reasons (`$lib/contract/errors.ts`), and whatever the code writes besides.
  const reasons = new Set<string>([
    ...Object.keys(CONNECTION_ERROR_MESSAGES),
    ...API_ERROR_REASONS
  ]);
  const sources = [
    ...files(join(root, 'server')),
    ...files(join(root, 'src/routes/api')),
    ...files(join(root, 'src/lib/server'))
  ];
  const patterns = [
    /\berror(?:Response)?\(\s*\d{3},\s*'([a-z-]+)'/g,
    /\berror:\s*\{\s*reason:\s*'([a-z-]+)'/g
  ];
  for (const path of sources) {
    const text = readFileSync(path, 'utf8');
    for (const pattern of patterns) for (const m of text.matchAll(pattern)) reasons.add(m[1]!);
  }
  // `fail('…')` in the accounts is an error body; in the sync code it is a per-document verdict.
  for (const path of files(join(root, 'server/accounts'))) {
    for (const m of readFileSync(path, 'utf8').matchAll(/\bfail\(\s*'([a-z-]+)'/g)) {
      reasons.add(m[1]!);
    }
  }
  return reasons;
}

describe('errorMessage', () => {
  const reasons = [...serverReasons()].sort();

  it('finds the reasons the server sends', () => {
    // A scan that found nothing would pass everything below.
    for (const known of [
      'invalid-credentials',
      'rate-limited',
      'last-owner',
      'unsupported-media-type',
      'host-not-allowed',
      'mail-failed',
      'no-mailbox'
    ]) {
      expect(reasons).toContain(known);
    }
  });

  it.each(reasons)('has words of its own for %s in every language', (reason) => {
    for (const locale of LOCALES) {
      const text = errorMessage(reason, { locale });
      expect(text.trim()).not.toBe('');
      expect(text).not.toBe(errorMessage('no-such-reason', { locale }));
      if (locale !== 'en') expect(text).not.toBe(errorMessage(reason, { locale: 'en' }));
    }
  });

  it('never shows the server’s English for a known reason', () => {
    for (const [reason, english] of Object.entries(CONNECTION_ERROR_MESSAGES)) {
      expect(errorMessage(reason, { locale: 'fi' })).not.toBe(english);
      expect(errorMessage(reason, { locale: 'da' })).not.toBe(english);
    }
  });

  it('gives an unknown reason a general sentence in the member’s language', () => {
    expect(errorMessage('quota-exceeded', { locale: 'en' })).toMatch(/^Something went wrong/);
    expect(errorMessage('quota-exceeded', { locale: 'fi' })).toMatch(/^Palvelimella tapahtui/);
    expect(errorMessage('quota-exceeded', { locale: 'da' })).toMatch(/^Der gik noget galt/);
    // Names of Object's own properties are not reasons either.
    expect(errorMessage('constructor', { locale: 'en' })).toMatch(/^Something went wrong/);
  });

  it('says how long a rate limit lasts, by each language’s plural', () => {
    expect(errorMessage('rate-limited', { locale: 'en', retryAfterMs: 60_000 })).toBe(
      'Too many attempts. Try again in 1 minute.'
    );
    expect(errorMessage('rate-limited', { locale: 'en', retryAfterMs: 14 * 60_000 + 1 })).toBe(
      'Too many attempts. Try again in 15 minutes.'
    );
    expect(errorMessage('rate-limited', { locale: 'fi', retryAfterMs: 5 * 60_000 })).toBe(
      'Liian monta yritystä. Yritä uudelleen 5 minuutin kuluttua.'
    );
    expect(errorMessage('rate-limited', { locale: 'da', retryAfterMs: 1_000 })).toBe(
      'For mange forsøg. Prøv igen om 1 minut.'
    );
    expect(errorMessage('rate-limited', { locale: 'da', retryAfterMs: 120_000 })).toBe(
      'For mange forsøg. Prøv igen om 2 minutter.'
    );
    expect(errorMessage('rate-limited', { locale: 'en' })).toBe(
      'Too many attempts. Wait a few minutes and try again.'
    );
  });

  it('names the status of an answer without an error body', () => {
    expect(errorMessage('http', { locale: 'en', status: 502 })).toBe(
      'The server could not answer (error 502). Try again in a moment.'
    );
    expect(errorMessage('http', { locale: 'fi', status: 503 })).toContain('(virhe 503)');
    expect(errorMessage('http', { locale: 'da', status: 500 })).toContain('(fejl 500)');
  });

  it('keeps the English the end-to-end tests and the old server messages used', () => {
    expect(errorMessage('invalid-credentials', { locale: 'en' })).toBe(
      'The email or password is not right.'
    );
    expect(errorMessage('last-owner', { locale: 'en' })).toBe(
      'A workspace needs an owner: make someone else owner first.'
    );
  });
});
