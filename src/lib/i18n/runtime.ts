/**
 * The message runtime: which locale is current, and how a message picks its text.
 *
 * Messages are plain exported functions in `messages/<area>.ts`, one per message, each holding
 * its text in every locale:
 *
 *     export const unassigned = (o?: MessageOptions) =>
 *       t(o, { en: 'Unassigned', fi: 'Ei käsittelijää', da: 'Ikke tildelt' });
 *
 * So the compiler checks every key and every parameter at each use, a message missing a
 * locale does not compile, and the bundler keeps only the messages a route imports (each is a
 * function nobody calls unless it is used). The current locale is set once when the app starts
 * (from `<html lang>`, which the server writes for the member or the browser); changing the
 * language reloads the page, so no component has to react to it. Server code (emails) passes
 * the locale explicitly with `{ locale }`.
 *
 * A production browser loads a build cut down to its page's language
 * (`scripts/localize-build.ts`), where each message object holds that one text: `inLocale` then
 * finds the locale asked for, or, if a page ever asks for another, the one text there is.
 */
import { DEFAULT_LOCALE, type Locale } from './locales';

let current: Locale = DEFAULT_LOCALE;

export function getLocale(): Locale {
  return current;
}

/** Sets the locale for messages that are not given one. Call before anything renders. */
export function setLocale(locale: Locale): void {
  current = locale;
}

let currentTimeZone: string | null = null;

/** The time zone dates and times are shown in when a call names none (the member's own). */
export function getTimeZone(): string | null {
  return currentTimeZone;
}

/** Sets it from the member's profile; `null` leaves the device's. */
export function setTimeZone(zone: string | null): void {
  currentTimeZone = zone;
}

export interface MessageOptions {
  /** Overrides the current locale (server-side text, e.g. an email in the customer's language). */
  locale?: Locale;
}

export type Texts = Readonly<Record<Locale, string>>;

export function localeFor(options: MessageOptions | undefined): Locale {
  return options?.locale ?? current;
}

/** A message's value for `locale`; in a build cut to one language, the one value it holds. */
function inLocale<T>(values: Readonly<Record<Locale, T>>, locale: Locale): T {
  const value = values[locale] as T | undefined;
  if (value !== undefined) return value;
  for (const key in values) return values[key as Locale];
  throw new Error('A message without texts.');
}

/** The text of the current (or given) locale. */
export function t(options: MessageOptions | undefined, texts: Texts): string {
  return inLocale(texts, localeFor(options));
}

/**
 * Plural forms by `Intl.PluralRules` category. English, Finnish and Danish use `one` and
 * `other` (they differ on decimals: Danish 1.5 is "one", Finnish and English say "other").
 * `#` in a form is replaced with the count, formatted for the locale.
 */
export interface PluralForms {
  one: string;
  other: string;
  zero?: string;
  two?: string;
  few?: string;
  many?: string;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

function numberFormat(locale: Locale): Intl.NumberFormat {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format;
}

/**
 * A number in `locale`'s way of writing it. Whole numbers from 0 to 999 are written alike in
 * every locale Baton speaks (ASCII digits, no grouping; Finnish writes a minus sign of its own,
 * so negatives go to `Intl`): they skip `Intl.NumberFormat`, whose first use costs a phone
 * about 100 ms while the first screen renders (counts in plurals are such numbers).
 */
export function formatNumberIn(value: number, locale: Locale): string {
  if (Number.isInteger(value) && value >= 0 && value < 1000) return String(value);
  return numberFormat(locale).format(value);
}

export function plural(
  count: number,
  options: MessageOptions | undefined,
  forms: Readonly<Record<Locale, PluralForms>>
): string {
  const locale = localeFor(options);
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  const byLocale = inLocale(forms, locale);
  const category = rules.select(count);
  const form = (category === 'other' ? undefined : byLocale[category]) ?? byLocale.other;
  return form.replaceAll('#', formatNumberIn(count, locale));
}
