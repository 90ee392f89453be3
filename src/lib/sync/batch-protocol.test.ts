import { describe, expect, it } from 'vitest';
import { BATCH_LIMITS } from '$lib/contract/batch';
import {
  chunkRequests,
  decodeBatchResponse,
  encodeBatchRequest,
  failureFromStatus,
  postBatch
} from './batch-protocol';

const b64 = (bytes: number[]) => Buffer.from(bytes).toString('base64');

describe('encodeBatchRequest', () => {
  it('writes the v1 shape of the wire contract, with base64 and an optional update', () => {
    const body = JSON.parse(
      encodeBatchRequest([
        { name: 't/aaaaaaaa', stateVector: new Uint8Array([0]) },
        { name: 't/bbbbbbbb', stateVector: new Uint8Array([1, 2]), update: new Uint8Array([3]) }
      ])
    );
    expect(body).toEqual({
      v: 1,
      docs: [
        { name: 't/aaaaaaaa', stateVector: b64([0]) },
        { name: 't/bbbbbbbb', stateVector: b64([1, 2]), update: b64([3]) }
      ]
    });
  });
});

describe('decodeBatchResponse', () => {
  it('decodes accepted and rejected documents', () => {
    const outcome = decodeBatchResponse({
      v: 1,
      docs: [
        { name: 't/a', ok: true, update: b64([0, 0]), stateVector: b64([1, 5, 2]) },
        {
          name: 't/b',
          ok: false,
          reason: 'server-owned',
          detail: 'Ticket numbers are assigned by the server.'
        }
      ]
    });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.docs[0]).toMatchObject({ name: 't/a', ok: true });
    expect(outcome.docs[1]).toEqual({
      name: 't/b',
      ok: false,
      reason: 'server-owned',
      detail: 'Ticket numbers are assigned by the server.'
    });
  });

  it('refuses anything that is not a v1 answer', () => {
    for (const body of [
      null,
      'x',
      { v: 2, docs: [] },
      { v: 1, docs: [{ name: 't/a', ok: true }] }
    ]) {
      const outcome = decodeBatchResponse(body);
      expect(outcome).toEqual({
        ok: false,
        failure: expect.objectContaining({ kind: 'bad-response' })
      });
    }
  });
});

describe('failureFromStatus', () => {
  it('names whole-request failures', () => {
    expect(
      failureFromStatus(401, { error: { reason: 'not-signed-in', message: 'Sign in' } })
    ).toEqual({
      kind: 'not-signed-in',
      message: 'Sign in'
    });
    expect(failureFromStatus(413, null).kind).toBe('too-large');
    expect(failureFromStatus(400, null).kind).toBe('invalid-request');
    expect(failureFromStatus(503, null)).toEqual({ kind: 'server', message: 'HTTP 503' });
  });
});

describe('postBatch', () => {
  it('reports a network failure as an outcome, not an exception', async () => {
    const offline = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    expect(await postBatch(offline, '/api/sync', [])).toEqual({
      ok: false,
      failure: { kind: 'network', message: 'Failed to fetch' }
    });
  });
});

describe('chunkRequests', () => {
  it('puts at most 100 documents in a batch', () => {
    const docs = Array.from({ length: 250 }, (_, i) => ({
      name: `t/${i}`,
      stateVector: new Uint8Array([0])
    }));
    const chunks = chunkRequests(docs);
    const full = BATCH_LIMITS.maxDocs;
    expect(chunks.map((c) => c.length)).toEqual([full, full, 50]);
  });

  it('splits by size so that a request stays under the server cap', () => {
    const big = new Uint8Array(3 * 1024 * 1024);
    const docs = [0, 1, 2].map((i) => ({
      name: `t/${i}`,
      stateVector: new Uint8Array([0]),
      update: big
    }));
    expect(chunkRequests(docs).map((c) => c.length)).toEqual([1, 1, 1]);
  });
});
