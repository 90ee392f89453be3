import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../runtime';
import { describeTriage } from '../../state/triage';
import { offlineSummary, priorityChanged, savingOffline } from './triage';

afterEach(() => setLocale('en'));

describe('triage messages', () => {
  it('count the copies kept offline, the Danish adjective agreeing with the total', () => {
    expect(offlineSummary({ kept: 1, total: 1 })).toBe('1 of 1 available offline');
    expect(offlineSummary({ kept: 1, total: 1 }, { locale: 'fi' })).toBe(
      '1/1 käytettävissä ilman yhteyttä'
    );
    expect(offlineSummary({ kept: 1, total: 1 }, { locale: 'da' })).toBe(
      '1 af 1 tilgængelig offline'
    );
    expect(offlineSummary({ kept: 0, total: 12 }, { locale: 'da' })).toBe(
      '0 af 12 tilgængelige offline'
    );
  });

  it('format the counts for the locale', () => {
    expect(savingOffline({ done: 1200, total: 2400 }, { locale: 'fi' })).toBe(
      'Tallennetaan tikettejä käytettäväksi ilman yhteyttä… 1\u00a0200/2\u00a0400'
    );
    expect(savingOffline({ done: 1200, total: 2400 }, { locale: 'da' })).toBe(
      'Gemmer sager til brug offline… 1.200 af 2.400'
    );
  });

  it('say what an action did in the member’s language, priorities in lower case', () => {
    expect(priorityChanged({ ticket: '#3', priority: 'urgent' }, { locale: 'fi' })).toBe(
      'Tiketin #3 prioriteetti: kiireellinen'
    );
    expect(priorityChanged({ ticket: '#3', priority: 'high' }, { locale: 'da' })).toBe(
      'Sag #3 har nu prioritet høj'
    );
    setLocale('fi');
    expect(describeTriage({ kind: 'take' }, '#3')).toBe('Tiketti #3 otettu käsittelyyn');
    setLocale('da');
    expect(describeTriage({ kind: 'pending' }, 'P-AB12CD')).toBe('Sag P-AB12CD afventer nu kunden');
  });
});
