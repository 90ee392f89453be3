/**
 * The signed-in member's `GET /api/me` answer, written by the server into the HTML of the page
 * it serves, so that a first visit paints without waiting for one more round trip (on a slow
 * phone network that round trip was the largest part of the time to the first ticket).
 *
 * It is a data block (`<script type="application/json">`): never executed, so the
 * Content-Security-Policy does not need to allow it, and the JSON is escaped so that nothing
 * in it (a member named `</script>…`) can end the element. The browser reads it once, when the
 * app starts, and removes it; later changes (sign-in, switching workspace) ask `/api/me` as
 * before. The service worker's offline shell is fetched without cookies, so it never carries
 * anyone's identity.
 */
export const ME_ELEMENT_ID = 'baton-me';
/** Where `src/app.html` wants the block; replaced on every page, by nothing when signed out. */
export const ME_PLACEHOLDER = '%baton.me%';

const UNSAFE_IN_SCRIPT = /[<>&\u2028\u2029]/g;

/** JSON that is safe between `<script …>` and `</script>`: `<`, `>`, `&` and line separators escaped. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    UNSAFE_IN_SCRIPT,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  );
}

/** `html` with the block where `src/app.html` has its placeholder; `me === null`: without. */
export function injectMe(html: string, me: unknown): string {
  const script =
    me === null
      ? ''
      : `<script type="application/json" id="${ME_ELEMENT_ID}">${jsonForScript(me)}</script>`;
  // A function, not a string: `$&` or `$'` in a member's name must stay text.
  return html.replace(ME_PLACEHOLDER, () => script);
}

/** The page's block, parsed, and removed so that nothing reads it twice; `undefined` if none. */
export function takeMeBootstrap(doc: Pick<Document, 'getElementById'>): unknown {
  const element = doc.getElementById(ME_ELEMENT_ID);
  if (!element) return undefined;
  const text = element.textContent;
  element.remove();
  try {
    return JSON.parse(text ?? '') as unknown;
  } catch {
    return undefined;
  }
}
