/**
 * The weekly report email (#16.5) through a real SMTP server: once the team's week is over,
 * each lead (owners and admins, not agents) gets last week's numbers against the week before,
 * in their own language; running again sends nothing more, and neither does a restart.
 */
import { describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { createTicket, setStatus, addThreadEntry } from '../../src/lib/domain/ticket.ts';
import type { Actor } from '../../src/lib/domain/schema.ts';
import { smtpMailer } from '../../server/accounts/mailer.ts';
import { startSmtpReceiver } from '../mail-servers/smtp-receiver.ts';
import { cleanupAfterEach, startBaton, tempDir, until } from './helpers.ts';
import { team } from './auth-helpers.ts';

const cleanups = cleanupAfterEach();
const HOUR = 3_600_000;
// Monday 30 March 2026, 10:00 UTC: the week of 23 March is over in every time zone near UTC.
const NOW = Date.UTC(2026, 2, 30, 10);
const clock = { now: () => NOW };
const CUSTOMER: Actor = { id: 'customer-weekly-1', name: 'Bo Customer' };

describe('weekly report email', () => {
  it('mails last week to the leads once, each in their language', async () => {
    const smtp = await startSmtpReceiver();
    cleanups.push(() => smtp.stop());
    const dir = tempDir();
    cleanups.push(dir.remove);
    const mailer = smtpMailer(`smtp://${smtp.host}:${smtp.port}`, 'Baton <no-reply@baton.test>');
    // No demo: a team of its own, so that last week holds exactly the tickets made here.
    let relay = await startBaton(dir.path, { demo: false }, { clock, accountMailer: mailer });
    cleanups.push(() => relay.stop());
    const { baton } = relay;
    const t = team(baton);
    const WORKSPACE = t.workspaceId;
    const owner = t.owner;
    const admin = t.byRole.get('admin')!;
    const agent = t.byRole.get('agent')!;
    baton.accounts.setLocale(owner.id, 'fi');

    // Three tickets last week (Tuesday to Thursday); one answered and solved.
    for (const [i, day] of [24, 25, 26].entries()) {
      const id = `weekly-ticket-${i}`;
      const at = Date.UTC(2026, 2, day, 9);
      baton.storage.registerDocument(ticketDocName(id), WORKSPACE, at);
      baton.docs.change(ticketDocName(id), (doc) => {
        createTicket(
          doc,
          {
            id,
            workspaceId: WORKSPACE,
            subject: `Weekly ${i}`,
            requesterId: CUSTOMER.id,
            firstMessage: { kind: 'inbound', body: 'Hello', author: CUSTOMER }
          },
          CUSTOMER,
          at
        );
        if (i === 0) {
          addThreadEntry(doc, 'reply', 'Fixed.', agent, at + HOUR);
          setStatus(doc, 'solved', agent, at + HOUR);
        }
      });
    }
    await baton.docs.flushed();
    // The reporting store follows the change stream in the background (after the relay).
    await until(
      () => baton.reports.store.count(WORKSPACE) === 3,
      'the three tickets in the reporting store'
    );

    const sent = await baton.reports.weekly.runOnce();
    // The owner and the admin; not the agent, light agent or viewer.
    const leads = [owner.email, admin.email].sort();
    expect(sent).toEqual([{ workspaceId: WORKSPACE, week: '2026-03-23', to: expect.any(Array) }]);
    expect([...sent[0]!.to].sort()).toEqual(leads);
    expect(smtp.received.flatMap((m) => m.to).sort()).toEqual(leads);

    const byTo = new Map(
      await Promise.all(
        smtp.received.map(async (m) => [m.to[0]!, await simpleParser(m.raw)] as const)
      )
    );
    const english = byTo.get(admin.email)!;
    expect(english.subject).toContain('the week of 2026-03-23');
    expect(english.text).toContain('Created: 3 (the week before: 0)');
    expect(english.text).toContain('Solved: 1 (the week before: 0)');
    expect(english.text).toContain('Open at the end: 2 (the week before: 0)');
    const finnish = byTo.get(owner.email)!;
    expect(finnish.subject).toContain('viikko 2026-03-23');
    expect(finnish.text).toContain('Luotu: 3 (edellisellä viikolla: 0)');

    // Once per week: again, and after a restart, nothing more is sent.
    expect(await baton.reports.weekly.runOnce()).toEqual([]);
    await relay.stop();
    relay = await startBaton(dir.path, { demo: false }, { clock, accountMailer: mailer });
    expect(await relay.baton.reports.weekly.runOnce()).toEqual([]);
    expect(smtp.received).toHaveLength(2);
  }, 60_000);
});
