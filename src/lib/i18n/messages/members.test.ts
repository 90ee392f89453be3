import { describe, expect, it } from 'vitest';
import {
  invitationByLink,
  invitationFor,
  roleNoun,
  shareInvitationLink,
  tokenEntry,
  youAre,
  youAreAdmin
} from './members';

describe('members messages', () => {
  it('write roles in sentences in lower case, never as ids', () => {
    expect(roleNoun('light-agent', { locale: 'en' })).toBe('light agent');
    expect(youAre({ role: 'viewer' }, { locale: 'en' })).toBe('You are viewer here.');
    expect(youAre({ role: 'light-agent' }, { locale: 'fi' })).toBe(
      'Roolisi tässä työtilassa on kevytagentti.'
    );
    expect(youAreAdmin({ role: 'owner' }, { locale: 'da' })).toMatch(/^Du er ejer her: /);
  });

  it('describe open invitations with the role and the date given', () => {
    expect(
      invitationFor(
        { email: 'carl@example.test', role: 'agent', until: '4.12.2026' },
        { locale: 'fi' }
      )
    ).toBe('carl@example.test, rooli: agentti, voimassa 4.12.2026 asti');
    expect(invitationByLink({ role: 'viewer', until: '4. dec. 2026' }, { locale: 'da' })).toBe(
      'Link som observatør, gyldigt til 4. dec. 2026'
    );
  });

  it('count the days an invitation link works', () => {
    expect(shareInvitationLink(7, { locale: 'en' })).toBe(
      'Share this link (it works once, for 7 days):'
    );
    expect(shareInvitationLink(1, { locale: 'en' })).toBe(
      'Share this link (it works once, for 1 day):'
    );
    expect(shareInvitationLink(1, { locale: 'da' })).toBe(
      'Del dette link (det virker én gang i 1 dag):'
    );
    expect(shareInvitationLink(7, { locale: 'fi' })).toBe(
      'Jaa tämä linkki (toimii kerran, 7 päivän ajan):'
    );
  });

  it('name a token’s scope in words', () => {
    expect(tokenEntry({ name: 'CI', scope: 'read', created: '27.11.2026' }, { locale: 'fi' })).toBe(
      'CI (lukuoikeus), luotu 27.11.2026'
    );
    expect(tokenEntry({ name: 'CI', scope: 'write', created: '27 Nov' }, { locale: 'en' })).toBe(
      'CI (write), made 27 Nov'
    );
  });
});
