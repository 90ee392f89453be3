/**
 * CSAT and NPS surveys on a real Baton: the settings written through the checked path an
 * admin's client takes, tickets solved by agents, survey mail sent through the workspace's
 * mailbox to the real SMTP receiver (`tests/mail-servers`), the public page's real route
 * (`src/routes/survey/[token]/+server.ts`) behind the app's hook, a fake clock moved by hand,
 * restarts on the same data folder. Nothing of Baton is mocked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { simpleParser } from 'mailparser';
import Database from 'better-sqlite3';
import { databasePath } from '../../server/storage.ts';
import { indexDocName, settingsDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { putSettingsRecord, readSettings } from '../../src/lib/domain/settings.ts';
import { latestRating, type SurveySettingsRecord } from '../../src/lib/domain/survey.ts';
import { assign, createTicket, readActivity, setStatus } from '../../src/lib/domain/ticket.ts';
import { putCustomer, readIndex } from '../../src/lib/domain/workspace-index.ts';
import type { Actor } from '../../src/lib/domain/schema.ts';
import type { CustomerLanguage } from '../../src/lib/domain/language.ts';
import type { Clock } from '../../server/config.ts';
import type { BatonDeps } from '../../server/baton.ts';
import { registerSurveyServices } from '../../src/lib/server/survey-services.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../mail-servers/smtp-receiver.ts';
import { mailboxSettings } from '../mail-servers/fixtures.ts';
import * as surveyRoute from '../../src/routes/survey/[token]/+server.ts';
import {
  AINO,
  MADS,
  WORKSPACE,
  cleanupAfterEach,
  startBaton,
  tempDir,
  until,
  type RunningBaton
} from './helpers.ts';
import { call, registerBaton } from './routes.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const MAYA: Actor = { id: 'member-maya', name: 'Maya Thompson' };
const JOY: Actor = { id: 'member-joy', name: 'Joy Santos' };

class FakeClock implements Clock {
  constructor(public at: number) {}
  now = () => this.at;
}

const cleanups = cleanupAfterEach();
let smtp: SmtpReceiver;
beforeAll(async () => {
  smtp = await startSmtpReceiver();
});
afterAll(async () => {
  await smtp.stop();
});

async function startSurveyBaton(
  dataDir: string,
  clock: Clock,
  deps: Omit<BatonDeps, 'register' | 'log' | 'clock'> = {}
): Promise<RunningBaton> {
  const relay = await startBaton(
    dataDir,
    {
      mail: {
        secretKey: Buffer.alloc(32, 7),
        pollMs: 300,
        maxAttachmentBytes: 64 * 1024,
        retryBaseMs: 50,
        maxAttempts: 3,
        allowPrivateHosts: true
      }
    },
    { clock, surveyTickMs: 50, notifications: { appUrl: 'https://help.example.test' }, ...deps }
  );
  registerBaton(relay.baton);
  registerSurveyServices(relay.baton.surveys.answers.services());
  return relay;
}

async function connectMailbox(relay: RunningBaton): Promise<void> {
  // No IMAP secret: the mailbox only sends (the watcher never starts).
  await relay.baton.mail.configure(WORKSPACE, {
    settings: mailboxSettings({ host: '127.0.0.1', port: 1 }, smtp, 'support'),
    imapSecret: '',
    smtpSecret: 'smtp-pass'
  });
}

/** Writes `change` as `by` through the checked path a client's update takes. */
function write(relay: RunningBaton, name: string, by: Actor, change: (doc: Y.Doc) => void) {
  const local = new Y.Doc();
  const state = relay.baton.docs.read(name, (doc) => Y.encodeStateAsUpdate(doc));
  if (state) Y.applyUpdate(local, state);
  const before = Y.encodeStateVector(local);
  change(local);
  return relay.baton.docs.applyFromClient(name, Y.encodeStateAsUpdate(local, before), {
    memberId: by.id,
    workspaceId: WORKSPACE
  });
}

function setSurvey(relay: RunningBaton, record: SurveySettingsRecord, by: Actor = MADS) {
  const verdict = write(relay, settingsDocName(WORKSPACE), by, (doc) => {
    const refused = putSettingsRecord(doc, 'surveys', record);
    if (refused) throw new Error(refused);
  });
  if (!verdict.ok) throw new Error(`${verdict.reason}: ${verdict.detail}`);
}

let made = 0;
/** A ticket by email from a customer, assigned to Maya, solved by her at the clock's time. */
async function solvedTicket(
  relay: RunningBaton,
  clock: FakeClock,
  customer: { email: string; language?: CustomerLanguage },
  subject = 'Invoice is wrong'
): Promise<string> {
  made++;
  const id = `survey-${made}-${process.pid}`;
  const customerId = `customer-${made}-${process.pid}`;
  relay.baton.docs.change(indexDocName(WORKSPACE), (doc) =>
    putCustomer(doc, {
      id: customerId,
      name: `Customer ${made}`,
      email: customer.email,
      ...(customer.language ? { language: customer.language } : {})
    })
  );
  const created = write(relay, ticketDocName(id), AINO, (doc) => {
    createTicket(
      doc,
      { id, workspaceId: WORKSPACE, subject, channel: 'email', requesterId: customerId },
      AINO,
      clock.now()
    );
    assign(doc, MAYA.id, AINO, clock.now());
  });
  if (!created.ok) throw new Error(`${created.reason}: ${created.detail}`);
  solve(relay, id, clock);
  // The workers have seen the solve (the index projection runs on the same change report).
  await until(
    () =>
      relay.baton.docs.read(indexDocName(WORKSPACE), (doc) =>
        readIndex(doc).tickets.some((t) => t.id === id && t.status === 'solved')
      ) === true,
    `the index says ${id} is solved`
  );
  return id;
}

function solve(
  relay: RunningBaton,
  id: string,
  clock: FakeClock,
  status: 'solved' | 'open' = 'solved'
) {
  const verdict = write(relay, ticketDocName(id), MAYA, (doc) =>
    setStatus(doc, status, MAYA, clock.now())
  );
  if (!verdict.ok) throw new Error(`${verdict.reason}: ${verdict.detail}`);
}

const mailTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));

/** Moves the clock and lets the worker look at its queue until it has nothing in hand. */
async function advance(relay: RunningBaton, clock: FakeClock, ms: number) {
  clock.at += ms;
  relay.baton.surveys.worker.wake();
  await relay.baton.surveys.worker.idle();
}

/** The page's address (path and token) from the survey mail's first answer link. */
async function linkOf(raw: Buffer): Promise<{ token: string; text: string; subject: string }> {
  const parsed = await simpleParser(raw);
  const text = parsed.text ?? '';
  const match = /https:\/\/help\.example\.test\/survey\/([^\s?]+)\?score=/.exec(text);
  if (!match?.[1]) throw new Error(`No survey link in:\n${text}`);
  return { token: match[1], text, subject: parsed.subject ?? '' };
}

function page(token: string, query = '') {
  return call(surveyRoute.GET as never, {
    method: 'GET',
    path: `/survey/${token}${query}`,
    params: { token }
  });
}

function post(
  token: string,
  form: Record<string, string>,
  contentType = 'application/x-www-form-urlencoded'
) {
  return call(surveyRoute.POST as never, {
    method: 'POST',
    path: `/survey/${token}`,
    params: { token },
    raw: { body: new URLSearchParams(form).toString(), contentType }
  });
}

const ratings = (relay: RunningBaton, id: string) =>
  relay.baton.docs.read(ticketDocName(id), (doc) =>
    readActivity(doc).filter((e) => e.kind === 'rating')
  ) ?? [];

const CSAT_ON: SurveySettingsRecord = {
  id: 'csat',
  enabled: true,
  delayMinutes: 60,
  channels: ['email'],
  scale: 'good-bad'
};

describe('CSAT survey', () => {
  it('a solved ticket gets one survey in the customer’s language after the delay; one click and the page answer it, the latest wins, and the ticket, the assignee and SQL hear of it', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const clock = new FakeClock(Date.UTC(2026, 10, 23, 10, 0));
    const relay = await startSurveyBaton(dir.path, clock);
    cleanups.push(() => relay.stop());
    await connectMailbox(relay);
    setSurvey(relay, CSAT_ON);
    const email = `bo-${process.pid}@customer.test`;
    const id = await solvedTicket(relay, clock, { email, language: 'fi' }, 'Lasku on väärin');
    await until(
      () => relay.baton.surveys.store.forTicket('csat', id) !== null,
      'the survey is scheduled'
    );

    // Not before the delay.
    await advance(relay, clock, 30 * MINUTE);
    expect(mailTo(email)).toHaveLength(0);
    await advance(relay, clock, 31 * MINUTE);
    await until(() => mailTo(email).length === 1, 'the survey mail reached the SMTP receiver');
    const mail = mailTo(email)[0]!;
    const { token, text, subject } = await linkOf(mail.raw);
    expect(subject).toMatch(/^Miten onnistuimme\? \[#\d+\] Lasku on väärin$/);
    expect(text).toContain('Hyvä, olen tyytyväinen: https://help.example.test/survey/');
    expect(text).toContain('Huono, en ole tyytyväinen: https://help.example.test/survey/');
    expect(mail.raw.toString()).toMatch(/Auto-Submitted: auto-generated/i);

    // One click from the email: stored, then the page (without the answer in its address).
    const clicked = await page(token, '?score=good');
    expect(clicked.status).toBe(303);
    expect(clicked.headers.get('location')).toBe(`/survey/${token}?saved=1`);
    const shown = await page(token, '?saved=1');
    expect(shown.status).toBe(200);
    expect(shown.headers.get('referrer-policy')).toBe('same-origin');
    expect(shown.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await shown.text();
    expect(html).toContain('<html lang="fi">');
    expect(html).toContain('Kiitos! Vastauksesi on tallennettu.');
    expect(html).not.toContain('<script');
    expect(html).toMatch(/value="good"[^>]*checked/);
    expect(ratings(relay, id).map((e) => [e.actorId, e.from, e.to])).toEqual([
      ['system-baton', 'csat', 'good']
    ]);

    // The customer changes their mind and adds a comment: the latest answer wins; the comment is text.
    const comment = '<script>alert("x")</script> Odotin <b>viikon</b>.';
    const changed = await post(token, { score: 'bad', comment });
    expect(changed.status).toBe(303);
    const after = await (await page(token)).text();
    expect(after).not.toContain('<script>alert');
    expect(after).toContain('&lt;script>alert("x")&lt;/script> Odotin &lt;b>viikon&lt;/b>.');
    expect(after).toMatch(/value="bad"[^>]*checked/);
    const onTicket = relay.baton.docs.read(ticketDocName(id), (doc) =>
      latestRating(readActivity(doc), 'csat')
    );
    // On the ticket with its comment, as the text the customer wrote.
    expect(onTicket).toMatchObject({ score: 'bad', comment });
    expect(relay.baton.surveys.store.answers(WORKSPACE, 'csat')).toEqual([
      expect.objectContaining({ ticketId: id, score: 'bad', comment: comment })
    ]);

    // The same answer again writes nothing new on the ticket; a changed comment does.
    expect((await post(token, { score: 'bad', comment })).status).toBe(303);
    expect(ratings(relay, id).map((e) => e.to)).toEqual(['good', 'bad']);
    expect((await post(token, { score: 'bad', comment: 'Korjattu, kiitos.' })).status).toBe(303);
    expect(ratings(relay, id).map((e) => [e.to, e.comment ?? ''])).toEqual([
      ['good', ''],
      ['bad', comment],
      ['bad', 'Korjattu, kiitos.']
    ]);

    // A bad rating notifies the assignee (through the notification queue), once.
    await until(
      () =>
        relay.baton.notifications.store
          .list(WORKSPACE, MAYA.id)
          .some((n) => n.kind === 'bad-rating'),
      'Maya is told of the bad rating'
    );
    expect(
      relay.baton.notifications.store
        .list(WORKSPACE, MAYA.id)
        .filter((n) => n.kind === 'bad-rating')
    ).toHaveLength(1);

    // Reopened and solved again: still one survey for the ticket.
    solve(relay, id, clock, 'open');
    solve(relay, id, clock);
    await advance(relay, clock, 2 * 60 * MINUTE);
    expect(mailTo(email)).toHaveLength(1);
  });

  it('refuses forged, wrong-purpose, unknown, malformed and expired links and bad answers, storing nothing; floods are rate-limited', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const clock = new FakeClock(Date.UTC(2026, 10, 23, 10, 0));
    const relay = await startSurveyBaton(dir.path, clock, {
      surveyLimits: {
        perAddress: { max: 400, windowMs: 10 * MINUTE },
        perSurvey: { max: 40, windowMs: 60 * MINUTE }
      }
    });
    cleanups.push(() => relay.stop());
    await connectMailbox(relay);
    setSurvey(relay, { ...CSAT_ON, delayMinutes: 0, scale: 'one-to-five' });
    const email = `fuzz-${process.pid}@customer.test`;
    const id = await solvedTicket(relay, clock, { email, language: 'da' });
    await advance(relay, clock, MINUTE);
    await until(() => mailTo(email).length === 1, 'the survey mail');
    const { token, subject } = await linkOf(mailTo(email)[0]!.raw);
    expect(subject).toMatch(/^Hvordan klarede vi os\?/);
    expect((await page(token, '?score=4')).status).toBe(303);
    const survey = relay.baton.surveys.store.forTicket('csat', id)!;

    // Links: each refused without a word about why, and nothing stored.
    const parts = token.split('.');
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    const wrongPurpose = relay.baton.surveys.links.sign({
      purpose: 'nps',
      surveyId: survey.id,
      expiresAt: clock.now() + DAY
    });
    const unknown = relay.baton.surveys.links.sign({
      purpose: 'csat',
      surveyId: 'A'.repeat(22),
      expiresAt: clock.now() + DAY
    });
    const later = [...parts];
    later[3] = (clock.now() + 400 * DAY).toString(36);
    const forged = [
      [...parts.slice(0, 4), flip(parts[4]!)].join('.'),
      [...parts.slice(0, 2), flip(parts[2]!), ...parts.slice(3)].join('.'),
      later.join('.'),
      token.replace('v1.csat.', 'v1.nps.')
    ];
    const random = (seed: number) => {
      let x = seed;
      return () => ((x = (x * 1103515245 + 12345) % 2 ** 31), x);
    };
    const next = random(42);
    const alphabet = 'ABCabc019._-%/\\\u0000é<>"\'';
    const garbage = Array.from({ length: 40 }, () =>
      Array.from({ length: next() % 120 }, () => alphabet[next() % alphabet.length]).join('')
    );
    for (const bad of [...forged, wrongPurpose, unknown, ...garbage, '', 'v1', 'x'.repeat(5000)]) {
      for (const response of [await page(bad, '?score=1'), await post(bad, { score: '1' })]) {
        expect(response.status, bad).toBe(404);
        const html = await response.text();
        expect(html).toContain('data-testid="survey-refused"');
      }
    }
    expect(relay.baton.surveys.store.answer(survey.id)?.score).toBe('4');

    // Answers: only the scale's own, a comment of at most 2,000 characters.
    for (const score of ['good', '6', '0', ' 4', '4.0', '', '5; DROP TABLE', 'x'.repeat(3000)]) {
      const response = await post(token, { score, comment: 'hmm' });
      expect(response.status, score).toBe(400);
      expect(await response.text()).toContain('Vælg et svar.');
    }
    const tooLong = await post(token, { score: '2', comment: 'x'.repeat(2_001) });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain('Kommentaren er for lang');
    const notAForm = await post(token, { score: '2' }, 'application/json');
    expect(notAForm.status).toBe(400);
    expect(relay.baton.surveys.store.answer(survey.id)).toMatchObject({ score: '4', comment: '' });
    expect(ratings(relay, id).map((e) => e.to)).toEqual([4]);

    // Floods: one survey answered over and over is stopped, with a clear page.
    let limited: Response | null = null;
    for (let i = 0; i < 60 && !limited; i++) {
      const response = await post(token, { score: i % 2 ? '5' : '3' });
      if (response.status === 429) limited = response;
    }
    expect(limited?.status).toBe(429);
    expect(await limited?.text()).toContain('For mange forsøg.');

    // Past its expiry (30 days) the link is closed: refused, the answer kept.
    const kept = relay.baton.surveys.store.answer(survey.id);
    clock.at += 31 * DAY;
    const closed = await post(token, { score: '1' });
    expect(closed.status).toBe(410);
    expect(await closed.text()).toContain('Denne undersøgelse er lukket.');
    expect(relay.baton.surveys.store.answer(survey.id)).toEqual(kept);
  });

  it('refuses a client that writes a rating into a ticket; only owners and admins change the survey settings, a bad one refused naming the field', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const clock = new FakeClock(Date.UTC(2026, 10, 23, 10, 0));
    const relay = await startSurveyBaton(dir.path, clock);
    cleanups.push(() => relay.stop());
    const id = await solvedTicket(relay, clock, { email: `x-${process.pid}@customer.test` });
    const forged = write(relay, ticketDocName(id), MAYA, (doc) =>
      doc
        .getArray('activity')
        .push([{ at: clock.now(), actorId: MAYA.id, kind: 'rating', from: 'csat', to: 'good' }])
    );
    expect(forged).toMatchObject({ ok: false, reason: 'server-owned' });

    // Who may change the surveys (the settings' authorization row): owners and admins; agents,
    // light agents, viewers and strangers are refused and nothing is stored.
    const matrix: [Actor, boolean][] = [
      [AINO, true],
      [MADS, true],
      [JOY, false],
      [{ id: 'member-liam', name: 'Liam' }, false],
      [{ id: 'member-rafaela', name: 'Rafaela' }, false],
      [{ id: 'member-stranger', name: 'Stranger' }, false]
    ];
    for (const [who, allowed] of matrix) {
      const delayMinutes = allowed ? 10 + matrix.findIndex(([w]) => w === who) : 999;
      const verdict = write(relay, settingsDocName(WORKSPACE), who, (doc) => {
        expect(putSettingsRecord(doc, 'surveys', { ...CSAT_ON, delayMinutes })).toBeNull();
      });
      expect(verdict.ok, who.id).toBe(allowed);
      const stored = relay.baton.docs.read(settingsDocName(WORKSPACE), (doc) => readSettings(doc))
        ?.surveys.csat.delayMinutes;
      if (allowed) expect(stored, who.id).toBe(delayMinutes);
      else expect(stored, who.id).not.toBe(999);
    }
    // Settings with a wrong field are refused naming it.
    const bad = write(relay, settingsDocName(WORKSPACE), MADS, (doc) =>
      doc.getMap('surveys').set('csat', { ...CSAT_ON, delayMinutes: -5 })
    );
    expect(bad).toMatchObject({ ok: false, reason: 'schema' });
    expect(bad.ok ? '' : bad.detail).toContain('delayMinutes');
  });
});

describe('the mailbox a survey goes out from', () => {
  it('is the ticket’s own (the one it came in on), and the primary one once that is gone', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const clock = new FakeClock(Date.UTC(2026, 10, 23, 10, 0));
    const relay = await startSurveyBaton(dir.path, clock);
    cleanups.push(() => relay.stop());
    await connectMailbox(relay);
    const sales = await relay.baton.mail.configure(
      WORKSPACE,
      {
        settings: mailboxSettings({ host: '127.0.0.1', port: 1 }, smtp, 'sales', {
          address: `sales-${process.pid}@example.test`,
          displayName: 'Sales'
        }),
        imapSecret: '',
        smtpSecret: 'smtp-pass'
      },
      `sales-${process.pid}`
    );
    setSurvey(relay, CSAT_ON);
    const fromOf = async (raw: Buffer) => (await simpleParser(raw)).from?.value[0]?.address;

    // A ticket that came in on the sales mailbox: its survey is From sales.
    const first = `sales-first-${process.pid}@customer.test`;
    const a = await solvedTicket(relay, clock, { email: first });
    relay.baton.mail.store.setTicketMailbox(WORKSPACE, a, sales.id);
    await until(() => relay.baton.surveys.store.forTicket('csat', a) !== null, 'a is scheduled');
    await advance(relay, clock, 61 * MINUTE);
    await until(() => mailTo(first).length === 1, 'the survey of a');
    expect(await fromOf(mailTo(first)[0]!.raw)).toBe(sales.settings.address);

    // The sales mailbox is removed: the next ticket of it is surveyed From the primary one.
    const second = `sales-second-${process.pid}@customer.test`;
    const b = await solvedTicket(relay, clock, { email: second });
    relay.baton.mail.store.setTicketMailbox(WORKSPACE, b, sales.id);
    expect(await relay.baton.mail.removeMailbox(WORKSPACE, sales.id)).toBe(true);
    await until(() => relay.baton.surveys.store.forTicket('csat', b) !== null, 'b is scheduled');
    await advance(relay, clock, 61 * MINUTE);
    await until(() => mailTo(second).length === 1, 'the survey of b');
    const primary = relay.baton.mail.mailboxes.get(WORKSPACE)!.settings.address;
    expect(primary).not.toBe(sales.settings.address);
    expect(await fromOf(mailTo(second)[0]!.raw)).toBe(primary);
  });
});

describe('surveys across restarts', () => {
  it('a solved ticket gets exactly one survey across a restart, a crash before scheduling, and a crash while sending', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const clock = new FakeClock(Date.UTC(2026, 10, 23, 10, 0));
    let relay = await startSurveyBaton(dir.path, clock);
    cleanups.push(() => relay.stop());
    await connectMailbox(relay);
    setSurvey(relay, CSAT_ON);

    // 1. Scheduled, then a restart before it is due: sent once after the restart.
    const first = `first-${process.pid}@customer.test`;
    const a = await solvedTicket(relay, clock, { email: first });
    await until(() => relay.baton.surveys.store.forTicket('csat', a) !== null, 'a is scheduled');
    await relay.stop();
    relay = await startSurveyBaton(dir.path, clock);
    await advance(relay, clock, 61 * MINUTE);
    await until(() => mailTo(first).length === 1, 'the survey of a after the restart');

    // 2. A crash after the solve was stored but before the worker saw it: the ticket and the
    //    index say solved, SQL knows nothing. The next load of the index finds it.
    const second = `second-${process.pid}@customer.test`;
    const b = await solvedTicket(relay, clock, { email: second });
    await until(() => relay.baton.surveys.store.forTicket('csat', b) !== null, 'b is scheduled');
    await relay.stop();
    // Forget b's survey as if the crash came first (the row never reached SQL).
    const db = new Database(databasePath(dir.path));
    db.prepare('DELETE FROM survey_sends WHERE ticket_id = ?').run(b);
    db.close();
    relay = await startSurveyBaton(dir.path, clock);
    expect(relay.baton.surveys.store.forTicket('csat', b)).toBeNull();
    relay.baton.docs.read(indexDocName(WORKSPACE), () => true);
    await until(() => relay.baton.surveys.store.forTicket('csat', b) !== null, 'the sweep found b');
    await advance(relay, clock, 61 * MINUTE);
    await until(() => mailTo(second).length === 1, 'the survey of b');

    // 3. A crash while sending (claimed, the mail may have left): never sent again.
    const third = `third-${process.pid}@customer.test`;
    const c = await solvedTicket(relay, clock, { email: third });
    await until(() => relay.baton.surveys.store.forTicket('csat', c) !== null, 'c is scheduled');
    const row = relay.baton.surveys.store.forTicket('csat', c)!;
    expect(relay.baton.surveys.store.claim(row.id)).toBe(true);
    await relay.stop();
    relay = await startSurveyBaton(dir.path, clock);
    expect(relay.baton.surveys.store.forTicket('csat', c)?.state).toBe('unknown');
    relay.baton.docs.read(indexDocName(WORKSPACE), () => true);
    await advance(relay, clock, 2 * 60 * MINUTE);
    expect(mailTo(third)).toHaveLength(0);

    // Nothing was sent twice.
    expect(mailTo(first)).toHaveLength(1);
    expect(mailTo(second)).toHaveLength(1);
  });
});

describe('NPS survey', () => {
  it('asks a customer at most once per interval, after a solved ticket, on 0–10', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const clock = new FakeClock(Date.UTC(2026, 10, 23, 10, 0));
    const relay = await startSurveyBaton(dir.path, clock);
    cleanups.push(() => relay.stop());
    await connectMailbox(relay);
    setSurvey(relay, {
      id: 'nps',
      enabled: true,
      delayMinutes: 0,
      channels: ['email'],
      intervalDays: 90
    });
    const email = `nps-${process.pid}@customer.test`;
    await solvedTicket(relay, clock, { email, language: 'da' });
    await advance(relay, clock, MINUTE);
    await until(() => mailTo(email).length === 1, 'the NPS mail');
    const { token, subject, text } = await linkOf(mailTo(email)[0]!.raw);
    expect(subject).toBe('Hvor sandsynligt er det, at du vil anbefale os?');
    expect(text).toContain('10 = meget sandsynligt');

    // Another ticket solved 30 days later: not asked again; 91 days later: asked again.
    clock.at += 30 * DAY;
    await solvedTicket(relay, clock, { email: email.toUpperCase(), language: 'da' });
    await advance(relay, clock, MINUTE);
    clock.at += 61 * DAY;
    await solvedTicket(relay, clock, { email, language: 'da' });
    await advance(relay, clock, MINUTE);
    await until(() => mailTo(email).length === 2, 'the second NPS mail, 91 days on');
    expect(smtp.received.filter((m) => m.to.includes(email.toUpperCase()))).toHaveLength(0);

    // The first link still answers? No: it expired after 30 days.
    expect((await post(token, { score: '9' })).status).toBe(410);
    const { token: fresh } = await linkOf(mailTo(email)[1]!.raw);
    expect((await post(fresh, { score: '11' })).status).toBe(400);
    expect((await post(fresh, { score: '9', comment: 'Hurtigt svar' })).status).toBe(303);
    expect(relay.baton.surveys.store.answers(WORKSPACE, 'nps')).toEqual([
      expect.objectContaining({ score: '9', comment: 'Hurtigt svar' })
    ]);
  });
});
