import { describe, expect, it } from 'vitest';
import { API_ERROR_REASONS, errorBody, failureOf, isRefusal } from './errors';

describe('the error body', () => {
  it('reads back every reason the server may send, with its message and wait', () => {
    for (const reason of API_ERROR_REASONS) {
      expect(failureOf(400, errorBody(reason, 'Words.'))).toEqual({
        kind: 'http',
        status: 400,
        reason,
        message: 'Words.'
      });
    }
    expect(failureOf(429, errorBody('rate-limited', 'Later.', 60_000))).toMatchObject({
      reason: 'rate-limited',
      retryAfterMs: 60_000
    });
  });

  it.each([
    ['nothing', null],
    ['a string', 'Bad Gateway'],
    ['a number', 42],
    ['an array', [1, 2]],
    ['no error key', { message: 'x' }],
    ['error not an object', { error: 'forbidden' }],
    ['a reason that is not text', { error: { reason: 7, message: 'x' } }],
    ['no message', { error: { reason: 'forbidden' } }],
    ['a negative wait', { error: { reason: 'rate-limited', message: 'x', retryAfterMs: -1 } }],
    ['a huge reason', { error: { reason: 'x'.repeat(10_000), message: 'x' } }]
  ])('turns a garbage body (%s) into a failure named by the status', (_what, body) => {
    expect(failureOf(403, body)).toEqual({
      kind: 'http',
      status: 403,
      reason: 'forbidden',
      message: 'HTTP 403'
    });
    expect(failureOf(502, body)).toEqual({
      kind: 'http',
      status: 502,
      reason: 'unknown',
      message: 'HTTP 502'
    });
  });

  it('names a reason this client does not know by the status, keeping the message', () => {
    const failure = failureOf(409, { error: { reason: 'brand-new', message: 'Newer server.' } });
    expect(failure).toEqual({
      kind: 'http',
      status: 409,
      reason: 'unknown',
      message: 'Newer server.'
    });
    expect(failureOf(401, { error: { reason: 'brand-new', message: 'x' } })).toMatchObject({
      reason: 'not-signed-in'
    });
    expect(isRefusal(failure, 'last-owner')).toBe(false);
    expect(isRefusal(failureOf(409, errorBody('last-owner', 'x')), 'last-owner')).toBe(true);
  });
});
