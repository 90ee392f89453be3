/**
 * Customer surveys: CSAT after a solved ticket, NPS on the admin's schedule. What the browser
 * and the server agree on lives here; sending, links and answers are the server's
 * (`server/surveys/`).
 *
 * Settings (the settings document's `surveys` root, owners and admins): one record per survey
 * kind, keyed by the kind.
 *
 *   csat  on/off, the delay after the solve, the channels whose tickets get one, and the scale:
 *         good/bad, or 1–5 (4 and 5 count as good, as `metrics.ts` `csat` counts them)
 *   nps   on/off, the delay after the solve, the channels, and the interval: a customer is
 *         asked at most once in `intervalDays` (90 by default), after a solved ticket
 *
 * An answer on the ticket: the server writes a `rating` activity entry as the system actor
 * (`from` the kind, `to` the score: 'good'/'bad', 1–5, or 0–10, and the customer's comment)
 * each time the customer's score or comment changes; the latest entry of a kind is the ticket's
 * rating. Clients may not write one
 * (`update-check.ts`: server-owned).
 */
import { z } from 'zod';
import type { CsatAnswer } from './metrics';
import type { ActivityEntry } from './schema';
import { TicketChannel } from './schema';

export const SURVEY_KINDS = ['csat', 'nps'] as const;
export const SurveyKind = z.enum(SURVEY_KINDS);
export type SurveyKind = z.infer<typeof SurveyKind>;

export const CSAT_SCALES = ['good-bad', 'one-to-five'] as const;
export const CsatScale = z.enum(CSAT_SCALES);
export type CsatScale = z.infer<typeof CsatScale>;

/** The scale an answer is given on: CSAT's two, or NPS's 0–10. */
export type SurveyScale = CsatScale | 'zero-to-ten';

/** At most a week between the solve and the survey (minutes). */
export const MAX_SURVEY_DELAY_MINUTES = 7 * 24 * 60;

const Channels = z
  .array(TicketChannel)
  .max(TicketChannel.options.length)
  .refine((list) => new Set(list).size === list.length, 'a channel is listed once');

export const CsatSettingsRecord = z.strictObject({
  id: z.literal('csat'),
  enabled: z.boolean(),
  delayMinutes: z.number().int().min(0).max(MAX_SURVEY_DELAY_MINUTES),
  channels: Channels,
  scale: CsatScale
});
export type CsatSettingsRecord = z.infer<typeof CsatSettingsRecord>;

export const NpsSettingsRecord = z.strictObject({
  id: z.literal('nps'),
  enabled: z.boolean(),
  delayMinutes: z.number().int().min(0).max(MAX_SURVEY_DELAY_MINUTES),
  channels: Channels,
  /** A customer is asked at most once in this many days. */
  intervalDays: z.number().int().min(1).max(730)
});
export type NpsSettingsRecord = z.infer<typeof NpsSettingsRecord>;

export const SurveySettingsRecord = z.discriminatedUnion('id', [
  CsatSettingsRecord,
  NpsSettingsRecord
]);
export type SurveySettingsRecord = z.infer<typeof SurveySettingsRecord>;

export interface SurveySettings {
  csat: CsatSettingsRecord;
  nps: NpsSettingsRecord;
}

/** Both surveys are off until an admin turns one on. */
export const DEFAULT_SURVEY_SETTINGS: SurveySettings = {
  csat: { id: 'csat', enabled: false, delayMinutes: 60, channels: ['email'], scale: 'good-bad' },
  nps: { id: 'nps', enabled: false, delayMinutes: 24 * 60, channels: ['email'], intervalDays: 90 }
};

/** The records of the `surveys` root as plain values (a missing or invalid one: the default). */
export function surveySettingsOf(records: Iterable<[string, unknown]>): SurveySettings {
  const out = { ...DEFAULT_SURVEY_SETTINGS };
  for (const [key, value] of records) {
    const parsed = SurveySettingsRecord.safeParse(value);
    if (!parsed.success || parsed.data.id !== key) continue;
    if (parsed.data.id === 'csat') out.csat = parsed.data;
    else out.nps = parsed.data;
  }
  return out;
}

/** The scale a survey of `kind` asks on, with the workspace's CSAT scale. */
export function scaleOf(kind: SurveyKind, csatScale: CsatScale): SurveyScale {
  return kind === 'nps' ? 'zero-to-ten' : csatScale;
}

export type SurveyScore = 'good' | 'bad' | number;

/** The answers a scale offers, in the order a page shows them. */
export function scoresOf(scale: SurveyScale): readonly SurveyScore[] {
  switch (scale) {
    case 'good-bad':
      return ['good', 'bad'];
    case 'one-to-five':
      return [5, 4, 3, 2, 1];
    case 'zero-to-ten':
      return [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  }
}

/**
 * Reads an answer as it comes from a link or a form (always text): the score on `scale`, or
 * `null` when it is not one of the scale's answers (`'5'` on good/bad, `'11'`, `' 4'`, `'4.0'`).
 */
export function parseScore(scale: SurveyScale, text: unknown): SurveyScore | null {
  if (typeof text !== 'string') return null;
  for (const score of scoresOf(scale)) if (String(score) === text) return score;
  return null;
}

/** Whether a CSAT answer is good (good, or 4–5); NPS answers are neither here. */
export function isGoodCsat(score: SurveyScore): boolean {
  return score === 'good' || score === 4 || score === 5;
}

/** A bad CSAT answer: the one that tells the assignee. */
export function isBadCsat(score: SurveyScore): boolean {
  return score === 'bad' || score === 1 || score === 2 || score === 3;
}

/** A CSAT score as `metrics.ts` counts it. */
export function csatAnswer(score: SurveyScore): CsatAnswer | null {
  if (score === 'good' || score === 'bad') return score;
  return score === 1 || score === 2 || score === 3 || score === 4 || score === 5 ? score : null;
}

/** Control characters a comment drops (line breaks and tabs stay). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** A comment: at most 2,000 characters, trimmed; control characters but line breaks dropped. */
export const MAX_SURVEY_COMMENT = 2_000;
export const SurveyComment = z
  .string()
  .max(MAX_SURVEY_COMMENT * 2)
  .transform((text) => text.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim())
  .pipe(z.string().max(MAX_SURVEY_COMMENT, `at most ${MAX_SURVEY_COMMENT} characters`));

/**
 * The ticket's latest rating of `kind`, from its activity (the server's `rating` entries), with
 * the customer's comment ('' when none).
 */
export function latestRating(
  activity: readonly ActivityEntry[],
  kind: SurveyKind
): { score: SurveyScore; at: number; comment: string } | null {
  let found: { score: SurveyScore; at: number; comment: string } | null = null;
  for (const entry of activity) {
    if (entry.kind !== 'rating' || entry.from !== kind) continue;
    const score = entry.to;
    if (score !== 'good' && score !== 'bad' && typeof score !== 'number') continue;
    if (!found || entry.at >= found.at)
      found = { score, at: entry.at, comment: entry.comment ?? '' };
  }
  return found;
}
