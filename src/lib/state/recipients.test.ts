import { describe, expect, it } from 'vitest';
import { parseRecipients } from './recipients';

describe('parseRecipients', () => {
  it('leaves both empty to the server default', () => {
    expect(parseRecipients('', '  ')).toEqual({ ok: true, recipients: undefined });
  });

  it('splits on commas, semicolons and spaces', () => {
    expect(
      parseRecipients('anna@example.fi; bo@example.dk', 'cc1@example.com, cc2@example.com')
    ).toEqual({
      ok: true,
      recipients: {
        to: ['anna@example.fi', 'bo@example.dk'],
        cc: ['cc1@example.com', 'cc2@example.com']
      }
    });
  });

  it('refuses CC without To, and anything that is not an address', () => {
    expect(parseRecipients('', 'cc@example.com')).toEqual({
      ok: false,
      message: 'Add at least one address to To.'
    });
    expect(parseRecipients('anna@example.fi', 'not-an-address')).toEqual({
      ok: false,
      message: '"not-an-address" is not an email address.'
    });
    expect(parseRecipients('<script>@x', '')).toMatchObject({ ok: false });
  });

  it('caps the lists', () => {
    const many = Array.from({ length: 51 }, (_, i) => `p${i}@example.com`).join(',');
    expect(parseRecipients(many, '')).toEqual({
      ok: false,
      message: 'At most 50 addresses in To and in CC.'
    });
  });
});
