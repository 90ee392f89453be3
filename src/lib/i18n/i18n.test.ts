import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOCALES, negotiateLocale, localeOf } from './locales';
import { getLocale, plural, setLocale, setTimeZone, t, type PluralForms } from './runtime';
import { firstDayOfWeek, formatDate, formatDuration, formatNumber, formatRelative } from './format';

const tickets: Record<'en' | 'fi' | 'da', PluralForms> = {
  en: { one: '# ticket', other: '# tickets' },
  fi: { one: '# tiketti', other: '# tikettiä' },
  da: { one: '# sag', other: '# sager' }
};

afterEach(() => setLocale('en'));

describe('choosing a locale', () => {
  it('follows Accept-Language by q-value, falling back to English', () => {
    expect(negotiateLocale('fi-FI,fi;q=0.9,en-US;q=0.8,en;q=0.7')).toBe('fi');
    expect(negotiateLocale('sv-SE,da;q=0.8,en;q=0.5')).toBe('da');
    expect(negotiateLocale('en;q=0.4, da;q=0.9')).toBe('da');
    expect(negotiateLocale('nb-NO, de')).toBe('en');
    expect(negotiateLocale('da;q=0, fi;q=0.1')).toBe('fi');
    expect(negotiateLocale('')).toBe('en');
    expect(negotiateLocale(';;;,,q=,fi;q=abc')).toBe('fi');
    expect(negotiateLocale(null)).toBe('en');
  });

  it('reads a tag with a region or an underscore', () => {
    expect(localeOf('da_DK')).toBe('da');
    expect(localeOf('FI')).toBe('fi');
    expect(localeOf('se')).toBeNull();
  });
});

describe('messages', () => {
  it('pick the current locale, or the one asked for', () => {
    const texts = { en: 'Board', fi: 'Taulu', da: 'Tavle' };
    expect(t(undefined, texts)).toBe('Board');
    setLocale('fi');
    expect(getLocale()).toBe('fi');
    expect(t(undefined, texts)).toBe('Taulu');
    expect(t({ locale: 'da' }, texts)).toBe('Tavle');
  });

  it('pluralise by each language’s own rules (Danish 1.5 is one, Finnish other)', () => {
    expect(plural(1, { locale: 'en' }, tickets)).toBe('1 ticket');
    expect(plural(0, { locale: 'en' }, tickets)).toBe('0 tickets');
    expect(plural(1, { locale: 'fi' }, tickets)).toBe('1 tiketti');
    expect(plural(3, { locale: 'fi' }, tickets)).toBe('3 tikettiä');
    expect(plural(1.5, { locale: 'fi' }, tickets)).toBe('1,5 tikettiä');
    expect(plural(1.5, { locale: 'da' }, tickets)).toBe('1,5 sag');
    expect(plural(1.5, { locale: 'en' }, tickets)).toBe('1.5 tickets');
  });
});

describe('formatting', () => {
  // 2026-11-27 14:05 UTC
  const at = Date.UTC(2026, 10, 27, 14, 5);

  it('formats numbers with each locale’s separators', () => {
    expect(formatNumber(1234.5, { locale: 'en' })).toBe('1,234.5');
    expect(formatNumber(1234.5, { locale: 'fi' })).toBe('1\u00a0234,5');
    expect(formatNumber(1234.5, { locale: 'da' })).toBe('1.234,5');
  });

  it('writes small whole numbers exactly as Intl does in every locale, without asking it', () => {
    for (const locale of LOCALES) {
      const intl = new Intl.NumberFormat(locale);
      for (const n of [0, 1, 7, 42, 999, 1000, 12345, -1, -5, 0.5]) {
        expect(formatNumber(n, { locale }), `${n} in ${locale}`).toBe(intl.format(n));
      }
    }
    expect(formatNumber(-5, { locale: 'fi' })).toBe('\u22125');
  });

  it('formats dates in the locale and the time zone asked for', () => {
    const helsinki = { timeZone: 'Europe/Helsinki' };
    expect(formatDate(at, 'time', { locale: 'fi', ...helsinki })).toBe('16.05');
    expect(formatDate(at, 'date', { locale: 'fi', ...helsinki })).toBe('27.11.2026');
    expect(formatDate(at, 'date', { locale: 'da', timeZone: 'Europe/Copenhagen' })).toBe(
      '27. nov. 2026'
    );
    expect(formatDate(at, 'date', { locale: 'en', timeZone: 'America/Vancouver' })).toBe(
      'Nov 27, 2026'
    );
  });

  it('shows times in the member’s own time zone when one is set, whatever the device’s', () => {
    try {
      setTimeZone('Asia/Manila');
      expect(formatDate(at, 'time', { locale: 'fi' })).toBe('22.05');
      // A zone named by the caller (a colleague's local time) still wins.
      expect(formatDate(at, 'time', { locale: 'fi', timeZone: 'Europe/Helsinki' })).toBe('16.05');
      setTimeZone('America/New_York');
      expect(formatDate(at, 'time', { locale: 'en' })).toBe('9:05 AM');
    } finally {
      setTimeZone(null);
    }
  });

  it('says how long ago or ahead in words', () => {
    const now = at;
    expect(formatRelative(now - 3 * 3_600_000, now, { locale: 'en' })).toBe('3 hours ago');
    expect(formatRelative(now - 24 * 3_600_000, now, { locale: 'fi' })).toBe('eilen');
    expect(formatRelative(now - 24 * 3_600_000, now, { locale: 'da' })).toBe('i går');
    expect(formatRelative(now + 2 * 86_400_000, now, { locale: 'da' })).toBe('i overmorgen');
    expect(formatRelative(now + 20_000, now, { locale: 'en' })).toBe('now');
  });

  it('builds a row’s formatters once, when warmed before the row needs them', async () => {
    // Fresh modules: the formatters other tests built are not there to be found.
    vi.resetModules();
    const runtime = await import('./runtime');
    const format = await import('./format');
    runtime.setLocale('da');
    const built = { relative: 0, unit: 0, date: 0 };
    const { RelativeTimeFormat, NumberFormat, DateTimeFormat } = Intl;
    vi.spyOn(Intl, 'RelativeTimeFormat').mockImplementation(function (...args) {
      built.relative++;
      return new RelativeTimeFormat(...args);
    });
    vi.spyOn(Intl, 'NumberFormat').mockImplementation(function (...args) {
      if (args[1]?.style === 'unit') built.unit++;
      return new NumberFormat(...args);
    });
    vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(function (...args) {
      built.date++;
      return new DateTimeFormat(...args);
    });
    try {
      format.warmFormatters(at);
      expect(built).toEqual({ relative: 1, unit: 3, date: 1 });
      expect(format.formatRelative(at - 2 * 3_600_000, at)).toBe('for 2 timer siden');
      expect(format.formatDuration(90 * 60_000)).toBe('1 t 30 m');
      expect(format.formatDate(at, 'short')).toMatch(/27/);
      expect(built).toEqual({ relative: 1, unit: 3, date: 1 });
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('formats durations in at most two units', () => {
    const minute = 60_000;
    expect(formatDuration(45 * minute, { locale: 'en' })).toBe('45m');
    expect(formatDuration(90 * minute, { locale: 'en' })).toBe('1h 30m');
    expect(formatDuration(90 * minute, { locale: 'fi' })).toBe('1t 30min');
    expect(formatDuration(-(2 * 24 * 60 + 4 * 60 + 5) * minute, { locale: 'en' })).toBe('2d 4h');
    expect(formatDuration(0, { locale: 'da' })).toBe('0 m');
  });

  it('knows where each locale’s week starts', () => {
    expect(firstDayOfWeek('fi-FI')).toBe(1);
    expect(firstDayOfWeek('da-DK')).toBe(1);
    expect(firstDayOfWeek('en-US')).toBe(7);
    expect(firstDayOfWeek('en-GB')).toBe(1);
  });
});

describe('the member’s week', () => {
  it('starts where their language and their browser’s region say', async () => {
    const { memberWeekStart } = await import('./format');
    expect(memberWeekStart(['en-US', 'en'], { locale: 'en' })).toBe(7);
    expect(memberWeekStart(['en-GB'], { locale: 'en' })).toBe(1);
    expect(memberWeekStart(['en-US'], { locale: 'fi' })).toBe(1);
    expect(memberWeekStart(['da-DK', 'en-US'], { locale: 'da' })).toBe(1);
  });
});
