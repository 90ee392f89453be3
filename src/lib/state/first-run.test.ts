import { createApi } from '$lib/api/client';
import { describe, expect, it } from 'vitest';
import { MemberProfile, weekFromLegacy } from '$lib/domain/schema';
import { memoryStorage } from '$lib/sync/storage';
import {
  DEFAULT_WORKING_HOURS,
  FirstRun,
  firstRunItems,
  type FirstRunFacts
} from './first-run.svelte';

const profile = (hours = DEFAULT_WORKING_HOURS): MemberProfile => ({
  id: 'member-nora',
  name: 'Nora New',
  timeZone: 'Europe/Helsinki',
  workingHours: hours,
  skills: [],
  away: []
});

const fresh = (patch: Partial<FirstRunFacts> = {}): FirstRunFacts => ({
  role: 'owner',
  mailbox: false,
  memberCount: 1,
  profile: profile(),
  hoursConfirmed: false,
  ticketCount: 0,
  ...patch
});

const done = (facts: FirstRunFacts) =>
  Object.fromEntries(firstRunItems(facts).map((item) => [item.step, item.done]));

describe('firstRunItems', () => {
  it('offers an owner every step, none done in a new workspace', () => {
    expect(done(fresh())).toEqual({ mailbox: false, invite: false, hours: false, ticket: false });
  });

  it('ticks each step off from the data', () => {
    expect(
      done(
        fresh({
          mailbox: true,
          memberCount: 2,
          profile: profile(weekFromLegacy({ days: [1, 2, 3, 4], start: '07:00', end: '15:00' })),
          ticketCount: 1
        })
      )
    ).toEqual({ mailbox: true, invite: true, hours: true, ticket: true });
  });

  it('counts the default hours as set once the member saved them', () => {
    expect(done(fresh({ hoursConfirmed: true })).hours).toBe(true);
    // A profile stored in the old shape with the same days in another order is the default.
    const legacy = MemberProfile.parse({
      ...profile(),
      workingHours: { days: [5, 4, 3, 2, 1], start: '09:00', end: '17:00' }
    });
    expect(done(fresh({ profile: legacy })).hours).toBe(false);
    // A lunch break is not.
    const split: [string, string][] = [
      ['09:00', '12:00'],
      ['13:00', '17:00']
    ];
    expect(done(fresh({ profile: profile({ ...DEFAULT_WORKING_HOURS, wed: split }) })).hours).toBe(
      true
    );
  });

  it('offers each role only what it can do', () => {
    expect(firstRunItems(fresh({ role: 'agent' })).map((i) => i.step)).toEqual(['hours', 'ticket']);
    expect(firstRunItems(fresh({ role: 'light-agent' }))).toEqual([]);
    expect(firstRunItems(fresh({ role: 'viewer' }))).toEqual([]);
    expect(firstRunItems(fresh({ role: 'admin' })).map((i) => i.step)).toEqual([
      'mailbox',
      'invite',
      'hours',
      'ticket'
    ]);
  });
});

describe('FirstRun', () => {
  /** The API client over a server that answers every request with `body`. */
  const mailboxAnswer = (body: unknown, status = 200) =>
    createApi({ fetch: async () => new Response(JSON.stringify(body), { status }) });
  const SAVED = {
    settings: {
      address: 'support@example.com',
      displayName: 'Support',
      imap: {
        host: 'imap.example.com',
        port: 993,
        security: 'tls',
        user: 'support',
        auth: 'password',
        folder: 'INBOX'
      },
      smtp: { host: 'smtp.example.com', port: 465, security: 'tls', user: 'x', auth: 'password' },
      processed: 'flag',
      moveTo: 'Baton',
      reopenDays: 14,
      enabled: true
    },
    hasImapSecret: true,
    hasSmtpSecret: true,
    updatedAt: 1
  };

  it('keeps a dismissal and saved hours per member on the device', () => {
    const storage = memoryStorage();
    const nora = new FirstRun({
      memberId: 'member-nora',
      storage,
      workspaceId: 'w',
      api: mailboxAnswer({})
    });
    nora.dismiss();
    nora.confirmHours();
    const again = new FirstRun({
      memberId: 'member-nora',
      storage,
      workspaceId: 'w',
      api: mailboxAnswer({})
    });
    expect(again.dismissed).toBe(true);
    expect(again.hoursConfirmed).toBe(true);
    const other = new FirstRun({
      memberId: 'member-olli',
      storage,
      workspaceId: 'w',
      api: mailboxAnswer({})
    });
    expect(other.dismissed).toBe(false);
    expect(storage.key(0)).toMatch(/^baton@member-nora:/);
  });

  it('reads whether a mailbox is saved; a refusal leaves it unknown', async () => {
    const storage = memoryStorage();
    const saved = new FirstRun({
      memberId: 'm',
      storage,
      workspaceId: 'w',
      api: mailboxAnswer({ mailbox: SAVED, status: null })
    });
    await saved.loadMailbox();
    expect(saved.mailbox).toBe(true);
    const none = new FirstRun({
      memberId: 'm',
      storage,
      workspaceId: 'w',
      api: mailboxAnswer({ mailbox: null, status: null })
    });
    await none.loadMailbox();
    expect(none.mailbox).toBe(false);
    const refused = new FirstRun({
      memberId: 'm',
      storage,
      workspaceId: 'w',
      api: mailboxAnswer({ error: { reason: 'forbidden', message: 'no' } }, 403)
    });
    await refused.loadMailbox();
    expect(refused.mailbox).toBeNull();
  });
});
