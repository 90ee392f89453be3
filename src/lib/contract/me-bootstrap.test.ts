import { describe, expect, it } from 'vitest';
import { ME_ELEMENT_ID, ME_PLACEHOLDER, injectMe, takeMeBootstrap } from './me-bootstrap';

const PAGE = `<head><title>Baton</title>${ME_PLACEHOLDER}</head><body>x</body>`;
const OPEN = `<script type="application/json" id="${ME_ELEMENT_ID}">`;

/** What an HTML parser would take as the element's text: up to the first `</script`. */
function scriptText(html: string): string {
  const start = html.indexOf(OPEN);
  expect(start).toBeGreaterThanOrEqual(0);
  const rest = html.slice(start + OPEN.length);
  return rest.slice(0, rest.toLowerCase().indexOf('</script'));
}

/** A stand-in for `document` with one element holding `text`. */
function documentWith(text: string | null) {
  let present = text !== null;
  return {
    doc: {
      getElementById: (id: string) =>
        present && id === ME_ELEMENT_ID
          ? ({ textContent: text, remove: () => (present = false) } as unknown as HTMLElement)
          : null
    },
    present: () => present
  };
}

describe('injectMe', () => {
  it('writes the answer where the placeholder is, and it reads back the same', () => {
    const me = { identity: { memberId: 'member-aino', name: 'Aino Virtanen' }, workspaceId: 'w' };
    const html = injectMe(PAGE, me);
    expect(html).not.toContain(ME_PLACEHOLDER);
    expect(html.endsWith('</head><body>x</body>')).toBe(true);
    expect(JSON.parse(scriptText(html))).toEqual(me);
  });

  it('leaves no placeholder and no block for nobody', () => {
    expect(injectMe(PAGE, null)).toBe('<head><title>Baton</title></head><body>x</body>');
  });

  it.each([
    '</script><script>alert(1)</script>',
    '</SCRIPT ><img src=x onerror=alert(1)>',
    '<!-- <script>',
    "$' $& $` $$ $1",
    'line\u2028separator\u2029paragraph',
    'Åsa & "Jo" \\ 🎫'
  ])('keeps a hostile name as text: %s', (name) => {
    const me = { identity: { memberId: 'm', name }, workspaceId: 'w' };
    const html = injectMe(PAGE, me);
    const text = scriptText(html);
    expect(text).not.toMatch(/[<>]/);
    expect(JSON.parse(text)).toEqual(me);
    // Nothing of the rest of the page was copied in by a replacement pattern.
    expect(html.split('<title>').length).toBe(2);
    expect(html.endsWith('</head><body>x</body>')).toBe(true);
  });
});

describe('takeMeBootstrap', () => {
  it('parses the block once and removes it', () => {
    const page = documentWith('{"identity":null,"workspaceId":null}');
    expect(takeMeBootstrap(page.doc)).toEqual({ identity: null, workspaceId: null });
    expect(page.present()).toBe(false);
    expect(takeMeBootstrap(page.doc)).toBeUndefined();
  });

  it('answers undefined for a page without one', () => {
    expect(takeMeBootstrap(documentWith(null).doc)).toBeUndefined();
  });

  it.each(['', '{', 'undefined', '<b>', '{"identity":'])('ignores garbage: %j', (text) => {
    const page = documentWith(text);
    expect(takeMeBootstrap(page.doc)).toBeUndefined();
    expect(page.present()).toBe(false);
  });
});
