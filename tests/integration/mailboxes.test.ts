/**
 * Several mailboxes per workspace (#13 item 14), against the real Dovecot and SMTP receiver:
 * a message that comes in on billing@ makes a ticket that records billing@ and carries its
 * default tags, and the reply leaves From billing@ with billing's signature, while a support@
 * ticket is answered from support@; a removed mailbox's tickets are answered from the primary
 * one. The migration from one mailbox per workspace keeps the mailbox, its sealed secrets and
 * its IMAP position. The services refuse garbage naming the field, and a second mailbox with
 * an address the workspace already has.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { simpleParser } from 'mailparser';
import { settingsDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { readSettings } from '../../src/lib/domain/settings.ts';
import { addThreadEntry } from '../../src/lib/domain/ticket.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openDataDir } from '../../server/storage.ts';
import { LEGACY_MAILBOX_ID, MailStore, mailSchema } from '../../server/mail/mail-store.ts';
import { Mailboxes, type MailboxSettings } from '../../server/mail/mailbox.ts';
import { SecretBox } from '../../server/mail/secret-box.ts';
import { startDovecot, type DovecotServer } from '../mail-servers/dovecot.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../mail-servers/smtp-receiver.ts';
import * as fx from '../mail-servers/fixtures.ts';
import { AINO, WORKSPACE, tempDir, until, type RunningBaton } from './helpers.ts';
import {
  delivery,
  mailboxSettings,
  startMailBaton,
  summaries,
  ticket,
  type MailBaton
} from './mail-helpers.ts';

const BILLING = 'billing@baton.test';
const USERS = [
  { user: 'mbx-support', password: 'support-pass' },
  { user: 'mbx-billing', password: 'billing-pass' }
];
let imap: DovecotServer;
let smtp: SmtpReceiver;

beforeAll(async () => {
  [imap, smtp] = await Promise.all([startDovecot(USERS), startSmtpReceiver()]);
}, 120_000);
afterAll(async () => {
  await Promise.all([imap?.stop(), smtp?.stop()]);
});

const running: MailBaton[] = [];
afterEach(async () => {
  for (const b of running.splice(0)) await b.stop();
});

const services = (relay: RunningBaton) => relay.baton.mail.services();

function billingInput(overrides: Partial<MailboxSettings> = {}) {
  return {
    settings: mailboxSettings(imap, smtp, 'mbx-billing', {
      address: BILLING,
      displayName: 'Billing',
      signature: 'Billing team, Baton Oy',
      defaultTags: ['billing'],
      ...overrides
    }),
    imapSecret: 'billing-pass',
    smtpSecret: 'smtp-pass'
  };
}

/** A reply written by Aino on a client copy and sent as a client update. */
function reply(relay: RunningBaton, id: string, body: string): string {
  const name = ticketDocName(id);
  const client = new Y.Doc();
  const state = relay.baton.docs.read(name, (doc) => Y.encodeStateAsUpdate(doc));
  if (state) Y.applyUpdate(client, state);
  const before = Y.encodeStateVector(client);
  const entryId = addThreadEntry(client, 'reply', body, AINO, Date.now()).id;
  const verdict = relay.baton.docs.applyFromClient(name, Y.encodeStateAsUpdate(client, before), {
    memberId: AINO.id,
    workspaceId: WORKSPACE
  });
  if (!verdict.ok) throw new Error(`Refused: ${verdict.reason} ${verdict.detail}`);
  return entryId;
}

async function ticketWithSubject(relay: RunningBaton, subject: string): Promise<string> {
  await until(
    () => summaries(relay).some((s) => s.subject === subject),
    `a ticket "${subject}" in the index`
  );
  const found = summaries(relay).find((s) => s.subject === subject);
  if (!found) throw new Error('no ticket');
  return found.id;
}

async function sentMail(marker: string) {
  await until(
    () => smtp.received.some((m) => m.raw.includes(marker)),
    `the SMTP receiver has the reply "${marker}"`
  );
  const raw = smtp.received.find((m) => m.raw.includes(marker))?.raw ?? Buffer.alloc(0);
  return simpleParser(raw);
}

describe('several mailboxes in one workspace', () => {
  it('records the mailbox a ticket came in on, tags it, and replies from that mailbox', async () => {
    const b = await startMailBaton(imap, smtp, 'mbx-support');
    running.push(b);
    const relay = b.relay;
    const created = await services(relay).createMailbox(WORKSPACE, billingInput());
    expect(created.status).toBe(201);
    const billingId = (created.body as { mailbox: { id: string } }).mailbox.id;
    expect(billingId).toMatch(/^mb-[0-9a-f]{12}$/);
    // Connecting a mailbox sends the demo workspace's earlier public replies (about 25, one
    // SMTP connection each); the replies below are asserted once that queue is empty.
    await until(
      () => relay.baton.mail.store.nextDueAt() === null,
      'the earlier replies of the demo workspace are sent',
      60_000
    );

    await imap.append(
      'mbx-billing',
      fx.plain({ to: `Billing <${BILLING}>`, subject: 'Invoice 42 is wrong' })
    );
    await imap.append(
      'mbx-support',
      fx.plain({ to: `Support <${fx.SUPPORT}>`, subject: 'The VPN drops again' })
    );
    const billingTicket = await ticketWithSubject(relay, 'Invoice 42 is wrong');
    const supportTicket = await ticketWithSubject(relay, 'The VPN drops again');

    // The ticket records billing@, and got billing's tags; the support ticket neither.
    const store = relay.baton.mail.store;
    expect(store.ticketMailbox(WORKSPACE, billingTicket)).toBe(billingId);
    expect(store.ticketMailbox(WORKSPACE, supportTicket)).toBe(LEGACY_MAILBOX_ID);
    expect(ticket(relay, billingTicket)?.tags).toEqual(['billing']);
    expect(ticket(relay, supportTicket)?.tags).toEqual([]);

    const onBilling = reply(relay, billingTicket, 'Your invoice is corrected (billing).');
    const onSupport = reply(relay, supportTicket, 'Please restart the VPN client (support).');
    const billingMail = await sentMail('Your invoice is corrected');
    const supportMail = await sentMail('Please restart the VPN client');
    expect(billingMail.from?.value[0]?.address).toBe(BILLING);
    expect(billingMail.from?.value[0]?.name).toBe('Aino Virtanen (Billing)');
    expect(billingMail.messageId).toMatch(/@baton\.test>$/);
    expect(billingMail.text).toContain('Billing team, Baton Oy');
    expect(
      billingMail.to && 'value' in billingMail.to ? billingMail.to.value[0]?.address : ''
    ).toBe(fx.CUSTOMER);
    expect(supportMail.from?.value[0]?.address).toBe(fx.SUPPORT);
    expect(supportMail.text).not.toContain('Billing team');
    await until(
      () => delivery(relay, billingTicket, onBilling)?.state === 'sent',
      'the billing reply marked sent'
    );
    await until(
      () => delivery(relay, supportTicket, onSupport)?.state === 'sent',
      'the support reply marked sent'
    );

    // Removed: billing's tickets are answered from the primary mailbox, nothing is lost.
    const removed = await services(relay).removeMailbox(WORKSPACE, billingId);
    expect(removed).toEqual({ status: 200, body: { removed: true } });
    expect(relay.baton.mail.mailboxes.list(WORKSPACE).map((m) => m.id)).toEqual([
      LEGACY_MAILBOX_ID
    ]);
    reply(relay, billingTicket, 'A follow-up after billing@ was removed.');
    const after = await sentMail('A follow-up after billing@ was removed');
    expect(after.from?.value[0]?.address).toBe(fx.SUPPORT);
  });

  it('lists mailboxes without secrets and refuses garbage, duplicates and unknown ids', async () => {
    const b = await startMailBaton(imap, smtp, 'mbx-support');
    running.push(b);
    const api = services(b.relay);

    const duplicate = await api.createMailbox(WORKSPACE, billingInput({ address: fx.SUPPORT }));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ error: { reason: 'address-taken' } });

    const garbage: [unknown, string][] = [
      [null, 'body'],
      ['billing', 'body'],
      [{ ...billingInput(), extra: 1 }, 'extra'],
      [billingInput({ defaultTags: ['two words'] }), 'settings.defaultTags.0'],
      [billingInput({ signature: 'x'.repeat(2001) }), 'settings.signature'],
      [billingInput({ address: 'not an address' }), 'settings.address']
    ];
    for (const [body, field] of garbage) {
      const answer = await api.createMailbox(WORKSPACE, body);
      expect(answer.status, JSON.stringify(body)?.slice(0, 80)).toBe(400);
      expect(JSON.stringify(answer.body)).toContain(field);
    }
    for (const id of ['mb-000000000000', "'; DROP TABLE mail_mailboxes; --", '../default', '']) {
      expect((await api.putMailbox(WORKSPACE, billingInput(), id)).status).toBe(404);
      expect((await api.removeMailbox(WORKSPACE, id)).status).toBe(404);
      expect((await api.getMailbox(WORKSPACE, id)).status).toBe(404);
    }
    // Nothing of it was stored: still the one mailbox.
    expect(b.relay.baton.mail.mailboxes.list(WORKSPACE)).toHaveLength(1);

    const created = await api.createMailbox(WORKSPACE, billingInput());
    expect(created.status).toBe(201);
    // Another workspace does not see or reach this workspace's mailbox.
    const id = (created.body as { mailbox: { id: string } }).mailbox.id;
    expect((await api.getMailbox('other-workspace', id)).status).toBe(404);
    expect((await api.removeMailbox('other-workspace', id)).status).toBe(404);

    const list = await api.listMailboxes(WORKSPACE);
    expect(list.status).toBe(200);
    const text = JSON.stringify(list.body);
    expect(text).not.toContain('billing-pass');
    expect(text).not.toContain('support-pass');
    const views = (list.body as { mailboxes: { id: string; settings: { address: string } }[] })
      .mailboxes;
    expect(views.map((m) => [m.id, m.settings.address])).toEqual([
      [LEGACY_MAILBOX_ID, fx.SUPPORT],
      [id, BILLING]
    ]);
    // Renaming billing@ to support@ is refused too; renaming it to itself is not.
    const rename = await api.putMailbox(WORKSPACE, billingInput({ address: fx.SUPPORT }), id);
    expect(rename.body).toMatchObject({ error: { reason: 'address-taken' } });
    expect((await api.putMailbox(WORKSPACE, billingInput(), id)).status).toBe(200);
    // The members' mailbox flag names the primary mailbox.
    const flag = b.relay.baton.docs.read(
      settingsDocName(WORKSPACE),
      (doc) => readSettings(doc).mailbox
    );
    expect(flag).toMatchObject({ connected: true, address: fx.SUPPORT });
  });
});

describe('the migration to several mailboxes', () => {
  it('keeps the one mailbox as `default` with its secrets and IMAP position', async () => {
    const dir = tempDir();
    const database = openDataDir(dir.path);
    try {
      await migrate(database, [{ ...mailSchema, steps: mailSchema.steps.slice(0, 3) }]);
      const box = new SecretBox(Buffer.alloc(32, 7), false);
      const {
        signature: _s,
        defaultTags: _t,
        ...before
      } = mailboxSettings(
        { host: 'imap.example.com', port: 993 },
        { host: 'smtp.example.com', port: 465 },
        'support'
      );
      database.sqlite
        .prepare(
          `INSERT INTO mail_mailboxes (workspace_id, settings, imap_secret, smtp_secret, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?)`
        )
        .run(
          WORKSPACE,
          JSON.stringify(before),
          box.seal('imap-secret', `${WORKSPACE}/imap`),
          box.seal('smtp-secret', `${WORKSPACE}/smtp`),
          5,
          6
        );
      database.sqlite
        .prepare(
          'INSERT INTO mail_imap_state (workspace_id, mailbox, uid_validity, last_uid) VALUES (?, ?, ?, ?)'
        )
        .run(WORKSPACE, 'INBOX', '77', 41);

      await migrate(database, [mailSchema]);
      const store = new MailStore(database, { ticketWithNumber: () => null });
      const mailboxes = new Mailboxes(store, box);
      expect(mailboxes.list(WORKSPACE)).toEqual([
        {
          workspaceId: WORKSPACE,
          id: LEGACY_MAILBOX_ID,
          settings: { ...before, signature: '', defaultTags: [] },
          imapSecret: 'imap-secret',
          smtpSecret: 'smtp-secret',
          createdAt: 5,
          updatedAt: 6
        }
      ]);
      expect(store.imapState(WORKSPACE, LEGACY_MAILBOX_ID, 'INBOX')).toEqual({
        uidValidity: '77',
        lastUid: 41
      });
      // A ticket from before has no mailbox row: it is answered from the primary one.
      expect(mailboxes.forTicket(WORKSPACE, 'old-ticket')?.id).toBe(LEGACY_MAILBOX_ID);

      // A second mailbox's secrets are sealed for it alone.
      const billing = mailboxes.put(
        WORKSPACE,
        {
          settings: { ...before, address: BILLING, signature: '', defaultTags: [] },
          imapSecret: 'b'
        },
        7,
        'mb-000000000001'
      );
      expect(billing.imapSecret).toBe('b');
      const sealed = store.mailbox(WORKSPACE, 'mb-000000000001')?.imapSecret ?? '';
      expect(box.open(sealed, `${WORKSPACE}/imap`)).toBeNull();
      expect(mailboxes.list(WORKSPACE).map((m) => m.id)).toEqual([
        LEGACY_MAILBOX_ID,
        'mb-000000000001'
      ]);
    } finally {
      await database.close();
      dir.remove();
    }
  });
});
