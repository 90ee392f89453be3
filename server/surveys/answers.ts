/**
 * The public side of surveys: what a customer's link opens and what their answer does.
 *
 * Every call checks, in this order and before anything is stored: the rate limits (per client
 * address, and per survey for answers), the link (`links.ts`: well formed, our MAC, not
 * expired), the survey it names (exists, its kind is the link's purpose, it was sent and has
 * not expired), then the answer (one of the survey's scale, a comment of at most 2,000
 * characters). Refusals say only "not valid", "closed" or "too many": nothing about which
 * check failed, so a guesser learns nothing.
 *
 * An answer is stored in `survey_answers` (the latest wins) and, when its score or comment
 * differs from the ticket's latest rating of that kind, written into the ticket's activity as
 * the system actor (a `rating` entry with the comment), so the agents read the customer's words
 * on the ticket, offline too, like the customer's mail (and as text, like it). The notification
 * feed turns a bad CSAT rating into a notification for the assignee (`notifications/events.ts`).
 */
import { ticketDocName } from '../../src/lib/domain/doc-names.ts';
import { SYSTEM_ACTOR } from '../../src/lib/domain/schema.ts';
import {
  latestRating,
  parseScore,
  SurveyComment,
  type SurveyScale,
  type SurveyScore
} from '../../src/lib/domain/survey.ts';
import { readActivity, readTicketFields, ticketParts } from '../../src/lib/domain/ticket.ts';
import { isLocale, type Locale } from '../../src/lib/i18n/locales.ts';
import type {
  SurveyPageView,
  SurveyProblem,
  SurveyServices
} from '../../src/lib/server/survey-services.ts';
import { RateLimiter, type Limit } from '../accounts/rate-limit.ts';
import type { Clock } from '../config.ts';
import type { DocManager } from '../documents.ts';
import type { SurveyLinks } from './links.ts';
import type { SurveyRow, SurveyStore } from './store.ts';

export interface SurveyAnswerLimits {
  /** Page views and answers per client address. */
  perAddress: Limit;
  /** Answers per survey (a customer changes their mind a few times, not hundreds). */
  perSurvey: Limit;
}

export const DEFAULT_ANSWER_LIMITS: SurveyAnswerLimits = {
  perAddress: { max: 60, windowMs: 10 * 60_000 },
  perSurvey: { max: 20, windowMs: 60 * 60_000 }
};

export interface SurveyAnswersDeps {
  store: SurveyStore;
  links: SurveyLinks;
  docs: DocManager;
  clock: Clock;
  limits?: SurveyAnswerLimits;
  log: (message: string, error?: unknown) => void;
}

type Found = { ok: true; survey: SurveyRow } | { ok: false; view: SurveyPageView };

export function scaleOfRow(row: SurveyRow): SurveyScale {
  return row.scale === 'one-to-five' || row.scale === 'zero-to-ten' ? row.scale : 'good-bad';
}

export class SurveyAnswers {
  readonly #deps: SurveyAnswersDeps;
  readonly #limiter: RateLimiter;
  readonly #limits: SurveyAnswerLimits;

  constructor(deps: SurveyAnswersDeps) {
    this.#deps = deps;
    this.#limiter = new RateLimiter(deps.clock);
    this.#limits = deps.limits ?? DEFAULT_ANSWER_LIMITS;
  }

  services(): SurveyServices {
    return {
      open: async (token, ip, score, locale) => {
        const found = this.#find(token, ip, locale);
        if (!found.ok) return found.view;
        if (score === null) return this.#form(found.survey, 200, false, null);
        return this.#store(found.survey, score, null);
      },
      answer: async (token, ip, form, locale) => {
        const found = this.#find(token, ip, locale);
        if (!found.ok) return found.view;
        return this.#store(found.survey, form.score, form.comment);
      }
    };
  }

  #refused(
    status: number,
    reason: 'invalid' | 'closed' | 'rate-limited',
    locale: Locale
  ): SurveyPageView {
    return { view: 'refused', status, locale, reason };
  }

  #find(token: string, ip: string, locale: Locale): Found {
    const { links, store, clock } = this.#deps;
    const limited = this.#limiter.reserve([
      { key: `survey-ip:${ip}`, limit: this.#limits.perAddress }
    ]);
    if (!limited.ok) return { ok: false, view: this.#refused(429, 'rate-limited', locale) };
    const now = clock.now();
    const link = links.verify(token, now);
    if (!link.ok) {
      if (link.reason !== 'expired')
        return { ok: false, view: this.#refused(404, 'invalid', locale) };
      // Closed: said in the survey's language when the (signed) link names one.
      const named = store.get(link.claims.surveyId);
      const closedIn = named && isLocale(named.locale) ? named.locale : locale;
      return { ok: false, view: this.#refused(410, 'closed', closedIn) };
    }
    const survey = store.get(link.claims.surveyId);
    // Single-purpose: the link's purpose is the kind of the survey it names.
    if (!survey || survey.kind !== link.claims.purpose || survey.sentAt === null) {
      return { ok: false, view: this.#refused(404, 'invalid', locale) };
    }
    const surveyLocale = isLocale(survey.locale) ? survey.locale : locale;
    if (survey.expiresAt === null || now >= survey.expiresAt) {
      return { ok: false, view: this.#refused(410, 'closed', surveyLocale) };
    }
    return { ok: true, survey };
  }

  #form(
    survey: SurveyRow,
    status: number,
    saved: boolean,
    problem: SurveyProblem | null
  ): SurveyPageView {
    const fields = this.#deps.docs.read(ticketDocName(survey.ticketId), readTicketFields);
    const answer = this.#deps.store.answer(survey.id);
    return {
      view: 'form',
      status,
      locale: isLocale(survey.locale) ? survey.locale : 'en',
      kind: survey.kind,
      scale: scaleOfRow(survey),
      ticket: fields?.number ? `#${fields.number}` : '',
      subject: fields?.subject ?? '',
      answer: answer ? { score: answer.score, comment: answer.comment } : null,
      saved,
      problem
    };
  }

  #store(survey: SurveyRow, scoreText: unknown, commentText: unknown): SurveyPageView {
    const { store, clock } = this.#deps;
    const limited = this.#limiter.reserve([
      { key: `survey-answers:${survey.id}`, limit: this.#limits.perSurvey }
    ]);
    if (!limited.ok) {
      return this.#refused(429, 'rate-limited', isLocale(survey.locale) ? survey.locale : 'en');
    }
    const score = parseScore(scaleOfRow(survey), scoreText);
    if (score === null) return this.#form(survey, 400, false, 'choose-answer');
    const before = store.answer(survey.id);
    let comment = before?.comment ?? '';
    if (commentText !== null && commentText !== undefined) {
      const parsed = SurveyComment.safeParse(commentText);
      if (!parsed.success) return this.#form(survey, 400, false, 'comment-too-long');
      comment = parsed.data;
    }
    store.saveAnswer(survey, String(score), comment);
    this.#onTicket(survey, score, comment, clock.now());
    return this.#form(survey, 200, true, null);
  }

  /**
   * The rating on the ticket: a `rating` entry (with the comment, if any) when the score or
   * the comment differs from its latest one.
   */
  #onTicket(survey: SurveyRow, score: SurveyScore, comment: string, now: number): void {
    try {
      this.#deps.docs.change(ticketDocName(survey.ticketId), (doc) => {
        if (!readTicketFields(doc)) return;
        const latest = latestRating(readActivity(doc), survey.kind);
        if (latest && latest.score === score && latest.comment === comment) return;
        ticketParts(doc).activity.push([
          {
            at: Math.max(now, (latest?.at ?? 0) + 1),
            actorId: SYSTEM_ACTOR.id,
            kind: 'rating',
            from: survey.kind,
            to: score,
            ...(comment ? { comment } : {})
          }
        ]);
      });
    } catch (error) {
      // The answer is stored; the ticket shows it at the next answer or not at all: logged.
      this.#deps.log(`Could not write the rating of survey ${survey.id} into its ticket`, error);
    }
  }
}
