/**
 * The seam between SvelteKit's public survey page (`src/routes/survey/[token]`) and Baton's
 * surveys (`server/surveys`), registered like `services.ts`. No sign-in: the signed link is the
 * only credential, checked by the services on every call.
 */
import type { Locale } from '../i18n/locales';
import type { SurveyPageView } from '../contract/survey-page';
import { serviceSlot } from './service-slot';

export type { SurveyPageView, SurveyProblem } from '../contract/survey-page';

export interface SurveyServices {
  /** The page for a link; `score` (a one-click answer from the email) is stored first. */
  open(token: string, ip: string, score: string | null, locale: Locale): Promise<SurveyPageView>;
  /** The page's form: a score (required) and a comment. */
  answer(
    token: string,
    ip: string,
    form: { score: unknown; comment: unknown },
    locale: Locale
  ): Promise<SurveyPageView>;
}

const slot = serviceSlot<SurveyServices>('survey-services', 'survey services');
export const registerSurveyServices = slot.register;
export const getSurveyServices = slot.get;
