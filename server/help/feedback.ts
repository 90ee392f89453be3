/**
 * The "Was this helpful?" form as it arrives from a customer's browser: plain
 * `application/x-www-form-urlencoded` fields, all of them outside data.
 *
 *   answer    'yes' | 'no' (the button pressed), required
 *   comment   optional, at most `MAX_FEEDBACK_COMMENT` characters after trimming; control
 *             characters other than line breaks and tabs are dropped
 *   website   the honeypot: hidden from people (off-screen, `tabindex=-1`, no autocomplete);
 *             a filled one means a form-filling robot
 *   token     the signed, time-stamped form token (`form-token.ts`), checked by the caller
 */
import { z } from 'zod';

export const MAX_FEEDBACK_COMMENT = 1000;
/** The honeypot field's name: one a form-filling robot fills in gladly. */
export const HONEYPOT_FIELD = 'website';

export type FeedbackProblem = 'choose-answer' | 'comment-too-long' | 'honeypot';

export interface FeedbackForm {
  helpful: boolean;
  comment: string;
  token: string;
}

const Answer = z.enum(['yes', 'no']);

export function parseFeedbackForm(
  form: Readonly<Record<string, string>> | null
): { ok: true; value: FeedbackForm } | { ok: false; problem: FeedbackProblem; comment: string } {
  const comment = (form?.comment ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/\r\n?/g, '\n')
    .trim();
  const honeypot = form?.[HONEYPOT_FIELD] ?? '';
  if (honeypot !== '') return { ok: false, problem: 'honeypot', comment: '' };
  const answer = Answer.safeParse(form?.answer);
  if (!answer.success) return { ok: false, problem: 'choose-answer', comment };
  if ([...comment].length > MAX_FEEDBACK_COMMENT) {
    return { ok: false, problem: 'comment-too-long', comment };
  }
  return {
    ok: true,
    value: { helpful: answer.data === 'yes', comment, token: form?.token ?? '' }
  };
}
