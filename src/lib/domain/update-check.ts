/**
 * Checking a Yjs update from a writer before it is applied for real or stored.
 *
 * Yjs itself cannot enforce a schema: any client can send any update. So every update from
 * outside goes through `applyChecked` on a *scratch* copy of the document first, in one pass
 * over the update (the relay pays for this on every keystroke, so nothing is decoded twice):
 *
 *   1. apply it to the scratch copy with a strict struct decoder: each struct's info byte is
 *      looked at as Yjs reads it, and only plain content is let through — JSON values
 *      (`ContentAny`), text (`ContentString`), deletions and GC — before anything integrates.
 *      Nested types, embeds, formats, JSON strings, binary and sub-documents are refused,
 *      which keeps every document flat and every value checkable with a zod schema. A decoder
 *      that did not end exactly at the update's last byte means damage, and so does a struct
 *      Yjs' reader would skip but `Y.decodeUpdate` refuses (a "skip" with stray flag bits):
 *      such an update would be stored, and the document would then fail to load;
 *   2. when the transaction ends, and before Yjs garbage-collects what it deleted, walk
 *      exactly the structs it added (its `beforeState`→`afterState` clocks per client, in the
 *      scratch copy's struct store; see `added-content.ts`) and check each new item against the
 *      root it landed in: map roots hold one JSON value per key, arrays hold JSON values, texts
 *      hold strings only; a key (`parentSub`) on an array or a text is refused, and keys are at
 *      most 200 characters. The same walk measures what the update adds and deletes, which
 *      keeps a running size per scratch copy (measured whole once per copy, then incremental);
 *   3. refuse updates whose dependencies are missing (they would sit pending forever), roots
 *      that the document kind does not have, and documents grown past their caps (entries in
 *      the thread and the activity, bytes per document);
 *   4. validate exactly what changed with the domain's zod schemas, plus the rules that are
 *      not shapes: append-only logs, server-owned fields, ids that match the document name.
 *
 * A rejected update leaves the scratch copy dirty: the caller throws it away and makes a new
 * one from the live document. An accepted one is then applied to the live document as is.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import type { DocRef } from './doc-names';
import {
  contentBytes,
  countAddition,
  forEachAddedItem,
  nothingAdded,
  type AddedContent
} from './added-content';
import { INDEX_ROOTS } from './workspace-index';
import { TICKET_ROOTS } from './ticket';
import { MERGE_ROOTS, mergeActivityProblem, mergeUpdateProblem } from './merge-records';
import { CLAIMS_ROOT, claimProblem, claimWrites } from './next-ticket';
import { ROUTING_TURN_ID, SETTINGS_ROOTS, SETTINGS_SCHEMAS } from './settings';
import { MacroRecord, macroFieldsProblem, macroProblem } from './macro';
import { PERSONAL_ROOT, PersonalRecord, personalRecordProblem } from './saved-view';
import { automationFieldsProblem, automationProblem } from './automation';
import { AutomationRuleRecord } from './automation-record';
import { ARTICLE_ROOTS, ArticleSummary } from './article';
import { MAX_PRIVATE_DRAFT, PRIVATE_DRAFT_ROOTS, draftMetaProblem } from './private-draft';
import { articleProblem } from './article-check';
import { richTextItemProblem } from './rich-text';
import {
  CUSTOM_FIELDS_ROOT,
  FIELDS_SETTINGS_ROOT,
  customFieldValuesProblem,
  fieldDefinitionChangeProblem,
  fieldDefinitionsBefore,
  readCustomFields,
  type CustomFields
} from './custom-fields';
import { threadMentionProblem } from './mentions';
import {
  SIDE_CONVERSATIONS_ROOT,
  SIDE_MESSAGES_ROOT,
  sideUpdateProblem
} from './side-conversation';
import {
  ActivityEntry,
  CustomerSummary,
  DeliveryState,
  HandoverMeta,
  Id,
  MemberProfile,
  Tag,
  ThreadEntry,
  TicketFields,
  TicketSummary
} from './schema';
import { z } from 'zod';

export type RejectReason =
  | 'undecodable'
  | 'unsupported-content'
  | 'missing-dependencies'
  | 'unknown-root'
  | 'wrong-root-type'
  | 'schema'
  | 'append-only'
  | 'server-owned'
  | 'id-mismatch'
  | 'not-a-ticket'
  | 'too-large'
  | 'unsupported-document';

type Rejection = { ok: false; reason: RejectReason; detail: string };

/** An accepted update that changed something says what it added (the write guard reads it). */
export type UpdateVerdict =
  { ok: true; changed: false } | { ok: true; changed: true; added: AddedContent } | Rejection;

/** What each kind's rules answer about a change. */
type Finding = { ok: true } | Rejection;
const PASSED: Finding = { ok: true };

/** `xml`: an article's rich-text body, the one root that holds nested types (`rich-text.ts`). */
type RootType = 'map' | 'array' | 'text' | 'xml';

const MAX_TEXT = { draft: 100_000, handover: 20_000 } as const;

/**
 * Caps per document. A long email conversation has a few hundred messages, each logged once in
 * the activity with a few field changes around it; 5,000 messages and 20,000 activity entries
 * are far past any real ticket and still open in well under a second. Bytes: a ticket holds
 * at most 5,000 messages, but a few hundred full-size ones (100,000 characters) already make
 * 20 MB, which takes about a second to open on a phone; the index holds 10,000 summaries plus
 * customers and members (a few MB), so 64 MB leaves it room; settings are small records.
 */
export const DOC_CAPS = {
  threadEntries: 5_000,
  activityEntries: 20_000,
  bytes: {
    ticket: 20 * 1024 * 1024,
    index: 64 * 1024 * 1024,
    settings: 4 * 1024 * 1024,
    // An article is a page of help with a few images (linked, not embedded) and its history.
    article: 4 * 1024 * 1024,
    // A private draft is one reply's text (100,000 characters at most) and a few values.
    draft: 2 * 1024 * 1024
  }
} as const;

const MAX_KEY_LENGTH = 200;

type WritableRef = DocRef;

/** A ticket's roots with those of merges and splits (`merge.ts`). */
const TICKET_DOC_ROOTS: Record<string, RootType> = { ...TICKET_ROOTS, ...MERGE_ROOTS };

function rootsOf(ref: WritableRef): Record<string, RootType> {
  switch (ref.kind) {
    case 'ticket':
      return TICKET_DOC_ROOTS;
    case 'index':
      return INDEX_ROOTS;
    case 'settings':
      return SETTINGS_ROOTS;
    case 'article':
      return ARTICLE_ROOTS;
    case 'draft':
      return PRIVATE_DRAFT_ROOTS;
  }
}

/** Defines every root of the kind on `doc` with its proper type. */
export function defineRoots(doc: Y.Doc, ref: DocRef): void {
  for (const [name, type] of Object.entries(rootsOf(ref))) {
    if (type === 'map') doc.getMap(name);
    else if (type === 'array') doc.getArray(name);
    else if (type === 'xml') doc.getXmlFragment(name);
    else doc.getText(name);
  }
}

const reject = (reason: RejectReason, detail: string): Rejection => ({
  ok: false,
  reason,
  detail
});

/** Yjs' struct reference numbers, as the low 5 bits of each struct's info byte. */
const STRUCT_GC = 0;
const STRUCT_SKIP = 10;
const CONTENT_NAMES: Record<number, string> = {
  1: 'ContentDeleted',
  2: 'ContentJSON',
  3: 'ContentBinary',
  4: 'ContentString',
  5: 'ContentEmbed',
  6: 'ContentFormat',
  7: 'ContentType',
  8: 'ContentAny',
  9: 'ContentDoc'
};
const ALLOWED_CONTENT: ReadonlySet<number> = new Set([1, 4, 8]);
/** Articles' rich text adds nested XML types and formats (marks); `rich-text.ts` checks them. */
const RICH_TEXT_CONTENT: ReadonlySet<number> = new Set([1, 4, 6, 7, 8]);

class RefusedStruct extends Error {
  constructor(
    readonly reason: 'unsupported-content' | 'undecodable',
    message: string
  ) {
    super(message);
  }
}

/**
 * Yjs' own update decoder, with each struct's info byte checked as it is read. Yjs' reader takes
 * any info byte whose low bits say "skip" as a skip, where `Y.decodeUpdate` (and so the loading
 * of stored documents) refuses one with flag bits set; and a GC or skip never carries flags.
 */
class StrictUpdateDecoder extends Y.UpdateDecoderV1 {
  constructor(
    decoder: decoding.Decoder,
    readonly allowed: ReadonlySet<number> = ALLOWED_CONTENT
  ) {
    super(decoder);
  }

  override readInfo(): number {
    const info = super.readInfo();
    // `undefined` past the end of the update: `readUint8` does not throw there.
    if (typeof info !== 'number')
      throw new RefusedStruct('undecodable', 'The update is cut short.');
    const ref = info & 0b11111;
    if (ref === STRUCT_GC || ref === STRUCT_SKIP) {
      if (info !== ref) throw new RefusedStruct('undecodable', 'A struct is damaged.');
      return info;
    }
    if (!this.allowed.has(ref)) {
      const name = CONTENT_NAMES[ref];
      throw name
        ? new RefusedStruct('unsupported-content', `Content of type ${name} is not allowed.`)
        : new RefusedStruct('undecodable', 'A struct has an unknown content type.');
    }
    return info;
  }
}

function decodes(update: Uint8Array): boolean {
  try {
    Y.decodeUpdate(update);
    return true;
  } catch {
    return false;
  }
}

/** What the update added, measured and checked in the scratch copy's struct store. */
interface AddedCheck {
  problem: Rejection | null;
  /** What the update added (its estimated bytes among it), and the bytes its deletions freed. */
  content: AddedContent;
  freedBytes: number;
}

/** Keeps the first problem found. */
function refuse(into: AddedCheck, reason: RejectReason, detail: string): void {
  into.problem ??= reject(reason, detail);
}

/** Each document's roots by type, rebuilt when a root is added (`doc.share` only grows). */
const rootNamesOf = new WeakMap<Y.Doc, Map<Y.AbstractType<AnyEvent>, string>>();

function rootNames(doc: Y.Doc): Map<Y.AbstractType<AnyEvent>, string> {
  let names = rootNamesOf.get(doc);
  if (names === undefined || names.size !== doc.share.size) {
    names = new Map();
    for (const [name, type] of doc.share) names.set(type, name);
    rootNamesOf.set(doc, names);
  }
  return names;
}

/**
 * Checks every item the transaction added against the root it landed in. Runs when the
 * transaction ends, before Yjs garbage-collects what it deleted: an item inserted and deleted
 * by the same update is still seen with its content.
 */
function checkAdded(tr: Y.Transaction, roots: Record<string, RootType>, into: AddedCheck): void {
  const doc = tr.doc;
  const names = rootNames(doc);
  forEachAddedItem(
    doc,
    tr.afterState.keys(),
    (client) => tr.beforeState.get(client) ?? 0,
    (added) => {
      const { item } = added;
      const parent = item.parent;
      const name = parent instanceof Y.AbstractType ? names.get(parent) : undefined;
      countAddition(into.content, added, name ?? null);
      if (into.problem) return;
      if (name === undefined || roots[name] === 'xml') {
        // Nested types exist only in rich text (the decoder refuses them in other documents).
        if (!richTextRoot(doc, parent, roots, names)) {
          refuse(
            into,
            'unsupported-content',
            'Content may only be added to the parts of a document.'
          );
          return;
        }
        const problem = richTextItemProblem(item);
        if (problem) refuse(into, problem.reason, problem.detail);
        return;
      }
      const expected = roots[name];
      if (!expected) {
        refuse(into, 'unknown-root', `This document has no part called "${name.slice(0, 50)}".`);
        return;
      }
      const content = item.content;
      const key = item.parentSub;
      if (expected === 'map') {
        if (key === null) return refuse(into, 'wrong-root-type', `"${name}" is a map.`);
        if (key.length > MAX_KEY_LENGTH) {
          return refuse(into, 'schema', `A key is longer than ${MAX_KEY_LENGTH} characters.`);
        }
        if (content instanceof Y.ContentDeleted) return;
        if (!(content instanceof Y.ContentAny) || content.getLength() !== 1) {
          refuse(into, 'schema', `"${name}" holds one plain value per key.`);
        }
        return;
      }
      if (key !== null) {
        return refuse(into, 'wrong-root-type', `"${name}" is a ${expected}, not a map.`);
      }
      if (content instanceof Y.ContentDeleted) return;
      if (expected === 'array' && !(content instanceof Y.ContentAny)) {
        refuse(into, 'schema', `The ${name} holds whole entries, not text.`);
      } else if (expected === 'text' && !(content instanceof Y.ContentString)) {
        refuse(into, 'schema', `The ${name} holds plain text only.`);
      }
    }
  );
  if (tr.deleteSet.clients.size === 0) return;
  Y.iterateDeletedStructs(tr, tr.deleteSet, (struct) => {
    if (struct instanceof Y.Item) into.freedBytes += contentBytes(struct);
  });
}

/** Whether `parent` is, or sits inside, a rich-text (`xml`) root. */
function richTextRoot(
  doc: Y.Doc,
  parent: Y.Item['parent'],
  roots: Record<string, RootType>,
  rootNames: Map<Y.AbstractType<AnyEvent>, string>
): boolean {
  let type = parent instanceof Y.AbstractType ? parent : null;
  while (type !== null && type._item !== null) {
    const up = type._item.parent;
    type = up instanceof Y.AbstractType ? up : null;
  }
  if (type === null || type.doc !== doc) return false;
  const name = rootNames.get(type);
  return name !== undefined && roots[name] === 'xml';
}

/**
 * The running size estimate of each scratch copy: measured whole (one encoding) the first time
 * a copy is checked, then moved by what each accepted update adds and frees. A scratch copy is
 * replaced after every rejection, so the estimate starts afresh from the real size then. Server
 * changes applied to the copy directly are not counted until then; the server's own writes
 * (mail, numbering) are bounded elsewhere.
 */
const docBytes = new WeakMap<Y.Doc, number>();

/**
 * Gives a fresh scratch copy its size when the caller just measured it (the update it was
 * made from), so its first check does not encode it again.
 */
export function knownDocBytes(scratch: Y.Doc, bytes: number): void {
  docBytes.set(scratch, bytes);
}

/** A scratch copy's running size estimate, if it has one yet. */
export function estimatedDocBytes(scratch: Y.Doc): number | undefined {
  return docBytes.get(scratch);
}

/**
 * The plain-text roots of a kind of document with their caps in characters, the rules
 * `checkTicket` and `checkPrivateDraft` apply to them; `null` for kinds with none.
 */
export function plainTextCaps(ref: DocRef): Readonly<Record<string, number>> | null {
  if (ref.kind === 'ticket') return MAX_TEXT;
  if (ref.kind === 'draft') return PRIVATE_DRAFT_TEXT;
  return null;
}
const PRIVATE_DRAFT_TEXT = { draft: MAX_PRIVATE_DRAFT } as const;

// Yjs types its events with `any` internally; this is the one place that meets it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyEvent = Y.YEvent<any>;

interface Collected {
  events: Map<string, AnyEvent>;
  /** Yjs computes `event.changes` lazily and only while the event fires, so it is kept here. */
  changes: Map<string, AnyEvent['changes']>;
  changed: boolean;
}

/** What a check collects while its update is applied (see `watch`). */
interface RunningCheck {
  roots: Record<string, RootType>;
  collected: Collected;
  added: AddedCheck;
}

/**
 * The check in progress on each scratch copy. The copy's listeners stay on it between checks
 * (`watch`) and report to the check running now, if any: this is the relay's hot path, and
 * adding and removing a listener per root for every keystroke cost more than the rest of the
 * bookkeeping. A copy also changes outside a check (the server's own changes are applied to
 * it); its listeners then find no check and do nothing.
 */
const running = new WeakMap<Y.Doc, RunningCheck>();
const watchedDocs = new WeakSet<Y.Doc>();
const watchedRoots = new WeakMap<Y.AbstractType<AnyEvent>, string>();
/** The roots each scratch copy has been given (by `defineRoots` and `watch`). */
const prepared = new WeakMap<Y.Doc, Record<string, RootType>>();

/** Puts the listeners on `doc` and on each of its known roots, once. */
function watch(doc: Y.Doc, roots: Record<string, RootType>): void {
  if (!watchedDocs.has(doc)) {
    watchedDocs.add(doc);
    doc.on('afterTransaction', onCheckedTransaction);
  }
  for (const name in roots) {
    const type = doc.share.get(name);
    if (!type || watchedRoots.has(type)) continue;
    watchedRoots.set(type, name);
    type.observe(onRootEvent);
  }
}

function onRootEvent(event: AnyEvent): void {
  const check = running.get(event.transaction.doc);
  const name = watchedRoots.get(event.target);
  if (!check || name === undefined) return;
  check.collected.events.set(name, event);
  // Only the append-only arrays need the item-level changes. (A text event computes its delta
  // inside a transaction of its own, which is one more reason not to ask for it.)
  if (event.target instanceof Y.Array) check.collected.changes.set(name, event.changes);
}

function onCheckedTransaction(tr: Y.Transaction): void {
  const check = running.get(tr.doc);
  if (!check) return;
  // Sticky: an observer may open a nested, empty transaction after the update's own one.
  if (tr.changed.size > 0 || tr.deleteSet.clients.size > 0) check.collected.changed = true;
  checkAdded(tr, check.roots, check.added);
}

/** What a check may be given besides the update. */
export interface CheckOptions {
  /** Lifts the server-owned field rule. */
  byServer?: boolean;
  /**
   * The workspace's custom field definitions (the server reads its settings document), asked
   * only when an update writes custom field values; `null` or absent: values are checked for
   * their shape and size only.
   */
  customFields?: (workspaceId: string) => CustomFields | null;
}

/**
 * Applies `update` to `scratch` and checks it. `scratch` must be a faithful copy of the live
 * document (and is dirty after a rejection).
 */
export function applyChecked(
  scratch: Y.Doc,
  ref: DocRef,
  update: Uint8Array,
  options: CheckOptions = {}
): UpdateVerdict {
  const roots = rootsOf(ref);
  // Defining the roots and putting the listeners on is done once per scratch copy and kind of
  // document; every later check on that copy finds them in place.
  if (prepared.get(scratch) !== roots) {
    defineRoots(scratch, ref);
    watch(scratch, roots);
    prepared.set(scratch, roots);
  }
  const sizeBefore = docBytes.get(scratch) ?? Y.encodeStateAsUpdate(scratch).byteLength;
  const before = snapshotBefore(scratch, ref);
  const check: RunningCheck = {
    roots,
    collected: { events: new Map(), changes: new Map(), changed: false },
    added: { problem: null, content: nothingAdded(), freedBytes: 0 }
  };
  const { collected, added } = check;
  const decoder = decoding.createDecoder(update);
  running.set(scratch, check);
  try {
    const allowed = ref.kind === 'article' ? RICH_TEXT_CONTENT : ALLOWED_CONTENT;
    Y.readUpdateV2(decoder, scratch, 'check', new StrictUpdateDecoder(decoder, allowed));
  } catch (error) {
    if (!(error instanceof RefusedStruct)) {
      return reject('undecodable', 'The update could not be applied.');
    }
    // Garbage often looks like refused content in its first byte; name it for what it is.
    // Only refusals pay for this second decode, never an accepted update.
    return error.reason === 'unsupported-content' && decodes(update)
      ? reject(error.reason, error.message)
      : reject('undecodable', 'The update is not a valid Yjs update.');
  } finally {
    running.delete(scratch);
  }
  if (decoding.hasContent(decoder)) {
    return reject('undecodable', 'The update has bytes after its end.');
  }
  if (added.problem) return added.problem;

  if (scratch.store.pendingStructs !== null || scratch.store.pendingDs !== null) {
    return reject('missing-dependencies', 'The update depends on changes the server has not seen.');
  }
  for (const [name, type] of scratch.share) {
    const expected = roots[name];
    if (!expected) return reject('unknown-root', `This document has no part called "${name}".`);
    const isMapLike = type._map.size > 0;
    const isListLike = type._start !== null;
    if (expected === 'xml' && !(type instanceof Y.XmlFragment)) {
      return reject('wrong-root-type', `"${name}" is rich text.`);
    }
    if ((expected === 'map' && isListLike) || (expected !== 'map' && isMapLike)) {
      return reject('wrong-root-type', `"${name}" is a ${expected}.`);
    }
  }
  const sizeAfter = sizeBefore + added.content.bytes - added.freedBytes;
  const maxBytes = DOC_CAPS.bytes[ref.kind];
  // Only growth is refused: a document over its cap may still shrink (a draft cleared).
  if (sizeAfter > maxBytes && added.content.bytes > added.freedBytes) {
    const what =
      ref.kind === 'ticket'
        ? 'This ticket'
        : ref.kind === 'article'
          ? 'This article'
          : ref.kind === 'draft'
            ? 'This draft'
            : `The workspace ${ref.kind}`;
    return reject(
      'too-large',
      `${what} is full (${Math.round(maxBytes / 1024 / 1024)} MB at most): start a new ticket or remove something.`
    );
  }
  if (!collected.changed) return { ok: true, changed: false };
  const finding = checkChanged(scratch, ref, before, collected, options);
  if (!finding.ok) return finding;
  docBytes.set(scratch, Math.max(0, sizeAfter));
  return { ok: true, changed: true, added: added.content };
}

function checkChanged(
  scratch: Y.Doc,
  ref: WritableRef,
  before: Before,
  collected: Collected,
  options: CheckOptions
): Finding {
  const byServer = options.byServer ?? false;
  switch (ref.kind) {
    case 'ticket': {
      const verdict = checkTicket(scratch, ref.ticketId, before, collected, byServer);
      return verdict.ok ? checkCustomFieldValues(scratch, collected, options) : verdict;
    }
    case 'index':
      return checkIndex(scratch, collected, byServer);
    case 'settings': {
      const verdict = checkSettings(scratch, collected, byServer);
      return verdict.ok ? checkFieldDefinitions(scratch, before, collected) : verdict;
    }
    case 'article':
      return checkArticle(scratch, ref.articleId, before, collected);
    case 'draft':
      return checkPrivateDraft(scratch, collected);
  }
}

/** A private draft (`private-draft.ts`): its meta's known keys and values, the text's cap. */
function checkPrivateDraft(doc: Y.Doc, collected: Collected): Finding {
  if (collected.events.has('meta')) {
    const problem = draftMetaProblem(doc);
    if (problem) return reject('schema', problem);
  }
  if (collected.events.has('draft') && doc.getText('draft').length > MAX_PRIVATE_DRAFT) {
    return reject('too-large', `The draft is longer than ${MAX_PRIVATE_DRAFT} characters.`);
  }
  return PASSED;
}

function checkArticle(
  doc: Y.Doc,
  articleId: string,
  before: Before,
  collected: Collected
): Finding {
  const keys = (name: string) => {
    const event = collected.events.get(name);
    return event instanceof Y.YMapEvent ? (event.keysChanged as Set<string>) : null;
  };
  const versions = collected.changes.get('versions');
  const problem = articleProblem(doc, articleId, {
    fieldKeys: keys('article'),
    tagKeys: keys('tags'),
    versions: versions
      ? { added: insertedValues(versions), deleted: hasDeletions(versions) }
      : null,
    workspaceBefore: before.workspaceId
  });
  return problem ? reject(problem.reason, problem.detail) : PASSED;
}

interface Before {
  number: unknown;
  workspaceId: unknown;
  /** The settings' custom field definitions before the update, by id (raw records). */
  fields?: ReadonlyMap<string, unknown>;
}

function snapshotBefore(doc: Y.Doc, ref: DocRef): Before {
  if (ref.kind === 'settings') {
    return { number: undefined, workspaceId: undefined, fields: fieldDefinitionsBefore(doc) };
  }
  if (ref.kind === 'article') {
    return { number: undefined, workspaceId: doc.getMap('article').get('workspaceId') };
  }
  if (ref.kind !== 'ticket') return { number: undefined, workspaceId: undefined };
  const fields = doc.getMap('ticket');
  return { number: fields.get('number'), workspaceId: fields.get('workspaceId') };
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'value'}: ${issue.message}` : 'invalid';
}

function insertedValues(changes: AnyEvent['changes'] | undefined): unknown[] {
  if (!changes) return [];
  const out: unknown[] = [];
  for (const item of changes.added) {
    if (item.content instanceof Y.ContentAny) out.push(...item.content.getContent());
  }
  return out;
}

function hasDeletions(changes: AnyEvent['changes'] | undefined): boolean {
  return changes !== undefined && changes.deleted.size > 0;
}

/** The first key this event wrote that `shape` does not name, cut short for messages. */
function unknownKey(event: AnyEvent | undefined, shape: object): string | null {
  if (!(event instanceof Y.YMapEvent)) return null;
  for (const key of event.keysChanged) {
    if (key !== null && !Object.hasOwn(shape, key)) return key.slice(0, 50);
  }
  return null;
}

/** Whether a map holds no value: `Y.Map#size` lists every entry, on every keystroke. */
function holdsNothing(map: Y.Map<unknown>): boolean {
  for (const item of map._map.values()) if (!item.deleted) return false;
  return true;
}

/**
 * Activity only the server writes (its workers, as the system actor), with why: a client could
 * otherwise log a breach that never happened or under someone else's clock, claim a service
 * level, forge routing's or the away handover's reason for an assignment, or a customer's rating.
 */
const SERVER_ACTIVITY = new Map<ActivityEntry['kind'], string>([
  ['sla-breach', 'Service-level breaches are logged by the server.'],
  ['sla-policy', 'The service level that applies is recorded by the server.'],
  ['routed', 'Routing is logged by the server.'],
  ['away', 'Handovers for an away member are logged by the server.'],
  ['rating', 'Survey answers are recorded by the server.'],
  ['automation', 'Automation runs are logged by the server.']
]);

/**
 * An `article-inserted` entry names the article (`from`, an id) and how it went in (`to`:
 * 'link' or 'text'), so that reports can count it; anything else is refused.
 */
function articleInsertedProblem(entry: ActivityEntry): string | null {
  if (typeof entry.from !== 'string' || !Id.safeParse(entry.from).success) {
    return 'An inserted article is named by its id.';
  }
  if (entry.to !== 'link' && entry.to !== 'text') {
    return 'An article goes into a reply as a link or as text.';
  }
  return null;
}

// The ticket's rules below run on every keystroke in a ticket; these lists are made once.
const TICKET_LOGS = [
  ['thread', ThreadEntry],
  ['activity', ActivityEntry]
] as const;
const TICKET_LOG_CAPS = [
  ['thread', DOC_CAPS.threadEntries, 'messages'],
  ['activity', DOC_CAPS.activityEntries, 'activity entries']
] as const;
const TICKET_TEXTS = Object.entries(MAX_TEXT);

function checkTicket(
  doc: Y.Doc,
  ticketId: string,
  before: Before,
  collected: Collected,
  byServer: boolean
): Finding {
  const fieldsMap = doc.getMap('ticket');
  if (holdsNothing(fieldsMap)) {
    return reject('not-a-ticket', 'A ticket document must be created with its fields first.');
  }
  // The fields are checked when this update changed them or creates the ticket. Otherwise
  // they are what an accepted update (or the server) left, and a keystroke in the draft need
  // not parse them again: this is the relay's hot path.
  if (collected.events.has('ticket') || before.workspaceId === undefined) {
    // zod drops keys it does not know, so unknown keys have to be refused by name.
    const unknownField = unknownKey(collected.events.get('ticket'), TicketFields.shape);
    if (unknownField !== null) return reject('schema', `Tickets have no field "${unknownField}".`);
    const fields = TicketFields.safeParse(fieldsMap.toJSON());
    if (!fields.success) return reject('schema', `Ticket fields: ${firstIssue(fields.error)}`);
    if (fields.data.id !== ticketId)
      return reject('id-mismatch', 'The ticket id does not match the document.');
    if (before.workspaceId !== undefined && before.workspaceId !== fields.data.workspaceId) {
      return reject('server-owned', 'A ticket cannot move to another workspace.');
    }
    if (!byServer && before.number !== undefined && before.number !== fields.data.number) {
      return reject('server-owned', 'Ticket numbers are assigned by the server.');
    }
    if (!byServer && before.number === undefined && fields.data.number !== null) {
      return reject('server-owned', 'Ticket numbers are assigned by the server.');
    }
  }

  const tagsEvent = collected.events.get('tags');
  if (tagsEvent instanceof Y.YMapEvent) {
    const tags = doc.getMap('tags');
    for (const key of tagsEvent.keysChanged) {
      if (!tags.has(key)) continue;
      if (tags.get(key) !== true || !Tag.safeParse(key).success || key !== key.toLowerCase()) {
        return reject('schema', `Invalid tag "${key.slice(0, 50)}".`);
      }
    }
    if (tags.size > 50) return reject('schema', 'A ticket has at most 50 tags.');
  }

  for (const [name, schema] of TICKET_LOGS) {
    const changes = collected.changes.get(name);
    if (changes === undefined) continue;
    if (hasDeletions(changes)) return reject('append-only', `The ${name} is append-only.`);
    for (const value of insertedValues(changes)) {
      const parsed = schema.safeParse(value);
      if (!parsed.success) return reject('schema', `${name} entry: ${firstIssue(parsed.error)}`);
      // An entry made from an email is written by the mail worker only: a client could
      // otherwise forge a customer's message, or point its HTML at any blob.
      if (!byServer && name === 'thread' && 'mail' in parsed.data && parsed.data.mail) {
        return reject('server-owned', 'Messages from email are written by the server.');
      }
      const serverOnly =
        !byServer && name === 'activity' ? SERVER_ACTIVITY.get(parsed.data.kind) : undefined;
      if (serverOnly) return reject('server-owned', serverOnly);
      if (name === 'activity' && (parsed.data.kind === 'merge' || parsed.data.kind === 'split')) {
        const problem = mergeActivityProblem(parsed.data);
        if (problem) return reject('schema', problem);
      }
      if (name === 'activity' && parsed.data.kind === 'article-inserted') {
        const problem = articleInsertedProblem(parsed.data);
        if (problem) return reject('schema', problem);
      }
      const mentions = 'body' in parsed.data ? threadMentionProblem(parsed.data) : null;
      if (mentions) return reject('schema', `thread entry: ${mentions}`);
      if ('recipients' in parsed.data && parsed.data.recipients && parsed.data.kind !== 'reply') {
        return reject('schema', 'Only a public reply has recipients.');
      }
      if ('attachments' in parsed.data && parsed.data.attachments) {
        if (parsed.data.kind !== 'reply') {
          return reject('schema', 'Only a public reply has attachments.');
        }
        if (parsed.data.attachments.some((a) => a.blob === null)) {
          return reject('schema', 'An attachment names its uploaded file.');
        }
      }
    }
  }

  for (const [name, max, what] of TICKET_LOG_CAPS) {
    if (collected.changes.has(name) && doc.getArray(name).length > max) {
      return reject('too-large', `A ticket holds at most ${max.toLocaleString('en-US')} ${what}.`);
    }
  }

  const deliveryEvent = collected.events.get('delivery');
  if (deliveryEvent instanceof Y.YMapEvent) {
    if (!byServer) return reject('server-owned', 'Delivery states are written by the server.');
    const delivery = doc.getMap('delivery');
    for (const key of deliveryEvent.keysChanged) {
      if (!delivery.has(key)) continue;
      if (!Id.safeParse(key).success) return reject('schema', 'delivery: the key is an entry id.');
      const parsed = DeliveryState.safeParse(delivery.get(key));
      if (!parsed.success) return reject('schema', `delivery: ${firstIssue(parsed.error)}`);
    }
  }

  // Side conversations: records written once, messages appended (`side-conversation.ts`).
  const sideEvent = collected.events.get(SIDE_CONVERSATIONS_ROOT);
  const sideChanges = collected.changes.get(SIDE_MESSAGES_ROOT);
  if (sideEvent || sideChanges) {
    const problem = sideUpdateProblem(
      doc,
      sideEvent instanceof Y.YMapEvent ? (sideEvent.keysChanged as Set<string>) : null,
      insertedValues(sideChanges),
      hasDeletions(sideChanges)
    );
    if (problem) return reject(problem.reason, problem.detail);
  }

  // Merges and splits: records written once, copies appended (`merge.ts`).
  const mergeEvent = collected.events.get('merge');
  const copyChanges = collected.changes.get('copies');
  if (mergeEvent || copyChanges) {
    const problem = mergeUpdateProblem(
      doc,
      ticketId,
      mergeEvent instanceof Y.YMapEvent ? (mergeEvent.keysChanged as Set<string>) : null,
      insertedValues(copyChanges),
      hasDeletions(copyChanges)
    );
    if (problem) return reject(problem.reason, problem.detail);
  }

  // Claims of the next ticket: written once, each naming the assignee write it made.
  const claimsEvent = collected.events.get(CLAIMS_ROOT);
  if (claimsEvent instanceof Y.YMapEvent) {
    const writes = claimWrites(doc);
    for (const key of claimsEvent.keysChanged) {
      const problem = claimProblem(doc, key, writes);
      if (problem) return reject(problem.reason, problem.detail);
    }
  }

  const metaMap = doc.getMap('handoverMeta');
  const unknownMeta = unknownKey(collected.events.get('handoverMeta'), HandoverMeta.shape);
  if (unknownMeta !== null) return reject('schema', `The handover has no field "${unknownMeta}".`);
  if (collected.events.has('handoverMeta') && metaMap.size > 0) {
    const meta = HandoverMeta.safeParse(metaMap.toJSON());
    if (!meta.success) return reject('schema', `Handover: ${firstIssue(meta.error)}`);
  }
  for (const [name, max] of TICKET_TEXTS) {
    if (collected.events.has(name) && doc.getText(name).length > max) {
      return reject('too-large', `The ${name} is longer than ${max} characters.`);
    }
  }
  return PASSED;
}

/**
 * A ticket's custom field values (`custom-fields.ts`): plain field values within their caps,
 * and, where the server can read the workspace's definitions, defined keys and values that fit
 * their field. Definitions only grow, so a value set offline against older ones still fits.
 */
function checkCustomFieldValues(doc: Y.Doc, collected: Collected, options: CheckOptions): Finding {
  const event = collected.events.get(CUSTOM_FIELDS_ROOT);
  if (!(event instanceof Y.YMapEvent)) return PASSED;
  const workspaceId = doc.getMap('ticket').get('workspaceId');
  const definitions =
    typeof workspaceId === 'string' ? (options.customFields?.(workspaceId) ?? null) : null;
  const problem = customFieldValuesProblem(doc, event.keysChanged as Set<string>, definitions);
  return problem ? reject('schema', problem) : PASSED;
}

/** Custom field definitions only grow: never removed, key and type fixed, options kept. */
function checkFieldDefinitions(doc: Y.Doc, before: Before, collected: Collected): Finding {
  const event = collected.events.get(FIELDS_SETTINGS_ROOT);
  if (!(event instanceof Y.YMapEvent)) return PASSED;
  const problem = fieldDefinitionChangeProblem(
    before.fields ?? new Map(),
    doc,
    event.keysChanged as Set<string>
  );
  return problem ? reject('schema', problem) : PASSED;
}

function checkRecords(
  doc: Y.Doc,
  collected: Collected,
  parts: Record<string, z.ZodType<{ id: string }>>,
  allowDelete: boolean
): Finding {
  for (const [name, schema] of Object.entries(parts)) {
    const event = collected.events.get(name);
    if (!(event instanceof Y.YMapEvent)) continue;
    const map = doc.getMap(name);
    for (const key of event.keysChanged) {
      if (!map.has(key)) {
        if (allowDelete) continue;
        return reject('server-owned', `Only the server removes ${name}.`);
      }
      const parsed = schema.safeParse(map.get(key));
      if (!parsed.success) return reject('schema', `${name}: ${firstIssue(parsed.error)}`);
      if (parsed.data.id !== key) return reject('id-mismatch', `${name}: the key must be the id.`);
    }
  }
  return PASSED;
}

function checkIndex(doc: Y.Doc, collected: Collected, byServer: boolean): Finding {
  const verdict = checkRecords(
    doc,
    collected,
    {
      tickets: TicketSummary,
      customers: CustomerSummary,
      members: MemberProfile,
      articles: ArticleSummary
    },
    byServer
  );
  return verdict.ok ? checkPersonal(doc, collected) : verdict;
}

/**
 * Members' own views and macros (`saved-view.ts`): each written record by its strict schema and
 * key, a macro's templates too; removing is allowed. Whose key it is, the authorizer checks
 * (it knows the writer).
 */
function checkPersonal(doc: Y.Doc, collected: Collected): Finding {
  const event = collected.events.get(PERSONAL_ROOT);
  if (!(event instanceof Y.YMapEvent)) return PASSED;
  const map = doc.getMap(PERSONAL_ROOT);
  for (const key of event.keysChanged) {
    if (!map.has(key)) continue;
    const value: unknown = map.get(key);
    const problem = personalRecordProblem(key, value);
    if (problem) return reject('schema', problem);
    const macro = PersonalRecord.parse(value);
    const templates = macro.kind === 'macro' ? macroProblem(macro.macro) : null;
    if (templates) return reject('schema', `personal.${key.slice(0, 140)}: ${templates}`);
  }
  return PASSED;
}

/**
 * Settings: the roots and the strict record schemas of `settings.ts` (an unknown root was
 * refused before this); admins may remove records. Round-robin's turn is the routing worker's
 * bookkeeping: an admin who wrote it could steer every new ticket to one agent.
 */
function checkSettings(doc: Y.Doc, collected: Collected, byServer: boolean): Finding {
  const routing = collected.events.get('routing');
  if (!byServer && routing instanceof Y.YMapEvent && routing.keysChanged.has(ROUTING_TURN_ID)) {
    return reject('server-owned', 'routing: the round-robin turn is kept by the server.');
  }
  if (!byServer && collected.events.has('mail')) {
    return reject('server-owned', 'mail: whether a mailbox is connected is written by the server.');
  }
  const verdict = checkRecords(doc, collected, SETTINGS_SCHEMAS, true);
  if (!verdict.ok) return verdict;
  // A macro's templates too: an unknown variable or unbalanced tags are refused at save.
  const macros = collected.events.get('macros');
  if (macros instanceof Y.YMapEvent) {
    for (const key of macros.keysChanged) {
      const record: unknown = doc.getMap('macros').get(key);
      // And the custom fields it sets are the workspace's (the same document defines them).
      const problem =
        record === undefined
          ? null
          : (macroProblem(record) ??
            macroFieldsProblem(MacroRecord.parse(record).actions, readCustomFields(doc)));
      if (problem) return reject('schema', `macros.${key.slice(0, 64)}: ${problem}`);
    }
  }
  // And an automation's reply and note templates.
  const automations = collected.events.get('automations');
  if (automations instanceof Y.YMapEvent) {
    for (const key of automations.keysChanged) {
      const record: unknown = doc.getMap('automations').get(key);
      const problem =
        record === undefined
          ? null
          : (automationProblem(record) ??
            automationFieldsProblem(AutomationRuleRecord.parse(record), readCustomFields(doc)));
      if (problem) return reject('schema', `automations.${key.slice(0, 64)}: ${problem}`);
    }
  }
  return verdict;
}
