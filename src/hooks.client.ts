import { z } from 'zod';
import { localeOf } from '$lib/i18n/locales';
import { setLocale } from '$lib/i18n/runtime';

// The CSP allows no eval, so zod's compiled fast path can never run in the browser; and
// zod's probe for it (`new Function('')`, when the first object schema is built) is itself
// a CSP violation reported in the console. This module runs before any route's code.
z.config({ jitless: true });

// The server writes the member's language (or the browser's, before sign-in) into
// `<html lang>`; every message reads it from here on. Changing it reloads the page.
setLocale(localeOf(document.documentElement.lang) ?? 'en');
