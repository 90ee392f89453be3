import { describe, expect, it } from 'vitest';
import {
  ArchiveSettingsRecord,
  DEFAULT_ARCHIVE_SETTINGS,
  archiveDue,
  archiveSettingsOf,
  dueForArchive,
  staysArchived
} from './archive';
import { TICKET_STATUSES } from './schema';
import { makeSummary } from './testing/factories';

const DAY = 24 * 3_600_000;
const NOW = Date.UTC(2026, 10, 27, 12);
const settings = DEFAULT_ARCHIVE_SETTINGS;

describe('which tickets are due for the archive', () => {
  it('takes solved and closed tickets done at least the window ago, nothing open', () => {
    const old = NOW - 90 * DAY;
    for (const status of TICKET_STATUSES) {
      const due = archiveDue({ status, solvedAt: old, updatedAt: old }, NOW, settings);
      expect(due, status).toBe(status === 'solved' || status === 'closed');
    }
  });

  it('counts from solvedAt, and from the last update when a done ticket carries none', () => {
    const justInside = NOW - 90 * DAY + 1;
    expect(
      archiveDue({ status: 'closed', solvedAt: justInside, updatedAt: 0 }, NOW, settings)
    ).toBe(false);
    expect(
      archiveDue({ status: 'closed', solvedAt: NOW - 90 * DAY, updatedAt: NOW }, NOW, settings)
    ).toBe(true);
    expect(
      archiveDue({ status: 'closed', solvedAt: null, updatedAt: NOW - 91 * DAY }, NOW, settings)
    ).toBe(true);
    expect(
      archiveDue({ status: 'closed', solvedAt: null, updatedAt: NOW - 89 * DAY }, NOW, settings)
    ).toBe(false);
  });

  it('follows the window and the switch', () => {
    const ticket = { status: 'closed' as const, solvedAt: NOW - 10 * DAY, updatedAt: NOW };
    expect(archiveDue(ticket, NOW, { ...settings, afterDays: 7 })).toBe(true);
    expect(archiveDue(ticket, NOW, { ...settings, afterDays: 30 })).toBe(false);
    expect(archiveDue(ticket, NOW, { ...settings, afterDays: 7, enabled: false })).toBe(false);
  });

  it('lists the due summaries of an index oldest first, bounded, skipping what is not a summary', () => {
    const a = makeSummary({ status: 'closed', solvedAt: NOW - 200 * DAY });
    const b = makeSummary({ status: 'solved', solvedAt: NOW - 100 * DAY });
    const open = makeSummary({ status: 'open', solvedAt: null, updatedAt: NOW - 400 * DAY });
    const recent = makeSummary({ status: 'closed', solvedAt: NOW - DAY });
    const entries: [string, unknown][] = [
      [b.id, b],
      [open.id, open],
      [a.id, a],
      [recent.id, recent],
      ['junk', { status: 'closed', solvedAt: 'yesterday', updatedAt: 0 }],
      ['junk2', 'closed'],
      ['junk3', { status: 'archived', solvedAt: 0, updatedAt: 0 }]
    ];
    expect(dueForArchive(entries, NOW, settings)).toEqual([a.id, b.id]);
    expect(dueForArchive(entries, NOW, settings, 1)).toEqual([a.id]);
    expect(dueForArchive(entries, NOW, { ...settings, enabled: false })).toEqual([]);
  });
});

describe('what brings an archived ticket back', () => {
  it('any open status; solved and closed stay archived', () => {
    for (const status of TICKET_STATUSES) {
      expect(staysArchived(status), status).toBe(status === 'solved' || status === 'closed');
    }
  });
});

describe('archive settings', () => {
  it('defaults to on, 90 days, when the record is missing or invalid', () => {
    expect(archiveSettingsOf([])).toEqual(DEFAULT_ARCHIVE_SETTINGS);
    expect(archiveSettingsOf([['archive', { id: 'archive', enabled: false }]])).toEqual(
      DEFAULT_ARCHIVE_SETTINGS
    );
    expect(
      archiveSettingsOf([['archive', { id: 'archive', enabled: false, afterDays: 30 }]])
    ).toEqual({ id: 'archive', enabled: false, afterDays: 30 });
  });

  it('refuses a bad record naming the field', () => {
    const problems = [
      { id: 'archive', enabled: true, afterDays: 0 },
      { id: 'archive', enabled: true, afterDays: 1.5 },
      { id: 'archive', enabled: 'yes', afterDays: 30 },
      { id: 'archive', enabled: true, afterDays: 30, extra: 1 },
      { id: 'other', enabled: true, afterDays: 30 }
    ].map((value) => ArchiveSettingsRecord.safeParse(value));
    expect(problems.map((p) => p.success)).toEqual([false, false, false, false, false]);
    const paths = problems.map((p) =>
      p.success ? '' : p.error.issues.map((i) => i.path.join('.') || 'keys' in i).join()
    );
    expect(paths[0]).toBe('afterDays');
    expect(paths[1]).toBe('afterDays');
    expect(paths[2]).toBe('enabled');
    expect(paths[4]).toBe('id');
  });
});
