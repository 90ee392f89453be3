/**
 * The web manifest, in the page's language: the page links `/manifest.webmanifest?lang=<its
 * lang>` (browsers fetch manifests without cookies, so the language travels in the URL), and an
 * installed app is named and described in the language its member works in.
 */
import { negotiateLocale, localeOf } from '$lib/i18n/locales';
import { appDescription, appName, shortcutTriageDescription } from '$lib/i18n/messages/app';
import { boardTitle } from '$lib/i18n/messages/board';
import { triageTitle } from '$lib/i18n/messages/triage';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, request }) => {
  const locale =
    localeOf(url.searchParams.get('lang') ?? '') ??
    negotiateLocale(request.headers.get('accept-language'));
  const o = { locale };
  const icon = { src: '/icon-192.png', sizes: '192x192', type: 'image/png' };
  const manifest = {
    id: '/',
    name: appName(o),
    short_name: 'Baton',
    description: appDescription(o),
    lang: locale,
    dir: 'ltr',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#f5f6f8',
    theme_color: '#1f3a5f',
    categories: ['business', 'productivity'],
    icons: [
      { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icon-512-maskable.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
    ],
    shortcuts: [
      {
        name: triageTitle(o),
        short_name: triageTitle(o),
        description: shortcutTriageDescription(o),
        url: '/?open=triage',
        icons: [icon]
      },
      { name: boardTitle(o), short_name: boardTitle(o), url: '/?open=board', icons: [icon] }
    ]
  };
  return new Response(JSON.stringify(manifest), {
    headers: {
      'content-type': 'application/manifest+json; charset=utf-8',
      'cache-control': 'public, max-age=3600',
      vary: 'accept-language'
    }
  });
};
