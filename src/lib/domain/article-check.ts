/**
 * The rules of an article document that are not shapes of single items, checked on the scratch
 * copy after `update-check.ts` let the update's items through (each body item was already held
 * against `rich-text.ts`): the fields parse as a whole and name this article, an article stays
 * in its workspace, tags are a set of valid tags, versions are append-only and valid.
 */
import * as Y from 'yjs';
import type { z } from 'zod';
import { ArticleFields, MAX_ARTICLE_TAGS } from './article';
import { ArticleVersion, MAX_VERSIONS } from './article-versions';
import { Tag } from './schema';

export type ArticleProblem = {
  reason: 'schema' | 'id-mismatch' | 'server-owned' | 'append-only' | 'not-a-ticket' | 'too-large';
  detail: string;
};

export interface ArticleChanges {
  /** Keys written in the fields map, `null` when it was not touched. */
  fieldKeys: Set<string> | null;
  tagKeys: Set<string> | null;
  versions: { added: unknown[]; deleted: boolean } | null;
  /** The workspace before the update (`undefined`: the article did not exist). */
  workspaceBefore: unknown;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'value'}: ${issue.message}` : 'invalid';
}

export function articleProblem(
  doc: Y.Doc,
  articleId: string,
  changes: ArticleChanges
): ArticleProblem | null {
  const fieldsMap = doc.getMap('article');
  let any = false;
  for (const item of fieldsMap._map.values()) if (!item.deleted) any = true;
  if (!any) {
    return { reason: 'not-a-ticket', detail: 'An article must be created with its fields first.' };
  }
  if (changes.fieldKeys !== null || changes.workspaceBefore === undefined) {
    for (const key of changes.fieldKeys ?? []) {
      if (!Object.hasOwn(ArticleFields.shape, key)) {
        return { reason: 'schema', detail: `Articles have no field "${key.slice(0, 50)}".` };
      }
    }
    const fields = ArticleFields.safeParse(fieldsMap.toJSON());
    if (!fields.success) {
      return { reason: 'schema', detail: `Article fields: ${firstIssue(fields.error)}` };
    }
    if (fields.data.id !== articleId) {
      return { reason: 'id-mismatch', detail: 'The article id does not match the document.' };
    }
    if (
      changes.workspaceBefore !== undefined &&
      changes.workspaceBefore !== fields.data.workspaceId
    ) {
      return { reason: 'server-owned', detail: 'An article cannot move to another workspace.' };
    }
  }
  if (changes.tagKeys !== null) {
    const tags = doc.getMap('tags');
    for (const key of changes.tagKeys) {
      if (!tags.has(key)) continue;
      if (tags.get(key) !== true || !Tag.safeParse(key).success || key !== key.toLowerCase()) {
        return { reason: 'schema', detail: `Invalid tag "${key.slice(0, 50)}".` };
      }
    }
    if (tags.size > MAX_ARTICLE_TAGS) {
      return { reason: 'schema', detail: `An article has at most ${MAX_ARTICLE_TAGS} tags.` };
    }
  }
  if (changes.versions !== null) {
    if (changes.versions.deleted) {
      return { reason: 'append-only', detail: 'The version history is append-only.' };
    }
    for (const value of changes.versions.added) {
      const parsed = ArticleVersion.safeParse(value);
      if (!parsed.success) {
        return { reason: 'schema', detail: `versions entry: ${firstIssue(parsed.error)}` };
      }
    }
    if (doc.getArray('versions').length > MAX_VERSIONS) {
      return { reason: 'too-large', detail: `An article keeps at most ${MAX_VERSIONS} versions.` };
    }
  }
  return null;
}
