/**
 * Choosing the language: stored with the member (so it follows them to the phone), on the
 * device (so the offline shell speaks it too) and in a cookie (so pages before sign-in do),
 * then the page reloads into it — messages read the locale once at start (`$lib/i18n/runtime`).
 */
import type { Locale } from '$lib/i18n/locales';

/** The language last used on this device; not private (it names no one). */
export const DEVICE_LOCALE_KEY = 'baton:locale';
/** The same, for the server: a visitor's choice before sign-in (see hooks.server.ts). */
export const LOCALE_COOKIE = 'baton_locale';

export interface LanguageDeps {
  /** Stores the member's choice on the server; `false` when refused. */
  saveForMember: (locale: Locale) => Promise<boolean>;
  storage: Pick<Storage, 'setItem'> | null;
  /** Sets one cookie (`document.cookie = …` in the browser). */
  setCookie: (cookie: string) => void;
  reload: () => void;
}

/**
 * Saves `locale` for the signed-in member (when there is one) and reloads. Resolves `false`,
 * without reloading, when the server refused it (the caller shows an error).
 */
export async function chooseLocale(
  locale: Locale,
  signedIn: boolean,
  deps: LanguageDeps
): Promise<boolean> {
  if (signedIn) {
    if (!(await deps.saveForMember(locale))) return false;
  }
  try {
    deps.storage?.setItem(DEVICE_LOCALE_KEY, locale);
  } catch {
    // Storage refused: the member's choice is still on the server.
  }
  deps.setCookie(`${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`);
  deps.reload();
  return true;
}
