import { describe, expect, it } from 'vitest';
import { createApi } from '$lib/api/client';
import type { ReportView } from '$lib/contract/reports';
import { ReportsState, type ReportFiltersInput } from './reports.svelte';

const cards = (created: number) => ({
  created,
  solved: 0,
  backlog: 0,
  slaAchieved: 0,
  slaBreached: 0,
  slaAchievedPercent: null,
  fcr: 0,
  fcrPercent: null,
  reopened: 0,
  escalated: 0,
  firstReply: null,
  resolution: null,
  csat: { sent: 0, rated: 0, good: 0, bad: 0, percent: null, responseRate: null },
  nps: { sent: 0, answers: 0, promoters: 0, passives: 0, detractors: 0, score: null }
});

const view = (created: number, generatedAt: number): ReportView => ({
  scope: 'team',
  range: { from: 0, to: 1 },
  previous: { from: -1, to: 0 },
  unit: 'day',
  timeZone: 'UTC',
  current: cards(created),
  before: cards(0),
  trend: [],
  breakdowns: { agent: [], channel: [], tag: [], priority: [], organisation: [], customer: [] },
  shifts: [],
  generatedAt
});

function memoryStorage() {
  const values = new Map<string, string>();
  return {
    values,
    get length() {
      return values.size;
    },
    key: (i: number) => [...values.keys()][i] ?? null,
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key)
  };
}

/** A server answering the report endpoint as the API does; it can go offline or refuse. */
function server() {
  const state = {
    answer: 'ok' as 'ok' | 'offline' | 'forbidden' | 'invalid',
    created: 7,
    at: 1_000,
    paths: [] as string[]
  };
  const fetch = async (input: RequestInfo | URL) => {
    state.paths.push(String(input));
    if (state.answer === 'offline') throw new TypeError('Failed to fetch');
    if (state.answer === 'forbidden')
      return Response.json({ error: { reason: 'forbidden', message: 'no' } }, { status: 403 });
    if (state.answer === 'invalid')
      return Response.json(
        { error: { reason: 'invalid-request', message: 'Invalid report query: tz: unknown' } },
        { status: 400 }
      );
    return Response.json(view(state.created, state.at));
  };
  return { state, api: createApi({ fetch: fetch as typeof globalThis.fetch }) };
}

const FILTERS: ReportFiltersInput = {
  scope: 'team',
  from: '2026-03-23',
  to: '2026-03-29',
  tz: 'Europe/Helsinki',
  unit: 'day',
  tag: 'vpn'
};

describe('the dashboard state', () => {
  it('asks with the filters and keeps the answer on the device', async () => {
    const { state, api } = server();
    const storage = memoryStorage();
    const reports = new ReportsState({ api, workspaceId: 'ws-1', storage, prefix: 'm1:' });
    await reports.load(FILTERS);
    expect(state.paths[0]).toBe(
      '/api/workspaces/ws-1/reports?from=2026-03-23&to=2026-03-29&tz=Europe%2FHelsinki&unit=day&scope=team&tag=vpn'
    );
    expect(reports.report?.current.created).toBe(7);
    expect(reports.cached).toBe(false);
    expect([...storage.values.keys()][0]).toMatch(/^m1:report:ws-1:/);
  });

  it('offline, shows the last answer for the same filters, saying when it was made', async () => {
    const { state, api } = server();
    const storage = memoryStorage();
    await new ReportsState({ api, workspaceId: 'ws-1', storage, prefix: 'm1:' }).load(FILTERS);
    state.answer = 'offline';
    const later = new ReportsState({ api, workspaceId: 'ws-1', storage, prefix: 'm1:' });
    await later.load(FILTERS);
    expect(later.report?.current.created).toBe(7);
    expect(later.report?.generatedAt).toBe(1_000);
    expect(later.cached).toBe(true);
    expect(later.problem).toBeNull();
    // Other filters were never answered: nothing to show, and it says so.
    await later.load({ ...FILTERS, tag: 'billing' });
    expect(later.problem).toBe('failed');
  });

  it('a refusal is never covered by a cached answer; an invalid query says why', async () => {
    const { state, api } = server();
    const storage = memoryStorage();
    const reports = new ReportsState({ api, workspaceId: 'ws-1', storage, prefix: 'm1:' });
    await reports.load(FILTERS);
    state.answer = 'forbidden';
    await reports.load(FILTERS);
    expect(reports.problem).toBe('forbidden');
    expect(reports.report).toBeNull();
    state.answer = 'invalid';
    await reports.load(FILTERS);
    expect(reports.problem).toBe('invalid');
    expect(reports.problemText).toContain('tz');
  });
});
