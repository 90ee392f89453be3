import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  articlePublicUrl,
  articleReplyText,
  helpCentreAddress,
  insertArticle,
  insertModes,
  insertionText,
  mayInsert,
  placeInsertion
} from './article-link';
import { applyChecked, type UpdateVerdict } from './update-check';
import { authorshipProblem } from './authorship';
import { readActivity, ticketParts } from './ticket';
import { makeActor, makeTicketDoc } from './testing/factories';
import { copyOf, updateFrom } from './testing/replicas';

function body(build: (fragment: Y.XmlFragment) => void): Y.XmlFragment {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('body');
  build(fragment);
  return fragment;
}

function element(name: string, children: (Y.XmlElement | Y.XmlText)[], attrs = {}): Y.XmlElement {
  const el = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value as string);
  el.insert(0, children);
  return el;
}

function text(value: string, link?: string): Y.XmlText {
  const t = new Y.XmlText();
  t.insert(0, value, link ? { link: { href: link } } : {});
  return t;
}

describe('which articles go into a reply, and how', () => {
  it('links any published article, gives the text of published public ones only', () => {
    expect(insertModes({ status: 'published', visibility: 'public' })).toEqual(['link', 'text']);
    expect(insertModes({ status: 'published', visibility: 'internal' })).toEqual(['link']);
    expect(insertModes({ status: 'draft', visibility: 'public' })).toEqual([]);
    expect(mayInsert({ status: 'published', visibility: 'internal' }, 'text')).toBe(false);
    expect(mayInsert({ status: 'draft', visibility: 'internal' }, 'link')).toBe(false);
  });

  it("links a public article to the help centre when there is one, else to the app's page", () => {
    const pub = { id: 'art-1', visibility: 'public' as const };
    const internal = { id: 'art-2', visibility: 'internal' as const };
    expect(articlePublicUrl('https://baton.test/', 'ws-1', pub, { slug: 'acme' })).toBe(
      'https://baton.test/help/acme/articles/art-1'
    );
    expect(articlePublicUrl('https://baton.test', 'ws-1', pub, null)).toBe(
      'https://baton.test/w/ws-1/kb/art-1'
    );
    expect(helpCentreAddress({ enabled: true, slug: 'acme' })).toEqual({ slug: 'acme' });
    expect(helpCentreAddress({ enabled: false, slug: 'acme' })).toBeNull();
    expect(helpCentreAddress(null)).toBeNull();
    expect(articlePublicUrl('https://baton.test', 'ws-1', internal, { slug: 'acme' })).toBe(
      'https://baton.test/w/ws-1/kb/art-2'
    );
  });

  it('puts the insertion on lines of its own at the caret', () => {
    expect(placeInsertion('', 0, 'X')).toEqual({ at: 0, text: 'X' });
    expect(placeInsertion('Hello', 5, 'X')).toEqual({ at: 5, text: '\n\nX' });
    expect(placeInsertion('Hello\n\nBye', 7, 'X')).toEqual({ at: 7, text: 'X\n' });
    expect(placeInsertion('Hi\nBye', 3, 'X')).toEqual({ at: 3, text: '\nX\n' });
    expect(placeInsertion('Hi', 99, 'X').at).toBe(2);
    expect(insertionText('link', { title: 'Reset' }, 'https://x.test/a', '')).toBe(
      'Reset: https://x.test/a'
    );
    expect(insertionText('text', { title: 'Reset' }, '', 'Body')).toBe('Reset\n\nBody');
  });
});

describe('articleReplyText', () => {
  it('writes blocks as paragraphs, lists with markers, links with their address', () => {
    const fragment = body((f) => {
      f.insert(0, [
        element('heading', [text('Resetting the VPN')], { level: 1 }),
        element('paragraph', [text('Open the '), text('portal', 'https://vpn.test/'), text('.')]),
        element('bulletList', [
          element('listItem', [element('paragraph', [text('Sign out')])]),
          element('listItem', [element('paragraph', [text('Sign in')])])
        ]),
        element('orderedList', [
          element('listItem', [element('paragraph', [text('One')])]),
          element('listItem', [element('paragraph', [text('Two')])])
        ]),
        element('codeBlock', [text('vpn --reset')]),
        element('image', [], { src: 'https://x.test/a.png', alt: 'The screen' })
      ]);
    });
    expect(articleReplyText(fragment)).toBe(
      [
        'Resetting the VPN',
        'Open the portal (https://vpn.test/).',
        '- Sign out\n- Sign in',
        '1. One\n2. Two',
        'vpn --reset',
        '[The screen]'
      ].join('\n\n')
    );
  });

  it('is empty for an empty body', () => {
    expect(articleReplyText(body(() => {}))).toBe('');
  });
});

describe('insertArticle and the ticket check', () => {
  it('puts the text at the caret and logs article-inserted, which the server accepts', () => {
    const { doc, fields, actor } = makeTicketDoc({});
    ticketParts(doc).draft.insert(0, 'Hello,\n\nThanks');
    const live = copyOf(doc);
    const update = updateFrom(live, (client) =>
      insertArticle(
        client,
        { articleId: 'article-0001', mode: 'link', text: 'VPN: https://x.test/a', caret: 8 },
        actor,
        1000
      )
    );
    const scratch = copyOf(live);
    expect(applyChecked(scratch, { kind: 'ticket', ticketId: fields.id }, update)).toMatchObject({
      ok: true,
      changed: true
    });
    expect(authorshipProblem(live, scratch, actor.id)).toBeNull();
    expect(ticketParts(scratch).draft.toString()).toBe('Hello,\n\nVPN: https://x.test/a\nThanks');
    expect(readActivity(scratch).at(-1)).toMatchObject({
      kind: 'article-inserted',
      actorId: actor.id,
      from: 'article-0001',
      to: 'link'
    });
  });

  it('refuses garbage article-inserted entries, and entries signed by someone else', () => {
    const { doc, fields, actor } = makeTicketDoc({});
    const live = copyOf(doc);
    const ref = { kind: 'ticket' as const, ticketId: fields.id };
    const verdict = (entry: Record<string, unknown>): UpdateVerdict =>
      applyChecked(
        copyOf(live),
        ref,
        updateFrom(live, (client) => ticketParts(client).activity.push([entry as never]))
      );
    const base = { at: 1000, actorId: actor.id, kind: 'article-inserted' };
    for (const bad of [
      { ...base, to: 'link' },
      { ...base, from: 42, to: 'link' },
      { ...base, from: 'not an id!', to: 'link' },
      { ...base, from: 'article-0001', to: 'pdf' },
      { ...base, from: 'article-0001' },
      { ...base, from: 'article-0001', to: 'link', extra: true }
    ]) {
      expect(verdict(bad), JSON.stringify(bad)).toMatchObject({ ok: false, reason: 'schema' });
    }
    // Deleting one is refused too: the activity is append-only.
    const withOne = copyOf(live);
    insertArticle(
      withOne,
      { articleId: 'article-0001', mode: 'text', text: 'T', caret: 0 },
      actor,
      1000
    );
    const removal = updateFrom(withOne, (client) => {
      const activity = ticketParts(client).activity;
      activity.delete(activity.length - 1, 1);
    });
    expect(applyChecked(copyOf(withOne), ref, removal)).toMatchObject({
      ok: false,
      reason: 'append-only'
    });
    // Someone else's name on it: the authorship rule refuses it.
    const other = makeActor();
    const forged = copyOf(live);
    Y.applyUpdate(
      forged,
      updateFrom(live, (client) =>
        insertArticle(
          client,
          { articleId: 'article-0001', mode: 'link', text: 'L', caret: 0 },
          other,
          1000
        )
      )
    );
    expect(authorshipProblem(live, forged, actor.id)).toMatch(/records the member/);
  });
});
