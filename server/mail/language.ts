/**
 * Detecting the language of a customer's message, for the ticket's language (which decides
 * the language of the emails Baton sends back).
 *
 * `eld` (Efficient Language Detector) with its smallest n-gram set, narrowed to the languages
 * Nordic customers write in. It told Finnish, Danish, Swedish, Norwegian and English apart on
 * every test sentence where trigram detectors (franc, tinyld) mixed up Swedish, Norwegian and
 * Danish. Its data costs about 85 MB of memory, so it is loaded on the first message, not at
 * start. Short texts ("Kiitos!") give no answer rather than a guess.
 */
import { CustomerLanguage } from '../../src/lib/domain/language.ts';

interface Detector {
  detect(text: string): { language: string; isReliable(): boolean };
  setLanguageSubset(languages: string[]): unknown;
}

let detector: Promise<Detector> | null = null;

function load(): Promise<Detector> {
  detector ??= import('eld/extrasmall').then(({ eld }) => {
    eld.setLanguageSubset([...CustomerLanguage.options]);
    return eld;
  });
  return detector;
}

/** The language of `text`, or `null` when it is too short or unclear to tell. */
export async function detectLanguage(text: string): Promise<CustomerLanguage | null> {
  const sample = text.replace(/\s+/g, ' ').trim().slice(0, 2000);
  if (sample.length < 12) return null;
  const result = (await load()).detect(sample);
  const parsed = CustomerLanguage.safeParse(result.language);
  return parsed.success && result.isReliable() ? parsed.data : null;
}
