/**
 * The language a customer writes in, and the language Baton writes back to them in.
 *
 * Customers of Nordic teams write Finnish, Danish, Swedish, Norwegian and English; Baton
 * speaks English, Finnish and Danish. A ticket's language is detected from its first message
 * (on the server, `server/mail/language.ts`) and can be set on the customer by hand. Emails
 * Baton sends go out in the nearest language it speaks: Norwegian readers read Danish with
 * ease, Swedish readers are better served in English than in either of the others.
 */
import { z } from 'zod';
import type { Locale } from '../i18n/locales';

/** The languages a ticket or customer can be marked with (ISO 639-1). */
export const CUSTOMER_LANGUAGES = ['en', 'fi', 'da', 'sv', 'no'] as const;
export const CustomerLanguage = z.enum(CUSTOMER_LANGUAGES);
export type CustomerLanguage = z.infer<typeof CustomerLanguage>;

/** Each language named in itself, for the language menus. */
export const CUSTOMER_LANGUAGE_NAMES: Record<CustomerLanguage, string> = {
  en: 'English',
  fi: 'Suomi',
  da: 'Dansk',
  sv: 'Svenska',
  no: 'Norsk'
};

const EMAIL_LOCALE: Record<CustomerLanguage, Locale> = {
  en: 'en',
  fi: 'fi',
  da: 'da',
  no: 'da',
  sv: 'en'
};

/** The locale of the emails Baton sends to a customer writing in `language`. */
export function emailLocaleFor(language: CustomerLanguage | null, fallback: Locale): Locale {
  return language === null ? fallback : EMAIL_LOCALE[language];
}
