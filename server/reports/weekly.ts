/**
 * The weekly report email to leads (owners and admins): once the team's week is over (Monday
 * 00:00 in the team's time zone), each lead gets last week's cards against the week before, in
 * their own language, from the reporting store (`buildReport`: the numbers the dashboard shows).
 *
 * Sent at most once per workspace and week: the week is recorded in `report_weekly_sent` before
 * the first message leaves, so a restart never sends it twice (a crash between the record and
 * the sending loses that week's mail rather than doubling it — a report, not an alert). A week
 * in which nothing happened (no ticket created, solved or open) sends nothing.
 *
 * The worker looks every `tickMs` (an hour by default); `runOnce` is the same step, for tests.
 */
import { sql, type Kysely } from 'kysely';
import { SqliteStatements, type SqliteDatabase } from '../db/database.ts';
import { buildReport, previousRange, type ReportCards } from '../../src/lib/domain/report.ts';
import { temporal } from '../../src/lib/domain/temporal.ts';
import type { Locale } from '../../src/lib/i18n/locales.ts';
import {
  firstReplyCard,
  numberLabel,
  slaPercentCard,
  weeklyIntro,
  weeklyLine,
  weeklyOpenDashboard,
  weeklySubject
} from '../../src/lib/i18n/messages/reports.ts';
import type { AccountMailer } from '../accounts/mailer.ts';
import type { Clock } from '../config.ts';
import type { ReportStore } from './store.ts';

export type WeeklyTables = {
  report_weekly_sent: { workspace_id: string; week: string; sent_at: number };
};

export interface Lead {
  email: string;
  name: string;
  locale: Locale;
}

export interface WeeklyDeps {
  database: SqliteDatabase;
  store: ReportStore;
  clock: Clock;
  mailer: AccountMailer;
  /** Workspaces that may have something to report (those with tickets). */
  workspaces(): string[];
  workspaceName(workspaceId: string): string;
  /** The team's time zone (its business calendar's, else its owner's). */
  timeZone(workspaceId: string): string;
  leads(workspaceId: string): Lead[];
  /** Where the dashboard is, for the link in the mail (`null`: no link). */
  appUrl: string | null;
  tickMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface WeeklySent {
  workspaceId: string;
  week: string;
  to: string[];
}

export interface WeeklyReports {
  runOnce(): Promise<WeeklySent[]>;
  stop(): void;
}

/** The Monday (local date) that starts the week before the one `now` is in, and its bounds. */
export function lastWeek(
  now: number,
  timeZone: string
): { week: string; from: number; to: number } {
  const T = temporal();
  const today = T.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(timeZone).toPlainDate();
  const monday = today.subtract({ days: today.dayOfWeek - 1 });
  const start = monday.subtract({ weeks: 1 });
  return {
    week: start.toString(),
    from: start.toZonedDateTime({ timeZone }).epochMilliseconds,
    to: monday.toZonedDateTime({ timeZone }).epochMilliseconds
  };
}

const quiet = (c: ReportCards) => c.created === 0 && c.solved === 0 && c.backlog === 0;

function body(
  current: ReportCards,
  before: ReportCards,
  locale: Locale,
  link: string | null
): string {
  const o = { locale };
  const n = (value: number) => String(value);
  const pct = (value: number | null) => (value === null ? '–' : `${Math.round(value)} %`);
  const hours = (c: ReportCards) =>
    c.firstReply === null
      ? '–'
      : `${Math.round((c.firstReply.businessMs / 3_600_000) * 10) / 10} h`;
  const lines = [
    weeklyIntro(o),
    '',
    weeklyLine(numberLabel('created', o), n(current.created), n(before.created), o),
    weeklyLine(numberLabel('solved', o), n(current.solved), n(before.solved), o),
    weeklyLine(numberLabel('backlog', o), n(current.backlog), n(before.backlog), o),
    weeklyLine(numberLabel('slaBreached', o), n(current.slaBreached), n(before.slaBreached), o),
    weeklyLine(
      slaPercentCard(o),
      pct(current.slaAchievedPercent),
      pct(before.slaAchievedPercent),
      o
    ),
    weeklyLine(numberLabel('fcr', o), pct(current.fcrPercent), pct(before.fcrPercent), o),
    weeklyLine(firstReplyCard(o), hours(current), hours(before), o)
  ];
  if (link) lines.push('', weeklyOpenDashboard(o), link);
  return `${lines.join('\n')}\n`;
}

export function startWeeklyReports(deps: WeeklyDeps): WeeklyReports {
  const q = new SqliteStatements(deps.database.sqlite);
  const k: Kysely<WeeklyTables> = deps.database.kysely.withTables<WeeklyTables>();
  const log = deps.log ?? ((message, error) => console.error(`[baton] ${message}`, error ?? ''));
  let running: Promise<WeeklySent[]> | null = null;

  const claim = (workspaceId: string, week: string): boolean =>
    q.run(
      k
        .insertInto('report_weekly_sent')
        .values({ workspace_id: workspaceId, week, sent_at: deps.clock.now() })
        .onConflict((oc) => oc.columns(['workspace_id', 'week']).doNothing())
    ).changes === 1;

  const step = async (): Promise<WeeklySent[]> => {
    const sent: WeeklySent[] = [];
    for (const workspaceId of deps.workspaces()) {
      try {
        const timeZone = deps.timeZone(workspaceId);
        const { week, from, to } = lastWeek(deps.clock.now(), timeZone);
        const already = q.first(
          k
            .selectFrom('report_weekly_sent')
            .select(sql<number>`1`.as('one'))
            .where('workspace_id', '=', workspaceId)
            .where('week', '=', week)
        );
        if (already) continue;
        const query = { from, to, unit: 'day' as const, timeZone, filters: {} };
        const report = buildReport(
          deps.store.tickets({ workspaceId, from: previousRange(query).from, to }),
          query
        );
        if (quiet(report.current) && quiet(report.before)) continue;
        const leads = deps.leads(workspaceId);
        if (leads.length === 0 || !claim(workspaceId, week)) continue;
        const link = deps.appUrl
          ? `${deps.appUrl.replace(/\/$/, '')}/w/${workspaceId}/reports`
          : null;
        const to_: string[] = [];
        for (const lead of leads) {
          try {
            await deps.mailer.send({
              to: lead.email,
              subject: weeklySubject(deps.workspaceName(workspaceId), week, {
                locale: lead.locale
              }),
              text: body(report.current, report.before, lead.locale, link)
            });
            to_.push(lead.email);
          } catch (error) {
            log(`Weekly report: could not mail a lead of ${workspaceId}.`, error);
          }
        }
        sent.push({ workspaceId, week, to: to_ });
      } catch (error) {
        log(`Weekly report: could not make the report of ${workspaceId}.`, error);
      }
    }
    return sent;
  };

  const runOnce = () => {
    running ??= step().finally(() => {
      running = null;
    });
    return running;
  };

  const timer = setInterval(() => void runOnce(), deps.tickMs ?? 3_600_000);
  timer.unref();
  return {
    runOnce,
    stop: () => clearInterval(timer)
  };
}
