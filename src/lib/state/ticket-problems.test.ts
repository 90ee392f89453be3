import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addTag, addThreadEntry, createTicket } from '$lib/domain/ticket';
import { setLocale } from '$lib/i18n/runtime';
import { errorMessage } from './toasts.svelte';

const actor = { id: 'member-aino-1', name: 'Aino' };

function ticket(): Y.Doc {
  const doc = new Y.Doc();
  createTicket(
    doc,
    { id: 'ticket-printer-1', workspaceId: 'workspace-1', subject: 'Printer' },
    actor,
    1
  );
  return doc;
}

function refusal(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the domain to refuse');
}

describe('a refused ticket change, as the member reads it', () => {
  afterEach(() => setLocale('en'));

  it('says what was wrong in the member’s language, not the domain’s English', () => {
    const doc = ticket();
    const badTag = refusal(() => addTag(doc, 'two words', actor, 2));
    const empty = refusal(() => addThreadEntry(doc, 'note', '   ', actor, 3));
    const notYet = refusal(() => addTag(new Y.Doc(), 'vip', actor, 4));

    setLocale('fi');
    expect(errorMessage(badTag)).toBe(
      '”two words” ei kelpaa tunnisteeksi: tunnisteessa ei ole välilyöntejä eikä pilkkuja, ja siinä on enintään 40 merkkiä.'
    );
    expect(errorMessage(empty)).toBe('Viestissä pitää olla tekstiä (enintään 100 000 merkkiä).');
    expect(errorMessage(notYet)).toBe(
      'Tiketti ei ole vielä tullut tälle laitteelle. Yritä hetken päästä uudelleen.'
    );
    setLocale('da');
    expect(errorMessage(empty)).toBe('En besked skal have noget tekst (højst 100.000 tegn).');
  });

  it('counts the tags a ticket may have from the domain’s own limit', () => {
    const doc = ticket();
    for (let i = 0; i < 50; i++) addTag(doc, `tag-${i}`, actor, 10 + i);
    setLocale('da');
    expect(errorMessage(refusal(() => addTag(doc, 'one-more', actor, 99)))).toBe(
      'En sag kan højst have 50 mærker.'
    );
  });

  it('leaves other errors as they were', () => {
    expect(errorMessage(new Error('Offline'))).toBe('Offline');
  });
});
