import { describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../domain/schema';
import type { Locale } from '../locales';
import { deliveryAttempts, sizeKilobytes } from './mail-thread';
import { activitySentence, alsoViewing, openedViaBy, typingReply, viaChannel } from './ticket';

const NAMES: Record<string, string> = { aino: 'Aino Virtanen', joy: 'Joy Lee' };
const nameOf = (id: string) => NAMES[id] ?? id;

function line(entry: Partial<ActivityEntry> & Pick<ActivityEntry, 'kind'>, locale: Locale) {
  return activitySentence(
    { at: 0, actorId: 'aino', ...entry },
    { actor: 'Aino Virtanen', nameOf },
    { locale }
  );
}

describe('activity sentences', () => {
  it('name statuses and priorities by their labels, in each language’s word order', () => {
    const status = { kind: 'status', from: 'new', to: 'open' } as const;
    expect(line(status, 'en')).toBe('Aino Virtanen changed status from New to Open');
    expect(line(status, 'fi')).toBe('Aino Virtanen muutti tilan: Uusi → Avoin');
    expect(line(status, 'da')).toBe('Aino Virtanen ændrede status fra Ny til Åben');

    const priority = { kind: 'priority', from: 'normal', to: 'urgent' } as const;
    expect(line(priority, 'fi')).toBe('Aino Virtanen muutti prioriteetin: Normaali → Kiireellinen');
    expect(line(priority, 'da')).toBe('Aino Virtanen ændrede prioritet fra Normal til Haster');
  });

  it('say "set" when there was no earlier value, and show an unknown value as it is', () => {
    expect(line({ kind: 'status', to: 'solved' }, 'fi')).toBe(
      'Aino Virtanen asetti tilaksi Ratkaistu'
    );
    expect(line({ kind: 'status', to: 'solved' }, 'da')).toBe(
      'Aino Virtanen satte status til Løst'
    );
    expect(line({ kind: 'status', from: 'open', to: 'archived' }, 'da')).toBe(
      'Aino Virtanen ændrede status fra Åben til archived'
    );
  });

  it('tell taking a ticket, assigning it and unassigning it apart', () => {
    expect(line({ kind: 'assignee', to: 'aino' }, 'fi')).toBe(
      'Aino Virtanen otti tiketin itselleen'
    );
    expect(line({ kind: 'assignee', to: 'aino' }, 'da')).toBe('Aino Virtanen tog sagen');
    expect(line({ kind: 'assignee', to: 'joy' }, 'fi')).toBe(
      'Aino Virtanen antoi tiketin käyttäjälle Joy Lee'
    );
    expect(line({ kind: 'assignee', to: 'joy' }, 'da')).toBe(
      'Aino Virtanen tildelte sagen til Joy Lee'
    );
    expect(line({ kind: 'assignee', from: 'joy', to: null }, 'fi')).toBe(
      'Aino Virtanen poisti käsittelijän'
    );
    expect(line({ kind: 'assignee', from: 'joy', to: null }, 'da')).toBe(
      'Aino Virtanen fjernede den ansvarlige'
    );
  });

  it('tell a handover to someone from a note for anyone', () => {
    expect(line({ kind: 'handover', to: 'joy' }, 'fi')).toBe(
      'Aino Virtanen luovutti tiketin käyttäjälle Joy Lee'
    );
    expect(line({ kind: 'handover', to: 'joy' }, 'da')).toBe(
      'Aino Virtanen overdrog sagen til Joy Lee'
    );
    expect(line({ kind: 'handover', to: null }, 'fi')).toBe(
      'Aino Virtanen kirjoitti luovutusmuistiinpanon'
    );
    expect(line({ kind: 'handover', to: null }, 'da')).toBe(
      'Aino Virtanen skrev en overdragelsesnote'
    );
  });

  it('quote a subject and number a ticket', () => {
    expect(line({ kind: 'subject', to: 'Tulostin ei toimi' }, 'fi')).toBe(
      'Aino Virtanen muutti aiheeksi ”Tulostin ei toimi”'
    );
    expect(line({ kind: 'subject', to: 'Printeren virker ikke' }, 'da')).toBe(
      'Aino Virtanen ændrede emnet til »Printeren virker ikke«'
    );
    expect(line({ kind: 'numbered', to: 1042 }, 'da')).toBe('Aino Virtanen gav sagen nummer #1042');
    expect(line({ kind: 'tag-removed', from: 'vpn' }, 'fi')).toBe(
      'Aino Virtanen poisti tunnisteen vpn'
    );
  });
});

describe('names in a sentence', () => {
  it('agree the verb with how many are typing, and join the names as the language does', () => {
    expect(typingReply({ names: ['Aino'] }, { locale: 'en' })).toBe('Aino is typing a reply…');
    expect(typingReply({ names: ['Aino', 'Joy'] }, { locale: 'en' })).toBe(
      'Aino and Joy are typing a reply…'
    );
    expect(typingReply({ names: ['Aino'] }, { locale: 'fi' })).toBe('Aino kirjoittaa vastausta…');
    expect(typingReply({ names: ['Aino', 'Joy', 'Liam'] }, { locale: 'fi' })).toBe(
      'Aino, Joy ja Liam kirjoittavat vastausta…'
    );
    expect(typingReply({ names: ['Aino', 'Joy'] }, { locale: 'da' })).toBe(
      'Aino og Joy skriver et svar…'
    );
  });

  it('put a name holding "$&" or "{names}" in as it is', () => {
    expect(alsoViewing({ names: ['A$&B', '{names}'] }, { locale: 'da' })).toBe(
      'Kigger også med: A$&B og {names}'
    );
  });

  it('place the channel where each language wants it', () => {
    const p = (locale: Locale) => ({
      ago: locale === 'fi' ? 'eilen' : locale === 'da' ? 'i går' : 'yesterday',
      via: viaChannel('email', { locale }),
      requester: 'Hanna Korhonen'
    });
    expect(openedViaBy(p('en'), { locale: 'en' })).toBe(
      'Opened yesterday via email by Hanna Korhonen'
    );
    expect(openedViaBy(p('fi'), { locale: 'fi' })).toBe(
      'Pyytäjä Hanna Korhonen avasi tiketin eilen sähköpostitse'
    );
    expect(openedViaBy(p('da'), { locale: 'da' })).toBe(
      'Oprettet i går via e-mail af Hanna Korhonen'
    );
  });
});

describe('mail in the thread', () => {
  it('counts delivery attempts in each language', () => {
    expect(deliveryAttempts(1, { locale: 'fi' })).toBe('1 yritys');
    expect(deliveryAttempts(3, { locale: 'fi' })).toBe('3 yritystä');
    expect(deliveryAttempts(3, { locale: 'da' })).toBe('3 forsøg');
    expect(deliveryAttempts(3, { locale: 'en' })).toBe('3 attempts');
  });

  it('writes sizes with the language’s unit', () => {
    expect(sizeKilobytes({ n: '12' }, { locale: 'fi' })).toBe('12 kt');
    expect(sizeKilobytes({ n: '12' }, { locale: 'da' })).toBe('12 kB');
  });
});
