import { describe, expect, it } from 'vitest';
import { memoryStorage } from '$lib/sync/storage';
import { HeldSend } from './held-send';

const attachment = {
  name: 'invoice.pdf',
  type: 'application/pdf',
  size: 1234,
  blob: 'a'.repeat(64),
  inline: false
};

describe('HeldSend', () => {
  it('keeps a held reply for this member and ticket across instances (a reload)', () => {
    const storage = memoryStorage();
    const reply = { recipients: { to: ['maija@example.fi'], cc: [] }, attachments: [] };
    new HeldSend(storage, 'member-aino', 'ticket-1').write(reply);
    expect(new HeldSend(storage, 'member-aino', 'ticket-1').read()).toEqual(reply);
    // Another ticket, another member on this browser: nothing held there.
    expect(new HeldSend(storage, 'member-aino', 'ticket-2').read()).toBeNull();
    expect(new HeldSend(storage, 'member-maya', 'ticket-1').read()).toBeNull();
    new HeldSend(storage, 'member-aino', 'ticket-1').write(null);
    expect(new HeldSend(storage, 'member-aino', 'ticket-1').read()).toBeNull();
    expect(storage.length).toBe(0);
  });

  it('a reply to the default recipients keeps no recipients', () => {
    const storage = memoryStorage();
    const held = new HeldSend(storage, 'member-aino', 'ticket-1');
    held.write({ attachments: [attachment] });
    expect(held.read()).toEqual({ attachments: [attachment] });
  });

  it('garbage in storage counts as nothing held, and is removed', () => {
    const garbage = [
      'not json',
      'null',
      '[]',
      '{"attachments":"x"}',
      '{"attachments":[],"recipients":{"to":"everyone"}}',
      '{"attachments":[],"sendAs":"ceo"}'
    ];
    for (const raw of garbage) {
      const storage = memoryStorage();
      const held = new HeldSend(storage, 'member-aino', 'ticket-1');
      storage.setItem('baton@member-aino:held-reply:ticket-1', raw);
      expect(held.read(), raw).toBeNull();
      expect(storage.length, raw).toBe(0);
    }
  });
});
