import { describe, expect, it } from 'vitest';
import {
  articleDocName,
  indexDocName,
  parseDocName,
  settingsDocName,
  ticketDocName
} from './doc-names';
import { newId } from './ids';

describe('document names', () => {
  const id = newId();

  it('round-trips every kind', () => {
    expect(parseDocName(indexDocName(id))).toEqual({ kind: 'index', workspaceId: id });
    expect(parseDocName(settingsDocName(id))).toEqual({ kind: 'settings', workspaceId: id });
    expect(parseDocName(ticketDocName(id))).toEqual({ kind: 'ticket', ticketId: id });
    expect(parseDocName(articleDocName(id))).toEqual({ kind: 'article', articleId: id });
  });

  it('spells names the way the relay routes them', () => {
    expect(indexDocName('acme-support')).toBe('ws/acme-support/index');
    expect(settingsDocName('acme-support')).toBe('ws/acme-support/settings');
    expect(ticketDocName('ticket-0001')).toBe('t/ticket-0001');
    expect(articleDocName('article-001')).toBe('kb/article-001');
  });

  it.each([
    '',
    '/',
    't',
    't/',
    't/ABC',
    't/abc',
    't/a/b',
    't/ticket-0001/',
    '/t/ticket-0001',
    't//ticket-0001',
    'T/ticket-0001',
    't/ticket 0001',
    't/ticket_0001',
    't/ticket-0001\n',
    't/tickét-0001',
    't/ticket-0001\u0000',
    't/тикет-00001',
    't/🎫🎫🎫🎫🎫🎫🎫🎫',
    `t/${'a'.repeat(65)}`,
    `t/${'a'.repeat(100_000)}`,
    'ws/../index',
    'ws/acme-support/../index',
    'ws/acme-support',
    'ws/acme-support/',
    'ws/acme-support/index/',
    'ws/acme-support/tickets',
    'ws/acme-support/INDEX',
    'ws//index',
    'kb/',
    'kb/../../etc/passwd',
    'x/acme-support',
    'index'
  ])('refuses %j', (name) => {
    expect(parseDocName(name)).toBeNull();
  });

  it('accepts ids at both length limits', () => {
    expect(parseDocName(`t/${'a'.repeat(8)}`)).toEqual({ kind: 'ticket', ticketId: 'aaaaaaaa' });
    expect(parseDocName(`t/${'a'.repeat(64)}`)).toEqual({
      kind: 'ticket',
      ticketId: 'a'.repeat(64)
    });
    expect(parseDocName(`t/${'a'.repeat(7)}`)).toBeNull();
  });
});
