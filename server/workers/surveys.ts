/**
 * The surveys worker: a solved ticket gets its CSAT survey (and, on the admin's schedule, an
 * NPS survey) exactly once, after the workspace's delay, in the customer's language, From the
 * ticket's own mailbox (the one it came in on, #13.14; the primary one when that is gone or off).
 *
 * Scheduling. When a ticket document loads or its fields change and it is solved (or closed),
 * each survey that is on for its channel is scheduled in SQL (`survey_sends`, unique per kind
 * and ticket: `SurveyStore.schedule`) at `solvedAt + delay`, for the requester's address. A
 * solve the process died before seeing is found again by the workspace sweep: when a
 * workspace's index loads or changes, the summaries solved within the last `delay + 1 day`
 * that have no survey yet are scheduled from their documents (so turning a survey on does not
 * mail every customer of the past year; a ticket solved longer ago is never surveyed, whatever
 * changes it later), and at start in every workspace with a mailbox. NPS asks a customer at most once per interval: the
 * store checks the customer's last NPS survey in the same transaction as the insert.
 *
 * Sending. A timer wakes the worker at the earliest due survey (and every `tickMs`, the safety
 * net and how a test with a fake clock moves time). Each due survey is checked again before it
 * leaves: the survey still on (else skipped), the ticket still solved (else it waits for the
 * next solve, `due_at` null, moved by the next schedule), a connected mailbox (else skipped).
 * It is claimed (`sending`) before the mail is handed to SMTP and marked `sent` with the link's
 * expiry after; a crash in between leaves `sending`, which the next start marks `unknown` and
 * never sends again: at most one email per survey. A temporary SMTP failure is retried with
 * backoff up to five attempts; a permanent one fails the survey.
 */
import { randomBytes } from 'node:crypto';
import { indexDocName, settingsDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { emailLocaleFor } from '../../src/lib/domain/language.ts';
import type { TicketFields } from '../../src/lib/domain/schema.ts';
import {
  SURVEY_KINDS,
  scaleOf,
  surveySettingsOf,
  type SurveySettings
} from '../../src/lib/domain/survey.ts';
import { readTicketFields } from '../../src/lib/domain/ticket.ts';
import { isSolvedStatus } from '../../src/lib/domain/ticket-status.ts';
import { indexParts, readIndex } from '../../src/lib/domain/workspace-index.ts';
import { isLocale } from '../../src/lib/i18n/locales.ts';
import type { Clock } from '../config.ts';
import type { DocManager } from '../documents.ts';
import type { MailHostPolicy } from '../mail/mail-host.ts';
import { CONNECTION_ERROR_MESSAGES, smtpTransport, type Mailboxes } from '../mail/mailbox.ts';
import { surveyEmail } from '../surveys/email.ts';
import type { SurveyLinks } from '../surveys/links.ts';
import { scaleOfRow } from '../surveys/answers.ts';
import type { SurveyRow, SurveyStore } from '../surveys/store.ts';
import { workspaceSweeps } from './workspace-sweeps.ts';

/** How long a survey's links work after it was sent. */
export const SURVEY_LINK_DAYS = 30;
const DAY = 24 * 3_600_000;
const MAX_ATTEMPTS = 5;
/** `setTimeout` holds at most about 24.8 days. */
const MAX_DELAY = 2 ** 31 - 1;

export interface SurveyWorkerDeps {
  docs: DocManager;
  clock: Clock;
  store: SurveyStore;
  links: SurveyLinks;
  mailboxes: Mailboxes;
  hosts: MailHostPolicy;
  /** The address customers open the survey page at (`BATON_APP_URL`). */
  appUrl: string;
  /** How often the queue is looked at besides its timer (default 60 s); tests shorten it. */
  tickMs?: number;
  /** First retry after a temporary failure (doubling; default one minute). */
  retryBaseMs?: number;
  /** A survey left (the reporting store counts it as sent). */
  onSent?: (row: SurveyRow) => void;
  log: (message: string, error?: unknown) => void;
}

export interface SurveyWorker {
  /** Looks at the queue now (tests; the timer does it otherwise). */
  wake(): void;
  /** Resolves when nothing is being sent. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export function startSurveys(deps: SurveyWorkerDeps): SurveyWorker {
  const { docs, clock, store, log } = deps;
  const settingsCache = new Map<string, SurveySettings>();
  let stopped = false;
  let sending: Promise<void> | null = null;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const interrupted = store.recoverInterrupted();
  if (interrupted > 0) {
    log(`${interrupted} survey email(s) were interrupted while sending; not sent again.`);
  }

  const settingsOf = (workspaceId: string): SurveySettings => {
    let found = settingsCache.get(workspaceId);
    if (!found) {
      found =
        docs.read(settingsDocName(workspaceId), (doc) =>
          surveySettingsOf(doc.getMap('surveys').entries())
        ) ?? surveySettingsOf([]);
      settingsCache.set(workspaceId, found);
    }
    return found;
  };

  const customerOf = (fields: TicketFields) => {
    const requesterId = fields.requesterId;
    if (!requesterId) return null;
    return docs.read(indexDocName(fields.workspaceId), (doc) => {
      const customer = readIndex(doc).customers.get(requesterId);
      return customer ? { email: customer.email, language: customer.language ?? null } : null;
    });
  };

  /** Schedules the surveys a solved ticket is due; returns whether any was new. */
  const scheduleTicket = (ticketId: string, fields: TicketFields): boolean => {
    if (!isSolvedStatus(fields.status) || fields.solvedAt === null) return false;
    const settings = settingsOf(fields.workspaceId);
    const now = clock.now();
    let added = false;
    for (const kind of SURVEY_KINDS) {
      const survey = settings[kind];
      if (!survey.enabled || !survey.channels.includes(fields.channel)) continue;
      // Only a recent solve: an old solved ticket touched today (or a survey just turned on)
      // does not mail its customer.
      if (fields.solvedAt < now - survey.delayMinutes * 60_000 - DAY) continue;
      const customer = customerOf(fields);
      if (!customer) continue;
      const outcome = store.schedule({
        kind,
        workspaceId: fields.workspaceId,
        ticketId,
        email: customer.email,
        scale: scaleOf(kind, settings.csat.scale),
        locale: emailLocaleFor(customer.language ?? fields.language ?? null, 'en'),
        dueAt: fields.solvedAt + survey.delayMinutes * 60_000,
        intervalMs: kind === 'nps' ? settings.nps.intervalDays * DAY : null
      });
      if (outcome === 'new' || outcome === 'moved') added = true;
    }
    return added;
  };

  const sweeps = workspaceSweeps(
    (workspaceId) => {
      const settings = settingsOf(workspaceId);
      const on = SURVEY_KINDS.filter((kind) => settings[kind].enabled);
      if (on.length === 0) return;
      const now = clock.now();
      const candidates: string[] = [];
      docs.read(indexDocName(workspaceId), (doc) => {
        for (const [id, value] of indexParts(doc).tickets) {
          const summary = value as { status?: unknown; solvedAt?: unknown } | undefined;
          const solvedAt = summary?.solvedAt;
          if (typeof solvedAt !== 'number' || summary?.status === undefined) continue;
          if (summary.status !== 'solved' && summary.status !== 'closed') continue;
          const window = Math.max(...on.map((kind) => settings[kind].delayMinutes * 60_000)) + DAY;
          if (solvedAt < now - window) continue;
          if (on.every((kind) => store.has(kind, id))) continue;
          candidates.push(id);
        }
      });
      let added = false;
      for (const ticketId of candidates) {
        const fields = docs.read(ticketDocName(ticketId), readTicketFields);
        if (fields && fields.workspaceId === workspaceId && scheduleTicket(ticketId, fields))
          added = true;
      }
      if (added) wake();
    },
    (workspaceId, error) => log(`Survey sweep of ${workspaceId} failed`, error)
  );

  const offs = [
    docs.onLoad(({ ref, doc }) => {
      if (ref.kind === 'index') sweeps.schedule(ref.workspaceId);
      if (ref.kind !== 'ticket') return;
      const ticketId = ref.ticketId;
      // On the next turn: scheduling reads the index and settings, not inside a load.
      setImmediate(() => {
        if (stopped) return;
        const fields = readTicketFields(doc);
        if (fields && scheduleTicket(ticketId, fields)) wake();
      });
    }),
    docs.onChange(({ ref, doc, roots }) => {
      if (ref.kind === 'settings' && roots.has('surveys')) {
        settingsCache.delete(ref.workspaceId);
        sweeps.schedule(ref.workspaceId);
      } else if (ref.kind === 'index' && roots.has('tickets')) {
        sweeps.schedule(ref.workspaceId);
      } else if (ref.kind === 'ticket' && roots.has('ticket')) {
        const fields = readTicketFields(doc);
        if (fields && scheduleTicket(ref.ticketId, fields)) wake();
      }
    })
  ];

  const tick = setInterval(() => {
    sweeps.scheduleAll();
    wake();
  }, deps.tickMs ?? 60_000);
  tick.unref();

  function wake(): void {
    if (stopped) return;
    if (sending) {
      again = true;
      return;
    }
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    sending = sendDue()
      .catch((error: unknown) => log('Sending surveys failed', error))
      .finally(() => {
        sending = null;
        if (again) {
          again = false;
          wake();
          return;
        }
        const next = store.nextDueAt();
        if (next !== null && !stopped) {
          timer = setTimeout(wake, Math.min(MAX_DELAY, Math.max(10, next - clock.now())));
          timer.unref();
        }
      });
  }

  async function sendDue(): Promise<void> {
    for (;;) {
      const due = store.due(clock.now());
      if (due.length === 0 || stopped) return;
      for (const row of due) await send(row);
    }
  }

  async function send(row: SurveyRow): Promise<void> {
    const settings = settingsOf(row.workspaceId);
    if (!settings[row.kind].enabled) return store.finish(row.id, 'skipped', 'survey turned off');
    const fields = docs.read(ticketDocName(row.ticketId), readTicketFields);
    if (!fields) return store.finish(row.id, 'skipped', 'the ticket is gone');
    // Reopened before the survey left: it waits for the next solve (which moves `due_at`).
    if (!isSolvedStatus(fields.status)) return store.later(row.id, null, null);
    // From the mailbox the customer wrote to, as the ticket's replies go (`Mailboxes.forTicket`).
    const mailbox = deps.mailboxes.forTicket(row.workspaceId, row.ticketId);
    if (!mailbox?.settings.enabled) return store.finish(row.id, 'skipped', 'no-mailbox');
    if (!store.claim(row.id)) return;
    const attempts = row.attempts + 1;
    const expiresAt = clock.now() + SURVEY_LINK_DAYS * DAY;
    const token = deps.links.sign({ purpose: row.kind, surveyId: row.id, expiresAt });
    const locale = isLocale(row.locale) ? row.locale : 'en';
    const email = surveyEmail({
      kind: row.kind,
      scale: scaleOfRow(row),
      locale,
      ticket: fields.number ? `#${fields.number}` : '',
      subject: fields.subject,
      pageUrl: `${deps.appUrl}/survey/${token}`,
      expiresAt
    });
    const opened = await smtpTransport(mailbox, deps.hosts);
    if (!opened.ok) {
      const why = CONNECTION_ERROR_MESSAGES[opened.reason];
      return retry(row, attempts, why, opened.reason !== 'host-not-allowed');
    }
    const domain = mailbox.settings.address.split('@')[1] ?? 'baton.invalid';
    try {
      await opened.client.sendMail({
        from: { name: mailbox.settings.displayName, address: mailbox.settings.address },
        to: row.email,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: `<baton.survey.${row.id}.${randomBytes(4).toString('hex')}@${domain}>`,
        headers: {
          'Auto-Submitted': 'auto-generated',
          ...(fields.number ? { 'X-Baton-Ticket': `${fields.number}` } : {}),
          'X-Baton-Survey': row.kind
        }
      });
      store.sent(row.id, expiresAt);
      try {
        deps.onSent?.(row);
      } catch (error) {
        log(`Could not report the survey ${row.id} as sent`, error);
      }
    } catch (error) {
      const code = (error as { responseCode?: unknown }).responseCode;
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 400);
      retry(row, attempts, reason, !(typeof code === 'number' && code >= 500 && code < 600));
    } finally {
      opened.client.close();
    }
  }

  function retry(row: SurveyRow, attempts: number, reason: string, temporary: boolean): void {
    if (!temporary || attempts >= MAX_ATTEMPTS) {
      store.finish(row.id, 'failed', reason);
      return;
    }
    const delay = (deps.retryBaseMs ?? 60_000) * 2 ** (attempts - 1);
    store.later(row.id, clock.now() + delay, reason);
  }

  // Surveys due while the process was down go now; the workspaces that can send are swept
  // for solves the process died before scheduling.
  setImmediate(() => {
    if (stopped) return;
    for (const mailbox of deps.mailboxes.all()) sweeps.schedule(mailbox.workspaceId);
    wake();
  });

  return {
    wake,
    async idle() {
      while (sending) await sending;
    },
    async stop() {
      stopped = true;
      sweeps.stop();
      clearInterval(tick);
      if (timer) clearTimeout(timer);
      for (const off of offs) off();
      await sending?.catch(() => undefined);
    }
  };
}
