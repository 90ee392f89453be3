/**
 * What the public survey page shows (`routes/survey/[token]`), as the survey services answer
 * it and `components/surveys/SurveyPage.svelte` renders it on the server.
 */
import type { Locale } from '../i18n/locales';
import type { SurveyKind, SurveyScale } from '../domain/survey';

export type SurveyProblem = 'choose-answer' | 'comment-too-long';

export type SurveyPageView =
  | {
      view: 'form';
      status: number;
      locale: Locale;
      kind: SurveyKind;
      scale: SurveyScale;
      /** `#42`, or '' when the ticket has no number. */
      ticket: string;
      subject: string;
      answer: { score: string; comment: string } | null;
      /** An answer was just stored. */
      saved: boolean;
      problem: SurveyProblem | null;
    }
  | {
      view: 'refused';
      status: number;
      locale: Locale;
      reason: 'invalid' | 'closed' | 'rate-limited';
    };
