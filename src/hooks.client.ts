import type { ClientInit } from '@sveltejs/kit';
import { loadTemporal } from '$lib/domain/temporal';
import { localeOf, type Locale } from '$lib/i18n/locales';
import { setLocale } from '$lib/i18n/runtime';
import { DEVICE_LOCALE_KEY } from '$lib/state/language';
import { ME_ELEMENT_ID } from '$lib/contract/me-bootstrap';

setLocale(startLocale());

/** Before the app starts: Temporal for business time, where the browser has none of its own. */
export const init: ClientInit = async () => {
  await loadTemporal();
};

/**
 * The language of this page load. The server writes the member's language (or, signed out, the
 * browser's) into `<html lang>`. A page that names its member is right by definition and is
 * remembered on the device; a page that names nobody (signed out, or the service worker's
 * offline shell, which is fetched without cookies) takes the language last used here, so an
 * offline Finnish agent still works in Finnish. Changing the language reloads the page.
 */
function startLocale(): Locale {
  const fromPage = localeOf(document.documentElement.lang);
  const signedIn = document.getElementById(ME_ELEMENT_ID) !== null;
  let locale = fromPage ?? 'en';
  try {
    if (signedIn && fromPage) localStorage.setItem(DEVICE_LOCALE_KEY, fromPage);
    const remembered = localeOf(localStorage.getItem(DEVICE_LOCALE_KEY) ?? '');
    if (!signedIn && remembered) locale = remembered;
  } catch {
    // Storage refused (private mode): the page's language stands.
  }
  document.documentElement.lang = locale;
  return locale;
}
