/**
 * One article on screen: the live document (IndexedDB + the relay while the page shows it), a
 * plain projection of its fields, tags and versions for the page, and the edits a member makes.
 *
 * The `Y.Doc` stays outside reactivity; `$state.raw` holds plain snapshots refreshed from
 * `observeDeep`. Local edits (this replica's transactions) also keep the article's line in the
 * workspace index up to date, debounced, and take an automatic version after a pause in
 * editing (`article-versions.ts`): a member who typed and stopped for `pauseMs` leaves a
 * version behind, so a restore can always go back to before anyone's burst of edits.
 */
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { WorkspaceSession } from './workspace-session.svelte';
import type { DocHandle } from '$lib/sync/doc-pool';
import { articleDocName } from '$lib/domain/doc-names';
import { newId } from '$lib/domain/ids';
import {
  addArticleTag,
  articleSummary,
  createArticle,
  editArticle,
  noteBodyEdit,
  readArticleFields,
  readArticleTags,
  removeArticleTag,
  setArticleStatus,
  type ArticleEdit,
  type ArticleFields,
  type ArticleLanguage
} from '$lib/domain/article';
import {
  autoVersion,
  listVersions,
  restoreVersion,
  saveVersion,
  versionView,
  type ArticleVersion,
  type VersionView
} from '$lib/domain/article-versions';
import { putArticleSummary } from '$lib/domain/article-list';
import { mayEditArticles } from '$lib/domain/roles';
import { readKbSettings } from '$lib/domain/settings';

/** A pause in one's own editing after which an automatic version is taken. */
export const AUTO_VERSION_PAUSE_MS = 30_000;
const SUMMARY_DELAY_MS = 800;

/** Creates an article (works offline) and returns its id. */
export async function createArticleIn(
  ws: WorkspaceSession,
  input: { title: string; language: ArticleLanguage; category?: string }
): Promise<string> {
  const id = newId();
  const name = articleDocName(id);
  const handle = ws.sync.pool.acquire(name, { live: false });
  try {
    await handle.whenLoaded;
    createArticle(handle.doc, { id, workspaceId: ws.workspaceId, ...input }, ws.actor, ws.now());
    const index = ws.indexDoc;
    const summary = articleSummary(handle.doc);
    if (index && summary) putArticleSummary(index, summary);
  } finally {
    handle.release();
  }
  ws.sync.keep(name);
  return id;
}

export class ArticleSession {
  #fields = $state.raw<ArticleFields | null>(null);
  #tags = $state.raw<string[]>([]);
  #versions = $state.raw<ArticleVersion[]>([]);
  #loaded = $state(false);
  #handle = $state.raw<DocHandle | null>(null);
  #lastEditAt = 0;
  #summaryTimer: ReturnType<typeof setTimeout> | null = null;
  #versionTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly ws: WorkspaceSession,
    readonly articleId: string,
    readonly pauseMs = AUTO_VERSION_PAUSE_MS
  ) {}

  get fields(): ArticleFields | null {
    return this.#fields;
  }
  get tags(): readonly string[] {
    return this.#tags;
  }
  get versions(): readonly ArticleVersion[] {
    return this.#versions;
  }
  get loaded(): boolean {
    return this.#loaded;
  }
  get doc(): Y.Doc | null {
    return this.#handle?.doc ?? null;
  }
  get awareness(): Awareness | null {
    return this.#handle?.awareness ?? null;
  }

  /** Whether this member may write the article now (role and the workspace's kb setting). */
  get mayEdit(): boolean {
    const settings = this.ws.settingsDoc;
    const kb = settings ? readKbSettings(settings) : { whoEdits: 'agents' as const, editors: [] };
    return mayEditArticles(this.ws.role, this.ws.actor.id, kb);
  }

  /** Opens the document live; returns the cleanup for `$effect`. */
  open(): () => void {
    const handle = this.ws.sync.pool.acquire(articleDocName(this.articleId), { live: true });
    this.#handle = handle;
    const doc = handle.doc;
    const refresh = () => {
      this.#fields = readArticleFields(doc);
      this.#tags = readArticleTags(doc);
      this.#versions = listVersions(doc);
    };
    const onFields = () => refresh();
    const parts = [doc.getMap('article'), doc.getMap('tags'), doc.getArray('versions')];
    for (const part of parts) part.observeDeep(onFields);
    const onTransaction = (tr: Y.Transaction) => {
      if (!tr.local || tr.origin === 'kb-bookkeeping') return;
      if (!this.mayEdit) return;
      const bodyChanged = [...tr.changedParentTypes.keys()].some(
        (type) => type.doc === doc && rootOf(type) === doc.getXmlFragment('body')
      );
      if (bodyChanged) this.#bodyEdited();
      this.#scheduleSummary();
    };
    doc.on('afterTransaction', onTransaction);
    let stopped = false;
    void handle.whenLoaded.then(() => {
      if (stopped) return;
      refresh();
      this.#loaded = true;
    });
    this.ws.sync.keep(articleDocName(this.articleId));
    return () => {
      stopped = true;
      for (const part of parts) part.unobserveDeep(onFields);
      doc.off('afterTransaction', onTransaction);
      this.#flushTimers();
      handle.release();
      if (this.#handle === handle) this.#handle = null;
    };
  }

  #bodyEdited(): void {
    const doc = this.doc;
    if (!doc) return;
    this.#lastEditAt = this.ws.now();
    doc.transact(() => noteBodyEdit(doc, this.ws.actor, this.ws.now()), 'kb-bookkeeping');
    if (this.#versionTimer) clearTimeout(this.#versionTimer);
    this.#versionTimer = setTimeout(() => this.#autoVersion(), this.pauseMs);
  }

  #autoVersion(): void {
    this.#versionTimer = null;
    const doc = this.doc;
    if (!doc || !this.mayEdit) return;
    try {
      doc.transact(
        () => autoVersion(doc, this.#lastEditAt, this.pauseMs, this.ws.actor, this.ws.now()),
        'kb-bookkeeping'
      );
      this.#writeSummary();
    } catch (error) {
      this.ws.handleError(error);
    }
  }

  #scheduleSummary(): void {
    if (this.#summaryTimer) return;
    this.#summaryTimer = setTimeout(() => {
      this.#summaryTimer = null;
      this.#writeSummary();
    }, SUMMARY_DELAY_MS);
  }

  #writeSummary(): void {
    const doc = this.doc;
    const index = this.ws.indexDoc;
    if (!doc || !index) return;
    const summary = articleSummary(doc);
    if (summary) putArticleSummary(index, summary);
  }

  #flushTimers(): void {
    if (this.#summaryTimer) {
      clearTimeout(this.#summaryTimer);
      this.#summaryTimer = null;
      this.#writeSummary();
    }
    if (this.#versionTimer) {
      clearTimeout(this.#versionTimer);
      this.#versionTimer = null;
      this.#autoVersion();
    }
  }

  #withDoc(action: (doc: Y.Doc) => void, failure: string): boolean {
    const doc = this.doc;
    if (!doc) return false;
    try {
      action(doc);
      return true;
    } catch (error) {
      this.ws.handleError(error, failure);
      return false;
    }
  }

  edit(edit: ArticleEdit, failure: string): boolean {
    return this.#withDoc((doc) => editArticle(doc, edit, this.ws.actor, this.ws.now()), failure);
  }

  addTag(tag: string, failure: string): boolean {
    return this.#withDoc((doc) => addArticleTag(doc, tag, this.ws.actor, this.ws.now()), failure);
  }

  removeTag(tag: string, failure: string): boolean {
    return this.#withDoc(
      (doc) => removeArticleTag(doc, tag, this.ws.actor, this.ws.now()),
      failure
    );
  }

  /** Publishes (a version is taken with it) or takes the article back to draft. */
  setStatus(status: 'draft' | 'published', failure: string): boolean {
    return this.#withDoc((doc) => {
      doc.transact(() => {
        setArticleStatus(doc, status, this.ws.actor, this.ws.now());
        if (status === 'published') saveVersion(doc, 'publish', null, this.ws.actor, this.ws.now());
      });
      this.#writeSummary();
    }, failure);
  }

  saveNamedVersion(name: string, failure: string): boolean {
    return this.#withDoc(
      (doc) => saveVersion(doc, 'named', name, this.ws.actor, this.ws.now()),
      failure
    );
  }

  restore(versionId: string, failure: string): boolean {
    return this.#withDoc((doc) => {
      restoreVersion(doc, versionId, this.ws.actor, this.ws.now());
      this.#writeSummary();
    }, failure);
  }

  view(versionId: string): VersionView | null {
    const doc = this.doc;
    if (!doc) return null;
    try {
      return versionView(doc, versionId);
    } catch (error) {
      this.ws.handleError(error);
      return null;
    }
  }

  reset(): void {
    this.#fields = null;
    this.#tags = [];
    this.#versions = [];
    this.#loaded = false;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function rootOf(type: Y.AbstractType<any>): Y.AbstractType<any> {
  let current = type;
  while (current._item !== null) {
    const parent = current._item.parent;
    if (parent === null || typeof parent === 'string' || !('_item' in parent)) break;
    current = parent;
  }
  return current;
}
