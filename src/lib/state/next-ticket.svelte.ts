/**
 * "Take the next ticket" in the browser: the top of the member's queue (`domain/next-ticket.ts`,
 * read from the index's summaries), claimed on its ticket document and opened — offline too,
 * from the copies kept on this device — and then watched until any race for it is settled.
 *
 * Which ticket: the top of the queue — the tickets the member may take, skills included (the
 * workspace's skill rules, `domain/routing.ts`'s `mayTake`, on the summary and again on the
 * document, which knows the customer's language) — leaving out the one on screen and those
 * "next" already gave the member in this session: the queue holds the member's own open
 * tickets too, and without that the two most urgent of them would take turns for ever and no
 * new ticket would ever come. When every ticket of the queue has been given once, it starts
 * over.
 *
 * Taking: the queue's top ticket is opened from IndexedDB (or pulled from the server), claimed
 * (`claimTicket`), and the page goes to it at once; once it has painted, the summary goes into
 * the index and the document to the server. A ticket the document shows as someone else's (the
 * index was behind) or no longer waiting is skipped, and so is one not kept on this device
 * while offline: the next in the queue is taken instead.
 *
 * Watching: the claimed document stays open (a few at most, for half an hour) and is read again
 * whenever it changes. When the claims show someone else keeps the ticket, the field is put
 * right if it shows someone else than the winner (`settleClaims`, as the app of either member
 * does), the member is told in their language, and, when they are still on that ticket, given
 * the next one. A document that is not on screen has no live connection: when the index says
 * a watched ticket is no longer the member's, the document is pulled, so the news comes anyway.
 */
import type * as Y from 'yjs';
import type { DocHandle } from '$lib/sync/doc-pool';
import { mayTake as mayTakeBySkills } from '$lib/domain/routing';
import { ticketDocName } from '$lib/domain/doc-names';
import { mayEdit } from '$lib/domain/roles';
import { readTicket, readTicketFields, ticketLabel } from '$lib/domain/ticket';
import {
  claimOutcome,
  claimTicket,
  claimView,
  nextInQueue,
  resolveClaims,
  settleClaims,
  type MayTake
} from '$lib/domain/next-ticket';
import {
  couldNotTakeNext,
  lost,
  lostAndMoved,
  lostTo,
  lostToAndMoved,
  queueEmpty,
  queueNotOnDevice,
  tookTicket
} from '$lib/i18n/messages/next-ticket';
import { unknownMember } from '$lib/i18n/messages/common';
import { afterPaint } from './after-paint';
import { NotAllowedError, assertMayEdit } from './permissions';
import { editTicket, refreshSummary } from './ticket-actions';
import type { WorkspaceSession } from './workspace-session.svelte';

/** Where the app is and how it opens a ticket: given by the component that takes. */
export interface TicketNavigator {
  open(ticketId: string): Promise<void>;
  /** The ticket on screen, if a ticket page is. */
  current(): string | null;
}

interface Watched {
  ticketId: string;
  label: string;
  write: string;
  handle: DocHandle;
  since: number;
  stop: () => void;
}

/** At most this many claims are watched at once, each for at most `WATCH_MS`. */
const MAX_WATCHED = 5;
const WATCH_MS = 30 * 60_000;
const INDEX_CHECK_MS = 3000;
/** Tickets tried in one press before giving up (each skipped one is someone else's now). */
const MAX_TRIES = 10;

export class NextTicket {
  #busy = $state(false);
  /** What the last press did, for a live region. */
  #announcement = $state('');
  readonly #ws: WorkspaceSession;
  #mayTake: () => MayTake | undefined;
  #nav: TicketNavigator | null = null;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- holds Y.Docs: never reactive
  readonly #watched = new Map<string, Watched>();
  /** Tickets "next" has given in this session, in order. */
  #given: string[] = [];
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(ws: WorkspaceSession, mayTake?: () => MayTake | undefined) {
    this.#ws = ws;
    this.#mayTake = mayTake ?? (() => this.#skillsRule());
  }

  /**
   * The workspace's skill rules (`domain/routing.ts`): a ticket whose rules ask for skills the
   * member's profile lacks is not theirs to take. Read from the summary (channel, tags) for the
   * queue, and again from the document (which knows the customer's language) before claiming.
   */
  #skillsRule(): MayTake | undefined {
    const routing = this.#ws.settings.settings.routing;
    if (routing.rules.length === 0) return undefined;
    const member = this.#ws.index.snapshot.members.get(this.#ws.actor.id) ?? { skills: [] };
    return (ticket) => mayTakeBySkills(member, ticket, routing);
  }

  /** The skill rules against the ticket's own fields (its language among them). */
  #mayTakeDocument(doc: Y.Doc): boolean {
    const ticket = readTicket(doc);
    const routing = this.#ws.settings.settings.routing;
    if (!ticket || routing.rules.length === 0) return true;
    const member = this.#ws.index.snapshot.members.get(this.#ws.actor.id) ?? { skills: [] };
    return mayTakeBySkills(
      member,
      { channel: ticket.fields.channel, tags: ticket.tags, language: ticket.fields.language },
      routing
    );
  }

  get busy(): boolean {
    return this.#busy;
  }

  get announcement(): string {
    return this.#announcement;
  }

  /** Whether the member's role may take tickets at all (full ticket work). */
  get allowed(): boolean {
    return mayEdit(this.#ws.role, 'change');
  }

  /** The routing rule (skills) the queue follows, once the workspace has one. */
  setMayTake(mayTake: () => MayTake | undefined): void {
    this.#mayTake = mayTake;
  }

  /** Takes the top ticket of the queue and opens it; `skip` leaves tickets out. */
  async take(nav: TicketNavigator, skip: readonly string[] = []): Promise<void> {
    if (this.#busy) return;
    this.#nav = nav;
    const ws = this.#ws;
    if (!this.allowed) {
      ws.toasts.show(new NotAllowedError(ws.role).message, 'error');
      return;
    }
    this.#busy = true;
    try {
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- local to one press
      const skipped = new Set([...skip, ...this.#given]);
      const current = nav.current();
      if (current) skipped.add(current);
      let notHere = 0;
      let startedOver = false;
      for (let tries = 0; tries < MAX_TRIES; tries++) {
        const options = { skip: skipped, mayTake: this.#mayTake() };
        let top = nextInQueue(ws.index.snapshot.tickets, ws.actor.id, options);
        if (!top && !startedOver && this.#given.length > 0) {
          // Every ticket of the queue was given once: start over from the top.
          startedOver = true;
          for (const id of this.#given)
            if (!skip.includes(id) && id !== current) skipped.delete(id);
          this.#given = [];
          top = nextInQueue(ws.index.snapshot.tickets, ws.actor.id, options);
        }
        if (!top) break;
        skipped.add(top.id);
        if (top.assigneeId === ws.actor.id) {
          this.#give(top.id);
          this.#announcement = tookTicket({ ticket: ticketLabel(top) });
          await nav.open(top.id);
          return;
        }
        const name = ticketDocName(top.id);
        const handle = await ws.sync.openForEdit(name, (doc) => readTicketFields(doc) !== null);
        if (!handle) {
          notHere++;
          continue;
        }
        if (!this.#mayTakeDocument(handle.doc)) {
          handle.release();
          continue;
        }
        assertMayEdit(ws.role, 'change');
        const attempt = claimTicket(handle.doc, ws.actor, ws.now());
        if (attempt.kind === 'already-mine' || attempt.kind === 'claimed') {
          const label = ticketLabel(readTicketFields(handle.doc) ?? top);
          if (attempt.kind === 'claimed') this.#watch(top.id, label, attempt.claim.write, handle);
          this.#give(top.id);
          this.#announcement = tookTicket({ ticket: label });
          ws.sync.keep(name);
          await nav.open(top.id);
          // The ticket is on screen first; then its summary goes into the index (which has the
          // board and every list re-read thousands of summaries) and the ticket to the server.
          afterPaint(() => {
            if (!handle.stale) refreshSummary(ws.editContext, handle.doc);
            if (attempt.kind === 'claimed') this.#send(name, handle);
            else handle.release();
          });
          return;
        }
        // The document knew better than the index (someone has it, or it is solved).
        refreshSummary(ws.editContext, handle.doc);
        handle.release();
      }
      ws.toasts.show(notHere > 0 && !ws.sync.status.online ? queueNotOnDevice() : queueEmpty());
    } catch (error) {
      ws.handleError(error, couldNotTakeNext());
    } finally {
      this.#busy = false;
    }
  }

  #give(ticketId: string): void {
    this.#given = [...this.#given.filter((id) => id !== ticketId), ticketId].slice(-500);
  }

  /**
   * Sends the claimed ticket now: the server checks a summary against its own copy of the
   * ticket, and would put the old one back until the ticket arrives, so the summary is written
   * again once it has.
   */
  #send(name: string, handle: DocHandle): void {
    const ws = this.#ws;
    if (!ws.sync.status.online) return;
    ws.sync
      .push([name])
      .then((answered) => {
        if (answered && !handle.stale) refreshSummary(ws.editContext, handle.doc);
      })
      .catch((error: unknown) => console.warn('[baton] could not send the claimed ticket', error));
  }

  #watch(ticketId: string, label: string, write: string, handle: DocHandle): void {
    this.#unwatch(ticketId);
    const oldest = [...this.#watched.values()].sort((a, b) => a.since - b.since);
    while (oldest.length >= MAX_WATCHED) {
      const first = oldest.shift();
      if (first) this.#unwatch(first.ticketId);
    }
    let scheduled = false;
    const onUpdate = () => {
      if (scheduled) return;
      scheduled = true;
      // After the transaction and whatever else arrives in the same turn.
      setTimeout(() => {
        scheduled = false;
        this.#check(ticketId);
      }, 0);
    };
    handle.doc.on('update', onUpdate);
    this.#watched.set(ticketId, {
      ticketId,
      label,
      write,
      handle,
      since: this.#ws.now(),
      stop: () => handle.doc.off('update', onUpdate)
    });
    this.#timer ??= setInterval(() => this.#checkIndex(), INDEX_CHECK_MS);
  }

  #unwatch(ticketId: string): void {
    const watched = this.#watched.get(ticketId);
    if (!watched) return;
    this.#watched.delete(ticketId);
    watched.stop();
    watched.handle.release();
    if (this.#watched.size === 0 && this.#timer !== null) {
      clearInterval(this.#timer);
      this.#timer = null;
    }
  }

  /** Pulls a watched ticket the index no longer shows as the member's. */
  #checkIndex(): void {
    const ws = this.#ws;
    const now = ws.now();
    for (const watched of [...this.#watched.values()]) {
      if (watched.handle.stale || now - watched.since > WATCH_MS) {
        this.#unwatch(watched.ticketId);
        continue;
      }
      const summary = ws.index.snapshot.tickets.find((t) => t.id === watched.ticketId);
      if (summary && summary.assigneeId !== ws.actor.id && ws.sync.status.online) {
        void ws.sync.push([watched.handle.name]).catch(() => undefined);
      }
    }
  }

  /** Reads a watched claim again: settles the field when needed, tells a lost race. */
  #check(ticketId: string): void {
    const watched = this.#watched.get(ticketId);
    if (!watched) return;
    const ws = this.#ws;
    const doc = watched.handle.doc;
    try {
      const settleTo = resolveClaims(claimView(doc)).settleTo;
      if (settleTo !== null && this.allowed && !watched.handle.stale) {
        editTicket(ws.editContext, doc, settleClaims);
        this.#send(watched.handle.name, watched.handle);
      }
    } catch (error) {
      console.warn('[baton] could not settle the claims of a ticket', error);
    }
    const outcome = claimOutcome(claimView(doc), watched.write);
    if (outcome.kind === 'held') return;
    this.#unwatch(ticketId);
    if (outcome.kind !== 'lost') return;
    const nav = this.#nav;
    const onIt = nav?.current() === ticketId;
    const fields = readTicketFields(doc);
    const ticket = fields ? ticketLabel(fields) : watched.label;
    const name = outcome.by
      ? (ws.index.snapshot.members.get(outcome.by)?.name ?? unknownMember())
      : null;
    const message = onIt
      ? name
        ? lostToAndMoved({ ticket, name })
        : lostAndMoved({ ticket })
      : name
        ? lostTo({ ticket, name })
        : lost({ ticket });
    ws.toasts.show(message, 'error');
    this.#announcement = message;
    if (onIt && nav) void this.take(nav, [ticketId]);
  }

  /** Stops watching (for tests, and when the workspace closes). */
  reset(): void {
    for (const id of [...this.#watched.keys()]) this.#unwatch(id);
    this.#busy = false;
    this.#given = [];
    this.#announcement = '';
    this.#nav = null;
  }
}

const sessions = new WeakMap<WorkspaceSession, NextTicket>();

/** The one `NextTicket` of a workspace session (the board, triage and the keyboard share it). */
export function nextTicketFor(ws: WorkspaceSession): NextTicket {
  let next = sessions.get(ws);
  if (!next) {
    next = new NextTicket(ws);
    sessions.set(ws, next);
  }
  return next;
}
