/**
 * A knowledge-base article: one Yjs document `kb/<article>` per article.
 *
 *   article   Y.Map: the fields (title, category, visibility, language, status, authors...),
 *             each a whole plain value
 *   tags      Y.Map: tag → true (a set that merges)
 *   body      Y.XmlFragment: the rich text, in Tiptap's collaboration layout (`rich-text.ts`)
 *   versions  Y.Array, append-only: named and automatic versions (`article-versions.ts`)
 *
 * An article belongs to the workspace it was created in (bound in the server's document
 * registry by its creating update, like a ticket). Drafts are the team's: every member of
 * the workspace reads them in the app, and only published public ones ever leave it (the help
 * centre). Who may write is `roles.ts` (owners, admins, agents; the workspace's `kb` setting
 * may restrict it to editors).
 *
 * An article's first content is made once, by `createArticle` on the creating replica, and
 * travels as Yjs state. Its documents keep deleted content (`gc: false`, see `keepsHistory` in
 * `doc-names.ts`): versions are Yjs snapshots, and a snapshot can only be shown while what was
 * deleted after it is still in the document. Articles are small and edited by a few people, so
 * the tombstones cost little; tickets and the index keep collecting garbage.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { Id, Tag, type Actor } from './schema';
import { newId } from './ids';
import { richTextPlain } from './rich-text';

export const ARTICLE_VISIBILITIES = ['internal', 'public'] as const;
export const ARTICLE_STATUSES = ['draft', 'published'] as const;
export const ARTICLE_LANGUAGES = ['en', 'fi', 'da', 'sv'] as const;

export type ArticleVisibility = (typeof ARTICLE_VISIBILITIES)[number];
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];
export type ArticleLanguage = (typeof ARTICLE_LANGUAGES)[number];

export const MAX_ARTICLE_TITLE = 200;
export const MAX_ARTICLE_TAGS = 30;
export const MAX_ARTICLE_AUTHORS = 50;

export const ArticleCategory = z.string().trim().max(80);

export const ArticleFields = z.strictObject({
  id: Id,
  workspaceId: Id,
  title: z.string().max(MAX_ARTICLE_TITLE),
  /** A category's name, '' for none; categories are the names articles use. */
  category: ArticleCategory,
  visibility: z.enum(ARTICLE_VISIBILITIES),
  language: z.enum(ARTICLE_LANGUAGES),
  status: z.enum(ARTICLE_STATUSES),
  /** Members who wrote in it, in the order they first did. */
  authors: z.array(Id).max(MAX_ARTICLE_AUTHORS),
  createdBy: Id,
  createdAt: z.int().min(0),
  updatedAt: z.int().min(0),
  publishedAt: z.int().min(0).nullable()
});
export type ArticleFields = z.infer<typeof ArticleFields>;

export const ARTICLE_ROOTS = {
  article: 'map',
  tags: 'map',
  body: 'xml',
  versions: 'array'
} as const;

export interface ArticleParts {
  fields: Y.Map<unknown>;
  tags: Y.Map<true>;
  body: Y.XmlFragment;
  versions: Y.Array<unknown>;
}

export function articleParts(doc: Y.Doc): ArticleParts {
  return {
    fields: doc.getMap('article'),
    tags: doc.getMap<true>('tags'),
    body: doc.getXmlFragment('body'),
    versions: doc.getArray('versions')
  };
}

export class ArticleError extends Error {
  constructor(
    readonly code: 'already-created' | 'invalid-input' | 'not-an-article',
    message: string
  ) {
    super(message);
  }
}

export interface NewArticle {
  id?: string;
  workspaceId: string;
  title: string;
  category?: string;
  language: ArticleLanguage;
  visibility?: ArticleVisibility;
}

/** Makes the article's first content, once, in one transaction. */
export function createArticle(
  doc: Y.Doc,
  input: NewArticle,
  actor: Actor,
  now: number
): ArticleFields {
  const parts = articleParts(doc);
  if (parts.fields.size > 0) {
    throw new ArticleError('already-created', 'This article document already has content.');
  }
  const fields: ArticleFields = {
    id: input.id ?? newId(),
    workspaceId: input.workspaceId,
    title: input.title.trim(),
    category: (input.category ?? '').trim(),
    visibility: input.visibility ?? 'internal',
    language: input.language,
    status: 'draft',
    authors: [actor.id],
    createdBy: actor.id,
    createdAt: now,
    updatedAt: now,
    publishedAt: null
  };
  const checked = ArticleFields.safeParse(fields);
  if (!checked.success) {
    throw new ArticleError('invalid-input', checked.error.issues[0]?.message ?? 'Invalid article.');
  }
  doc.transact(() => {
    for (const [key, value] of Object.entries(checked.data)) parts.fields.set(key, value);
  });
  return checked.data;
}

/** The fields, or `null` when the document is not a (valid) article. */
export function readArticleFields(doc: Y.Doc): ArticleFields | null {
  const parsed = ArticleFields.safeParse(doc.getMap('article').toJSON());
  return parsed.success ? parsed.data : null;
}

export function readArticleTags(doc: Y.Doc): string[] {
  return [...doc.getMap('tags').keys()].sort();
}

/** What a member may change in an article's fields (the rest is kept by these functions). */
export type ArticleEdit = Partial<
  Pick<ArticleFields, 'title' | 'category' | 'visibility' | 'language'>
>;

/** Marks the actor as an author and the article as updated; call inside the edit's transaction. */
function touched(parts: ArticleParts, fields: ArticleFields, actor: Actor, now: number): void {
  if (!fields.authors.includes(actor.id) && fields.authors.length < MAX_ARTICLE_AUTHORS) {
    parts.fields.set('authors', [...fields.authors, actor.id]);
  }
  parts.fields.set('updatedAt', Math.max(now, fields.updatedAt));
}

function existing(doc: Y.Doc): ArticleFields {
  const fields = readArticleFields(doc);
  if (!fields) throw new ArticleError('not-an-article', 'This document is not an article.');
  return fields;
}

/** Changes fields; each is checked first, so the server never refuses what this writes. */
export function editArticle(doc: Y.Doc, edit: ArticleEdit, actor: Actor, now: number): void {
  const fields = existing(doc);
  const next = ArticleFields.safeParse({
    ...fields,
    ...edit,
    ...(edit.title !== undefined ? { title: edit.title.trim() } : {}),
    ...(edit.category !== undefined ? { category: edit.category.trim() } : {})
  });
  if (!next.success) {
    throw new ArticleError('invalid-input', next.error.issues[0]?.message ?? 'Invalid article.');
  }
  const parts = articleParts(doc);
  doc.transact(() => {
    for (const key of ['title', 'category', 'visibility', 'language'] as const) {
      if (next.data[key] !== fields[key]) parts.fields.set(key, next.data[key]);
    }
    touched(parts, fields, actor, now);
  });
}

/** Records that the actor wrote in the body (author list, updatedAt) — at most once a minute. */
export function noteBodyEdit(doc: Y.Doc, actor: Actor, now: number): void {
  const fields = readArticleFields(doc);
  if (!fields) return;
  if (fields.authors.includes(actor.id) && now - fields.updatedAt < 60_000) return;
  doc.transact(() => touched(articleParts(doc), fields, actor, now));
}

export function setArticleStatus(
  doc: Y.Doc,
  status: ArticleStatus,
  actor: Actor,
  now: number
): void {
  const fields = existing(doc);
  if (fields.status === status) return;
  const parts = articleParts(doc);
  doc.transact(() => {
    parts.fields.set('status', status);
    if (status === 'published') parts.fields.set('publishedAt', now);
    touched(parts, fields, actor, now);
  });
}

export function validArticleTag(tag: string): string {
  const parsed = Tag.safeParse(tag);
  if (!parsed.success) throw new ArticleError('invalid-input', 'Invalid tag.');
  return parsed.data.toLowerCase();
}

export function addArticleTag(doc: Y.Doc, tag: string, actor: Actor, now: number): void {
  const fields = existing(doc);
  const name = validArticleTag(tag);
  const parts = articleParts(doc);
  if (parts.tags.has(name)) return;
  if (parts.tags.size >= MAX_ARTICLE_TAGS) {
    throw new ArticleError('invalid-input', `An article has at most ${MAX_ARTICLE_TAGS} tags.`);
  }
  doc.transact(() => {
    parts.tags.set(name, true);
    touched(parts, fields, actor, now);
  });
}

export function removeArticleTag(doc: Y.Doc, tag: string, actor: Actor, now: number): void {
  const fields = existing(doc);
  const parts = articleParts(doc);
  if (!parts.tags.has(tag)) return;
  doc.transact(() => {
    parts.tags.delete(tag);
    touched(parts, fields, actor, now);
  });
}

/** The body as plain text. */
export function articleBodyText(doc: Y.Doc): string {
  return richTextPlain(doc.getXmlFragment('body'));
}

/**
 * Everything about an article that search indexes, as plain data: a pure function of the
 * document (`null` when it is not an article).
 */
export interface ArticleText {
  id: string;
  workspaceId: string;
  title: string;
  body: string;
  category: string;
  tags: string[];
  language: ArticleLanguage;
  status: ArticleStatus;
  visibility: ArticleVisibility;
  updatedAt: number;
}

export function articleText(doc: Y.Doc): ArticleText | null {
  const fields = readArticleFields(doc);
  if (!fields) return null;
  return {
    id: fields.id,
    workspaceId: fields.workspaceId,
    title: fields.title,
    body: articleBodyText(doc),
    category: fields.category,
    tags: readArticleTags(doc),
    language: fields.language,
    status: fields.status,
    visibility: fields.visibility,
    updatedAt: fields.updatedAt
  };
}

/**
 * An article's line in the workspace index (`articles` root): what the article list shows,
 * filters and sorts by without opening every article. Written by whoever edits the article.
 */
export const ArticleSummary = z.strictObject({
  id: Id,
  title: z.string().max(MAX_ARTICLE_TITLE),
  category: ArticleCategory,
  visibility: z.enum(ARTICLE_VISIBILITIES),
  language: z.enum(ARTICLE_LANGUAGES),
  status: z.enum(ARTICLE_STATUSES),
  tags: z.array(Tag).max(MAX_ARTICLE_TAGS),
  /** The first words of the body. */
  excerpt: z.string().max(300),
  authors: z.array(Id).max(MAX_ARTICLE_AUTHORS),
  updatedAt: z.int().min(0),
  publishedAt: z.int().min(0).nullable()
});
export type ArticleSummary = z.infer<typeof ArticleSummary>;

export function articleSummary(doc: Y.Doc): ArticleSummary | null {
  const fields = readArticleFields(doc);
  if (!fields) return null;
  const body = articleBodyText(doc).replace(/\s+/g, ' ').trim();
  return {
    id: fields.id,
    title: fields.title,
    category: fields.category,
    visibility: fields.visibility,
    language: fields.language,
    status: fields.status,
    tags: readArticleTags(doc),
    excerpt: body.length > 280 ? `${body.slice(0, 279)}…` : body,
    authors: fields.authors,
    updatedAt: fields.updatedAt,
    publishedAt: fields.publishedAt
  };
}
