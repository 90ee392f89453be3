/**
 * Version history of an article: named and automatic versions as Yjs snapshots.
 *
 * A version is an entry appended to the article's `versions` array: who, when, why (named by a
 * member, automatic after a pause in editing, on publishing, after a restore) and a Yjs
 * snapshot (state vector + delete set) of the whole document at that moment. A snapshot is a
 * few dozen bytes, not a copy: the document itself keeps every deleted item (`gc: false`), so
 * the body as it was at any snapshot can be rebuilt (`Y.createDocFromSnapshot`), and Yjs can
 * tell which characters were added or removed between two snapshots (`versionView`).
 *
 * Restoring is a new change, never a rewind: the current body is first kept as a version of
 * its own (so it is one click away), then the body's top-level blocks are compared with the
 * version's, and only the blocks that differ are removed and re-inserted as copies. A block
 * that is the same in both is left alone, so a co-author's edit inside it, made at the same
 * time or offline and merged later, is not lost; an edit inside a block the restore replaced
 * lives on in the version taken before the restore.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { Id, type Actor } from './schema';
import { newId } from './ids';
import { MAX_ARTICLE_AUTHORS, articleParts, readArticleFields } from './article';
import { versionBlocks, type VersionBlock } from './rich-text';

export const VERSION_KINDS = ['named', 'auto', 'publish', 'restore'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

/** A snapshot's bytes, base64: state vector + delete set, a few KB even for long histories. */
export const MAX_SNAPSHOT_CHARS = 200_000;
export const MAX_VERSIONS = 1_000;
export const MAX_VERSION_NAME = 100;

export const ArticleVersion = z.strictObject({
  id: Id,
  kind: z.enum(VERSION_KINDS),
  name: z.string().trim().min(1).max(MAX_VERSION_NAME).nullable(),
  at: z.int().min(0),
  by: Id,
  /** A digest of the body at that moment, so that an unchanged body is not versioned again. */
  digest: z.string().max(16),
  snapshot: z
    .string()
    .max(MAX_SNAPSHOT_CHARS)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'a snapshot is base64')
    .refine(decodesAsSnapshot, 'not a Yjs snapshot')
});
export type ArticleVersion = z.infer<typeof ArticleVersion>;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function decodesAsSnapshot(text: string): boolean {
  try {
    Y.decodeSnapshot(fromBase64(text));
    return true;
  } catch {
    return false;
  }
}

/** FNV-1a of the body's XML form: cheap, and enough to tell "changed since" apart. */
export function bodyDigest(doc: Y.Doc): string {
  const text = doc.getXmlFragment('body').toString();
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${hash.toString(16)}-${text.length.toString(36)}`.slice(0, 16);
}

/** The versions, oldest first; entries that do not parse are left out. */
export function listVersions(doc: Y.Doc): ArticleVersion[] {
  const out: ArticleVersion[] = [];
  for (const value of doc.getArray('versions').toArray()) {
    const parsed = ArticleVersion.safeParse(value);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

export class VersionError extends Error {
  constructor(
    readonly code: 'not-found' | 'invalid-input' | 'full' | 'no-history',
    message: string
  ) {
    super(message);
  }
}

/** Appends a version of the article as it is now. */
export function saveVersion(
  doc: Y.Doc,
  kind: VersionKind,
  name: string | null,
  actor: Actor,
  now: number
): ArticleVersion {
  if (!readArticleFields(doc)) throw new VersionError('invalid-input', 'Not an article.');
  const versions = doc.getArray('versions');
  if (versions.length >= MAX_VERSIONS) {
    throw new VersionError('full', `An article keeps at most ${MAX_VERSIONS} versions.`);
  }
  const entry = ArticleVersion.safeParse({
    id: newId(),
    kind,
    name: name === null ? null : name.trim(),
    at: now,
    by: actor.id,
    digest: bodyDigest(doc),
    snapshot: toBase64(Y.encodeSnapshot(Y.snapshot(doc)))
  });
  if (!entry.success) {
    throw new VersionError('invalid-input', entry.error.issues[0]?.message ?? 'Invalid version.');
  }
  versions.push([entry.data]);
  return entry.data;
}

/** Whether the body differs from the latest version (an automatic version is then due). */
export function changedSinceLastVersion(doc: Y.Doc): boolean {
  const last = listVersions(doc).at(-1);
  const digest = bodyDigest(doc);
  if (!last) return doc.getXmlFragment('body').length > 0;
  return last.digest !== digest;
}

/**
 * An automatic version after a pause: saved when the body changed since the last version and
 * nobody on this replica typed for `pauseMs`. Returns the version saved, if one was.
 */
export function autoVersion(
  doc: Y.Doc,
  lastEditAt: number,
  pauseMs: number,
  actor: Actor,
  now: number
): ArticleVersion | null {
  if (now - lastEditAt < pauseMs || !changedSinceLastVersion(doc)) return null;
  return saveVersion(doc, 'auto', null, actor, now);
}

/** A copy that keeps deleted content, so that snapshots can be read without touching `doc`. */
function historyCopy(doc: Y.Doc): Y.Doc {
  if (doc.gc) {
    throw new VersionError('no-history', 'This copy of the article does not keep its history.');
  }
  const copy = new Y.Doc({ gc: false });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

export interface VersionView {
  version: ArticleVersion;
  previous: ArticleVersion | null;
  blocks: VersionBlock[];
}

/**
 * A version's body with what was added and removed since the version before it marked (for the
 * first version, everything is added).
 */
export function versionView(doc: Y.Doc, versionId: string): VersionView {
  const versions = listVersions(doc);
  const index = versions.findIndex((v) => v.id === versionId);
  const version = versions[index];
  if (!version) throw new VersionError('not-found', 'No such version.');
  const previous = index > 0 ? (versions[index - 1] ?? null) : null;
  const copy = historyCopy(doc);
  try {
    const snapshot = Y.decodeSnapshot(fromBase64(version.snapshot));
    // The first version is compared with the empty article: all of it was added.
    const before = previous ? Y.decodeSnapshot(fromBase64(previous.snapshot)) : Y.emptySnapshot;
    const blocks = versionBlocks(copy.getXmlFragment('body'), snapshot, before);
    return { version, previous, blocks };
  } finally {
    copy.destroy();
  }
}

type BodyNode = Y.XmlElement | Y.XmlText;

function nodeKey(node: BodyNode | Y.XmlHook): string {
  return node.toString();
}

/** Pairs of equal blocks (indices into `a` and `b`), the longest common subsequence. */
function commonBlocks(a: string[], b: string[]): [number, number][] {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table = new Uint32Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * cols + j] =
        a[i] === b[j]
          ? (table[(i + 1) * cols + j + 1] ?? 0) + 1
          : Math.max(table[(i + 1) * cols + j] ?? 0, table[i * cols + j + 1] ?? 0);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if ((table[(i + 1) * cols + j] ?? 0) >= (table[i * cols + j + 1] ?? 0)) i++;
    else j++;
  }
  return pairs;
}

/**
 * Restores a version as a new change (see the header): the current body is versioned first
 * when it differs from the latest version, then only the blocks that differ are replaced, and
 * the result is versioned as a restore. Returns the restore's version.
 */
export function restoreVersion(
  doc: Y.Doc,
  versionId: string,
  actor: Actor,
  now: number
): ArticleVersion {
  const version = listVersions(doc).find((v) => v.id === versionId);
  if (!version) throw new VersionError('not-found', 'No such version.');
  if (doc.gc) {
    throw new VersionError('no-history', 'This copy of the article does not keep its history.');
  }
  const old = Y.createDocFromSnapshot(doc, Y.decodeSnapshot(fromBase64(version.snapshot)));
  try {
    const target = old.getXmlFragment('body').toArray();
    const body = articleParts(doc).body;
    let result: ArticleVersion | null = null;
    doc.transact(() => {
      if (changedSinceLastVersion(doc)) saveVersion(doc, 'auto', null, actor, now);
      const current = body.toArray();
      const pairs = commonBlocks(current.map(nodeKey), target.map(nodeKey));
      // Walk from the end so that indices before the cursor stay valid.
      let ci = current.length;
      let ti = target.length;
      for (let p = pairs.length; p >= 0; p--) {
        const [keepC, keepT] = p > 0 ? (pairs[p - 1] ?? [-1, -1]) : [-1, -1];
        const removeFrom = keepC + 1;
        if (ci > removeFrom) body.delete(removeFrom, ci - removeFrom);
        const inserts = target
          .slice(keepT + 1, ti)
          .filter((node): node is BodyNode => !(node instanceof Y.XmlHook))
          .map((node) => node.clone());
        if (inserts.length > 0) body.insert(removeFrom, inserts);
        ci = keepC;
        ti = keepT;
      }
      const fields = readArticleFields(doc);
      if (fields) {
        const parts = articleParts(doc);
        if (!fields.authors.includes(actor.id) && fields.authors.length < MAX_ARTICLE_AUTHORS) {
          parts.fields.set('authors', [...fields.authors, actor.id]);
        }
        parts.fields.set('updatedAt', Math.max(now, fields.updatedAt));
      }
      result = saveVersion(doc, 'restore', version.name, actor, now);
    });
    if (!result) throw new VersionError('invalid-input', 'The restore made no version.');
    return result;
  } finally {
    old.destroy();
  }
}
