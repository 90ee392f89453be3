import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '$lib/i18n/runtime';
import { AccountForm, accountErrorText, retryAfterMs } from './account-form.svelte';
import { ApiError } from '$lib/api/client';
import { failureOf } from '$lib/contract/errors';

/** The error a refusal with this error body becomes in the API client. */
const refused = (reason: string, message: string, status: number) =>
  new ApiError(failureOf(status, { error: { reason, message } }));

afterEach(() => setLocale('en'));

describe('account form', () => {
  it('reads how long a rate limit lasts from the refusal', () => {
    const limited = (message: string) => refused('rate-limited', message, 429);
    expect(retryAfterMs(limited('Too many attempts. Try again in 3 minutes.'))).toBe(180_000);
    expect(retryAfterMs(limited('Too many attempts. Try again in 1 minute.'))).toBe(60_000);
    expect(retryAfterMs(limited('Slow down.'))).toBeUndefined();
    const told = new ApiError(
      failureOf(429, {
        error: { reason: 'rate-limited', message: 'Slow down.', retryAfterMs: 5000 }
      })
    );
    expect(retryAfterMs(told)).toBe(5000);
    expect(
      retryAfterMs(refused('invalid-credentials', 'Try again in 3 minutes.', 401))
    ).toBeUndefined();
  });

  it('shows a refusal in the member’s language, never the server’s English', () => {
    setLocale('fi');
    const limited = refused('rate-limited', 'Too many attempts. Try again in 2 minutes.', 429);
    expect(accountErrorText(limited)).toBe(
      'Liian monta yritystä. Yritä uudelleen 2 minuutin kuluttua.'
    );
    const wrong = refused('invalid-credentials', 'The email or password is not right.', 401);
    expect(accountErrorText(wrong)).toBe('Sähköpostiosoite tai salasana on väärin.');
    const proxy = new ApiError(failureOf(502, null));
    expect(accountErrorText(proxy)).toContain('(virhe 502)');
  });

  it('puts a refusal on the form and anything else in the error handler', async () => {
    const handled: Array<[unknown, string | undefined]> = [];
    const form = new AccountForm((error, context) => handled.push([error, context]));
    await form.run('Could not sign in', async () => {
      throw refused('email-taken', 'An account with this email exists.', 409);
    });
    expect(form.failed).toBe('An account with this email exists. Sign in instead.');
    expect(form.busy).toBe(false);
    expect(handled).toEqual([]);

    const crash = new Error('boom');
    await form.run('Could not sign in', async () => {
      throw crash;
    });
    expect(form.failed).toBeNull();
    expect(handled).toEqual([[crash, 'Could not sign in']]);
  });
});
