/**
 * Which copy of the client build a page loads. After `vite build`, the built scripts are
 * written once more per language (`scripts/localize-build.ts`) into `_app/immutable/<locale>/`,
 * each with its messages in that language only; the build SvelteKit made stays beside them,
 * untouched. The server points a page's scripts and styles at its language's copy
 * (`hooks.server.ts`); the service worker precaches it. In `vite dev` there are no copies and
 * no `_app/immutable/` paths, so nothing changes.
 */
import type { Locale } from './locales';

const IMMUTABLE = '_app/immutable/';

/** Build paths (`/_app/immutable/…`, also relative ones) in `text`, moved to `locale`'s copy. */
export function inLocaleBuild(text: string, locale: Locale): string {
  return text.replaceAll(IMMUTABLE, `${IMMUTABLE}${locale}/`);
}
