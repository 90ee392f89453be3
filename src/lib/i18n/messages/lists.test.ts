import { describe, expect, it } from 'vitest';
import { searchMatches, viewTitle } from './lists';

describe('list messages', () => {
  it('announce search results with the plural of each language', () => {
    expect(searchMatches(1)).toBe('1 ticket matches');
    expect(searchMatches(0)).toBe('0 tickets match');
    expect(searchMatches(1, { locale: 'fi' })).toBe('1 tiketti löytyi');
    expect(searchMatches(3, { locale: 'fi' })).toBe('3 tikettiä löytyi');
    expect(searchMatches(1, { locale: 'da' })).toBe('1 sag matcher');
    expect(searchMatches(1500, { locale: 'da' })).toBe('1.500 sager matcher');
  });

  it('name the views with the glossary’s words', () => {
    expect(viewTitle('mine', { locale: 'fi' })).toBe('Omat avoimet tiketit');
    expect(viewTitle('unassigned', { locale: 'da' })).toBe('Ikke tildelte');
    expect(viewTitle('solved', { locale: 'da' })).toBe('Løst for nylig');
  });
});
