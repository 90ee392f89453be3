import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '$lib/i18n/runtime';
import { AccountForm, accountErrorText, retryAfterMs } from './account-form.svelte';
import { AccountError } from './identity.svelte';

afterEach(() => setLocale('en'));

describe('account form', () => {
  it('reads how long a rate limit lasts from the refusal', () => {
    const limited = (message: string) => new AccountError('rate-limited', message, 429);
    expect(retryAfterMs(limited('Too many attempts. Try again in 3 minutes.'))).toBe(180_000);
    expect(retryAfterMs(limited('Too many attempts. Try again in 1 minute.'))).toBe(60_000);
    expect(retryAfterMs(limited('Slow down.'))).toBeUndefined();
    expect(
      retryAfterMs(new AccountError('invalid-credentials', 'Try again in 3 minutes.', 401))
    ).toBeUndefined();
  });

  it('shows a refusal in the member’s language, never the server’s English', () => {
    setLocale('fi');
    const limited = new AccountError(
      'rate-limited',
      'Too many attempts. Try again in 2 minutes.',
      429
    );
    expect(accountErrorText(limited)).toBe(
      'Liian monta yritystä. Yritä uudelleen 2 minuutin kuluttua.'
    );
    const wrong = new AccountError(
      'invalid-credentials',
      'The email or password is not right.',
      401
    );
    expect(accountErrorText(wrong)).toBe('Sähköpostiosoite tai salasana on väärin.');
    const proxy = new AccountError('http', 'The server answered 502.', 502);
    expect(accountErrorText(proxy)).toContain('(virhe 502)');
  });

  it('puts a refusal on the form and anything else in the error handler', async () => {
    const handled: Array<[unknown, string | undefined]> = [];
    const form = new AccountForm((error, context) => handled.push([error, context]));
    await form.run('Could not sign in', async () => {
      throw new AccountError('email-taken', 'An account with this email exists.', 409);
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
