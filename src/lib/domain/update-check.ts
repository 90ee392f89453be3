/**
 * Checking a Yjs update from a writer before it is applied for real or stored.
 *
 * Yjs itself cannot enforce a schema: any client can send any update. So every update from
 * outside goes through `applyChecked` on a *scratch* copy of the document first:
 *
 *   1. structural decode (`Y.decodeUpdate`); only plain content is allowed: JSON values
 *      (`ContentAny`), text (`ContentString`) and deletions. Nested types, embeds, formats,
 *      binary and sub-documents are refused, which keeps every document flat and every value
 *      checkable with a zod schema;
 *   2. apply to the scratch copy, collecting the events of each root type;
 *   3. refuse updates whose dependencies are missing (they would sit pending forever), roots
 *      that the document kind does not have, and roots used as the wrong type;
 *   4. validate exactly what changed with the domain's zod schemas, plus the rules that are
 *      not shapes: append-only logs, server-owned fields, ids that match the document name.
 *
 * A rejected update leaves the scratch copy dirty: the caller throws it away and makes a new
 * one from the live document. An accepted one is then applied to the live document as is.
 */
import * as Y from 'yjs';
import type { DocRef } from './doc-names';
import { INDEX_ROOTS } from './workspace-index';
import { TICKET_ROOTS } from './ticket';
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

export type UpdateVerdict =
  { ok: true; changed: boolean } | { ok: false; reason: RejectReason; detail: string };

type RootType = 'map' | 'array' | 'text';

/** Settings hold plain named records (SLA policies, calendars, views, canned replies…). */
export const SETTINGS_ROOTS = {
  slaPolicies: 'map',
  businessHours: 'map',
  routing: 'map',
  automations: 'map',
  views: 'map',
  cannedReplies: 'map'
} as const;

const SettingsRecord = z.looseObject({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200)
});

const MAX_TEXT = { draft: 100_000, handover: 20_000 } as const;

function rootsOf(ref: DocRef): Record<string, RootType> | null {
  switch (ref.kind) {
    case 'ticket':
      return TICKET_ROOTS;
    case 'index':
      return INDEX_ROOTS;
    case 'settings':
      return SETTINGS_ROOTS;
    case 'article':
      return null;
  }
}

/** Defines every root of the kind on `doc` with its proper type. */
export function defineRoots(doc: Y.Doc, ref: DocRef): void {
  for (const [name, type] of Object.entries(rootsOf(ref) ?? {})) {
    if (type === 'map') doc.getMap(name);
    else if (type === 'array') doc.getArray(name);
    else doc.getText(name);
  }
}

const reject = (reason: RejectReason, detail: string): UpdateVerdict => ({
  ok: false,
  reason,
  detail
});

function contentProblem(update: Uint8Array): UpdateVerdict | null {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return reject('undecodable', 'The update is not a valid Yjs update.');
  }
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const content = struct.content;
    if (
      !(content instanceof Y.ContentAny) &&
      !(content instanceof Y.ContentString) &&
      !(content instanceof Y.ContentDeleted)
    ) {
      return reject(
        'unsupported-content',
        `Content of type ${content.constructor.name} is not allowed.`
      );
    }
    if (struct.parentSub !== null && struct.parentSub.length > 200) {
      return reject('schema', 'A key is longer than 200 characters.');
    }
  }
  return null;
}

// Yjs types its events with `any` internally; this is the one place that meets it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyEvent = Y.YEvent<any>;

interface Collected {
  events: Map<string, AnyEvent>;
  /** Yjs computes `event.changes` lazily and only while the event fires, so it is kept here. */
  changes: Map<string, AnyEvent['changes']>;
  changed: boolean;
}

/**
 * Applies `update` to `scratch` and checks it. `scratch` must be a faithful copy of the live
 * document (and is dirty after a rejection). `byServer` lifts the server-owned field rule.
 */
export function applyChecked(
  scratch: Y.Doc,
  ref: DocRef,
  update: Uint8Array,
  options: { byServer?: boolean } = {}
): UpdateVerdict {
  const roots = rootsOf(ref);
  if (!roots)
    return reject('unsupported-document', `Documents of kind ${ref.kind} are not writable yet.`);
  const problem = contentProblem(update);
  if (problem) return problem;

  defineRoots(scratch, ref);
  const before = snapshotBefore(scratch, ref);
  const collected: Collected = { events: new Map(), changes: new Map(), changed: false };
  const observers: [Y.AbstractType<AnyEvent>, (e: AnyEvent) => void][] = [];
  for (const name of Object.keys(roots)) {
    const type = scratch.share.get(name);
    if (!type) continue;
    const observer = (event: AnyEvent) => {
      collected.events.set(name, event);
      // Only the append-only arrays need the item-level changes. (A text event computes its
      // delta inside a transaction of its own, which is one more reason not to ask for it.)
      if (event.target instanceof Y.Array) collected.changes.set(name, event.changes);
    };
    type.observe(observer);
    observers.push([type, observer]);
  }
  const onAfter = (tr: Y.Transaction) => {
    // Sticky: an observer may open a nested, empty transaction after the update's own one.
    if (tr.changed.size > 0 || tr.deleteSet.clients.size > 0) collected.changed = true;
  };
  scratch.on('afterTransaction', onAfter);
  try {
    Y.applyUpdate(scratch, update, 'check');
  } catch {
    return reject('undecodable', 'The update could not be applied.');
  } finally {
    scratch.off('afterTransaction', onAfter);
    for (const [type, observer] of observers) type.unobserve(observer);
  }

  if (scratch.store.pendingStructs !== null || scratch.store.pendingDs !== null) {
    return reject('missing-dependencies', 'The update depends on changes the server has not seen.');
  }
  for (const [name, type] of scratch.share) {
    const expected = roots[name];
    if (!expected) return reject('unknown-root', `This document has no part called "${name}".`);
    const isMapLike = type._map.size > 0;
    const isListLike = type._start !== null;
    if ((expected === 'map' && isListLike) || (expected !== 'map' && isMapLike)) {
      return reject('wrong-root-type', `"${name}" is a ${expected}.`);
    }
  }
  if (!collected.changed) return { ok: true, changed: false };

  switch (ref.kind) {
    case 'ticket':
      return checkTicket(scratch, ref.ticketId, before, collected, options.byServer ?? false);
    case 'index':
      return checkIndex(scratch, collected, options.byServer ?? false);
    case 'settings':
      return checkSettings(scratch, collected);
    case 'article':
      return reject('unsupported-document', 'Articles are not writable yet.');
  }
}

interface Before {
  number: unknown;
  workspaceId: unknown;
}

function snapshotBefore(doc: Y.Doc, ref: DocRef): Before {
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

function checkTicket(
  doc: Y.Doc,
  ticketId: string,
  before: Before,
  collected: Collected,
  byServer: boolean
): UpdateVerdict {
  const fieldsMap = doc.getMap('ticket');
  if (fieldsMap.size === 0) {
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

  for (const [name, schema] of [
    ['thread', ThreadEntry],
    ['activity', ActivityEntry]
  ] as const) {
    const changes = collected.changes.get(name);
    if (hasDeletions(changes)) return reject('append-only', `The ${name} is append-only.`);
    for (const value of insertedValues(changes)) {
      const parsed = schema.safeParse(value);
      if (!parsed.success) return reject('schema', `${name} entry: ${firstIssue(parsed.error)}`);
      // An entry made from an email is written by the mail worker only: a client could
      // otherwise forge a customer's message, or point its HTML at any blob.
      if (!byServer && name === 'thread' && 'mail' in parsed.data && parsed.data.mail) {
        return reject('server-owned', 'Messages from email are written by the server.');
      }
      if ('recipients' in parsed.data && parsed.data.recipients && parsed.data.kind !== 'reply') {
        return reject('schema', 'Only a public reply has recipients.');
      }
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

  const metaMap = doc.getMap('handoverMeta');
  const unknownMeta = unknownKey(collected.events.get('handoverMeta'), HandoverMeta.shape);
  if (unknownMeta !== null) return reject('schema', `The handover has no field "${unknownMeta}".`);
  if (collected.events.has('handoverMeta') && metaMap.size > 0) {
    const meta = HandoverMeta.safeParse(metaMap.toJSON());
    if (!meta.success) return reject('schema', `Handover: ${firstIssue(meta.error)}`);
  }
  for (const [name, max] of Object.entries(MAX_TEXT)) {
    if (collected.events.has(name) && doc.getText(name).length > max) {
      return reject('too-large', `The ${name} is longer than ${max} characters.`);
    }
  }
  return { ok: true, changed: true };
}

function checkRecords(
  doc: Y.Doc,
  collected: Collected,
  parts: Record<string, z.ZodType<{ id: string }>>,
  allowDelete: boolean
): UpdateVerdict {
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
  return { ok: true, changed: true };
}

function checkIndex(doc: Y.Doc, collected: Collected, byServer: boolean): UpdateVerdict {
  return checkRecords(
    doc,
    collected,
    { tickets: TicketSummary, customers: CustomerSummary, members: MemberProfile },
    byServer
  );
}

function checkSettings(doc: Y.Doc, collected: Collected): UpdateVerdict {
  const parts = Object.fromEntries(
    Object.keys(SETTINGS_ROOTS).map((name) => [name, SettingsRecord])
  );
  return checkRecords(doc, collected, parts, true);
}
