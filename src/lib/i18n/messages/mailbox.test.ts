import { describe, expect, it } from 'vitest';
import { alreadyHere, importedOf, newTickets, repliesThreaded } from './mailbox';

describe('mail import messages', () => {
  it('count messages by each language’s plural, keeping the English the e2e test reads', () => {
    expect(importedOf({ done: '3' }, 3, { locale: 'en' })).toBe('3 of 3 messages');
    expect(importedOf({ done: '0' }, 1, { locale: 'en' })).toBe('0 of 1 message');
    expect(importedOf({ done: '1' }, 1, { locale: 'fi' })).toBe('1/1 viesti');
    expect(importedOf({ done: '2' }, 1200, { locale: 'fi' })).toBe('2/1\u00a0200 viestiä');
    expect(importedOf({ done: '1' }, 1, { locale: 'da' })).toBe('1 af 1 besked');
  });

  it('count what the import made', () => {
    expect(newTickets(1, { locale: 'fi' })).toBe('1 uusi tiketti');
    expect(newTickets(2, { locale: 'fi' })).toBe('2 uutta tikettiä');
    expect(newTickets(2, { locale: 'da' })).toBe('2 nye sager');
    expect(repliesThreaded(1, { locale: 'en' })).toBe('1 reply threaded');
    expect(repliesThreaded(4, { locale: 'fi' })).toBe('4 vastausta liitetty ketjuihin');
    expect(alreadyHere(0, { locale: 'da' })).toBe('0 fandtes allerede');
  });
});
