import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyChecked } from './update-check';
import { createArticle, setArticleStatus } from './article';
import {
  VersionError,
  autoVersion,
  changedSinceLastVersion,
  listVersions,
  restoreVersion,
  saveVersion,
  versionView
} from './article-versions';
import { T0, WORKSPACE_ID, makeActor } from './testing/factories';

const ARTICLE_ID = 'article-version-01';
const maya = makeActor({ id: 'member-maya-01', name: 'Maya' });
const joy = makeActor({ id: 'member-joy-0001', name: 'Joy' });

function makeArticle(): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  createArticle(
    doc,
    { id: ARTICLE_ID, workspaceId: WORKSPACE_ID, title: 'VPN', language: 'en' },
    maya,
    T0
  );
  return doc;
}

function copyOf(source: Y.Doc): Y.Doc {
  const copy = new Y.Doc({ gc: false });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(source));
  return copy;
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function addParagraph(doc: Y.Doc, text: string, at = doc.getXmlFragment('body').length): void {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment('body').insert(at, [p]);
}

function leaf(doc: Y.Doc, index: number): Y.XmlText {
  return (doc.getXmlFragment('body').get(index) as Y.XmlElement).get(0) as Y.XmlText;
}

function paragraphs(doc: Y.Doc): string[] {
  return doc
    .getXmlFragment('body')
    .toArray()
    .map((node) => ((node as Y.XmlElement).get(0) as Y.XmlText | undefined)?.toString() ?? '');
}

describe('article versions', () => {
  it('saves named and automatic versions, an automatic one only after a pause and a change', () => {
    const doc = makeArticle();
    addParagraph(doc, 'Install the client.');
    expect(autoVersion(doc, T0, 30_000, maya, T0 + 10_000)).toBeNull(); // no pause yet
    const auto = autoVersion(doc, T0, 30_000, maya, T0 + 31_000);
    expect(auto?.kind).toBe('auto');
    expect(autoVersion(doc, T0, 30_000, maya, T0 + 90_000)).toBeNull(); // nothing changed
    leaf(doc, 0).insert(0, 'First, ');
    expect(changedSinceLastVersion(doc)).toBe(true);
    const named = saveVersion(doc, 'named', 'Reviewed', joy, T0 + 100_000);
    expect(listVersions(doc).map((v) => [v.kind, v.name, v.by])).toEqual([
      ['auto', null, maya.id],
      ['named', 'Reviewed', joy.id]
    ]);
    expect(named.snapshot.length).toBeLessThan(200);
  });

  it('shows what was added and removed since the previous version', () => {
    const doc = makeArticle();
    addParagraph(doc, 'Install the client.');
    addParagraph(doc, 'Old step.');
    saveVersion(doc, 'named', 'One', maya, T0);
    leaf(doc, 0).insert(8, 'VPN ');
    doc.getXmlFragment('body').delete(1, 1);
    addParagraph(doc, 'New step.');
    const two = saveVersion(doc, 'named', 'Two', maya, T0 + 1);
    const first = versionView(doc, listVersions(doc)[0]?.id ?? '');
    expect(first.blocks.flatMap((b) => b.runs).every((r) => r.change === 'added')).toBe(true);
    const view = versionView(doc, two.id);
    expect(view.previous?.name).toBe('One');
    const runs = view.blocks.flatMap((b) => b.runs);
    expect(runs.filter((r) => r.change === 'added').map((r) => r.text)).toEqual([
      'VPN ',
      'New step.'
    ]);
    expect(runs.filter((r) => r.change === 'removed').map((r) => r.text)).toEqual(['Old step.']);
    expect(
      runs
        .filter((r) => r.change === null)
        .map((r) => r.text)
        .join('')
    ).toBe('Install the client.');
    // The document itself was not changed by looking.
    expect(paragraphs(doc)).toEqual(['Install VPN the client.', 'New step.']);
  });

  it('restores a version as a new change that keeps the current text as a version', () => {
    const doc = makeArticle();
    addParagraph(doc, 'Keep me.');
    addParagraph(doc, 'Version one.');
    const one = saveVersion(doc, 'named', 'One', maya, T0);
    leaf(doc, 1).delete(0, leaf(doc, 1).length);
    leaf(doc, 1).insert(0, 'Rewritten.');
    const restored = restoreVersion(doc, one.id, joy, T0 + 5);
    expect(paragraphs(doc)).toEqual(['Keep me.', 'Version one.']);
    const kinds = listVersions(doc).map((v) => v.kind);
    expect(kinds).toEqual(['named', 'auto', 'restore']);
    // The text it replaced is one version back.
    const before = listVersions(doc)[1];
    const view = versionView(doc, before?.id ?? '');
    expect(
      view.blocks
        .flatMap((b) => b.runs)
        .map((r) => r.text)
        .join(' ')
    ).toContain('Rewritten.');
    expect(restored.by).toBe(joy.id);
  });

  it('loses nobody’s work: a co-author’s concurrent edit in an unchanged block survives', () => {
    const a = makeArticle();
    addParagraph(a, 'Shared intro.');
    addParagraph(a, 'Draft one.');
    const one = saveVersion(a, 'named', 'One', maya, T0);
    leaf(a, 1).insert(0, 'Bad ');
    const b = copyOf(a);
    // Offline at once: Maya restores version one, Joy adds to the intro.
    restoreVersion(a, one.id, maya, T0 + 10);
    leaf(b, 0).insert(leaf(b, 0).length, ' Welcome!');
    sync(a, b);
    expect(paragraphs(a)).toEqual(paragraphs(b));
    expect(paragraphs(a)).toEqual(['Shared intro. Welcome!', 'Draft one.']);
  });

  it('writes only what the update check accepts', () => {
    const live = makeArticle();
    addParagraph(live, 'Text.');
    const client = copyOf(live);
    const sv = Y.encodeStateVector(client);
    const one = saveVersion(client, 'publish', null, maya, T0);
    setArticleStatus(client, 'published', maya, T0);
    leaf(client, 0).insert(0, 'More ');
    restoreVersion(client, one.id, maya, T0 + 1);
    const verdict = applyChecked(
      copyOf(live),
      { kind: 'article', articleId: ARTICLE_ID },
      Y.encodeStateAsUpdate(client, sv)
    );
    expect(verdict).toMatchObject({ ok: true, changed: true });
  });

  it('refuses to read or restore history on a copy that collects garbage', () => {
    const doc = makeArticle();
    const gc = new Y.Doc();
    Y.applyUpdate(gc, Y.encodeStateAsUpdate(doc));
    const version = saveVersion(gc, 'named', 'x', maya, T0);
    expect(() => versionView(gc, version.id)).toThrow(VersionError);
    expect(() => restoreVersion(gc, version.id, maya, T0)).toThrow(VersionError);
  });
});
