/**
 * The languages Baton speaks, and how a request's language is chosen.
 *
 * A member's own choice wins (stored with the member, so it follows them to the phone); before
 * sign-in the browser's `Accept-Language` decides; English is the fallback. Finnish and Danish
 * are first-class, not afterthoughts: every message exists in all three (the compiler refuses a
 * message without one of them, see `messages/`).
 */
export const LOCALES = ['en', 'fi', 'da'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/**
 * The language's own name, for the language menu. A map, not an `{ en, fi, da }` object: the
 * build cuts every such object down to one language (`scripts/localize-build.ts`), and the menu
 * shows all three.
 */
export const LOCALE_NAMES: ReadonlyMap<Locale, string> = new Map([
  ['en', 'English'],
  ['fi', 'Suomi'],
  ['da', 'Dansk']
]);

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'fi' || value === 'da';
}

/** The supported locale a BCP 47 tag falls under (`fi-FI` → `fi`, `nb` → none). */
export function localeOf(tag: string): Locale | null {
  const language = tag.trim().toLowerCase().split(/[-_]/, 1)[0] ?? '';
  return isLocale(language) ? language : null;
}

/**
 * The best supported locale for an `Accept-Language` header, by its q-values (ties keep
 * header order); English when nothing matches. Malformed parts are skipped, not fatal.
 */
export function negotiateLocale(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked: Array<{ locale: Locale; q: number; index: number }> = [];
  header
    .split(',')
    .slice(0, 30)
    .forEach((part, index) => {
      const [tag = '', ...params] = part.split(';');
      const locale = localeOf(tag);
      if (!locale) return;
      let q = 1;
      for (const param of params) {
        const match = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/.exec(param);
        if (match) q = Number(match[1]);
      }
      if (q > 0) ranked.push({ locale, q, index });
    });
  ranked.sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.locale ?? DEFAULT_LOCALE;
}
