/**
 * The survey email: plain text and a small HTML part, in the customer's language, with one
 * link per answer (`/survey/<token>?score=<answer>`: one click records it and opens the page
 * where the answer can be changed and a comment added). Whatever came from a ticket (the
 * subject) is escaped in the HTML part. Marked `Auto-Submitted: auto-generated` so that
 * well-behaved autoresponders do not answer it.
 */
import type { SurveyKind, SurveyScale, SurveyScore } from '../../src/lib/domain/survey.ts';
import { scoresOf } from '../../src/lib/domain/survey.ts';
import type { Locale } from '../../src/lib/i18n/locales.ts';
import { formatDate } from '../../src/lib/i18n/format.ts';
import {
  csatEmailIntro,
  csatEmailSubject,
  emailLinkUntil,
  emailOneClick,
  npsEmailSubject,
  npsHighEnd,
  npsLowEnd,
  npsQuestion,
  scoreLabel
} from '../../src/lib/i18n/messages/surveys.ts';

export interface SurveyEmailInput {
  kind: SurveyKind;
  scale: SurveyScale;
  locale: Locale;
  /** `#42` */
  ticket: string;
  subject: string;
  /** The page's address, `<app>/survey/<token>`. */
  pageUrl: string;
  expiresAt: number;
}

export interface SurveyEmail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c
  );

export function answerUrl(pageUrl: string, score: SurveyScore): string {
  return `${pageUrl}?score=${encodeURIComponent(String(score))}`;
}

export function surveyEmail(input: SurveyEmailInput): SurveyEmail {
  const o = { locale: input.locale };
  const subject =
    input.kind === 'csat'
      ? csatEmailSubject({ ticket: input.ticket, subject: input.subject }, o)
      : npsEmailSubject(o);
  const question =
    input.kind === 'csat' ? csatEmailIntro({ ticket: input.ticket }, o) : npsQuestion(o);
  const answers = scoresOf(input.scale).map((score) => ({
    label: scoreLabel({ score, scale: input.scale }, o),
    url: answerUrl(input.pageUrl, score)
  }));
  const ends = input.kind === 'nps' ? [npsLowEnd(o), npsHighEnd(o)] : [];
  const until = emailLinkUntil(
    { date: formatDate(input.expiresAt, 'date', { ...o, timeZone: 'UTC' }) },
    o
  );
  const text = [
    question,
    '',
    ...answers.map((a) => `${a.label}: ${a.url}`),
    ...(ends.length > 0 ? ['', ...ends] : []),
    '',
    emailOneClick(o),
    until,
    ''
  ].join('\n');
  const html = [
    `<!doctype html><html lang="${input.locale}"><body style="font-family: sans-serif">`,
    `<p>${escapeHtml(question)}</p>`,
    '<p>',
    ...answers.map(
      (a) =>
        `<a href="${escapeHtml(a.url)}" style="display:inline-block;margin:0 6px 6px 0;padding:6px 10px;border:1px solid #1f3a5f;border-radius:4px;color:#1f3a5f;text-decoration:none">${escapeHtml(a.label)}</a>`
    ),
    '</p>',
    ...(ends.length > 0 ? [`<p>${ends.map(escapeHtml).join('<br>')}</p>`] : []),
    `<p>${escapeHtml(emailOneClick(o))} ${escapeHtml(until)}</p>`,
    '</body></html>'
  ].join('\n');
  return { subject, text, html };
}
