/**
 * The authorization matrix: every role (and a stranger from another workspace) × every
 * document kind × read and write, over the WebSocket relay with the stock y-websocket client
 * and over the batch sync, asserting exactly the allowed cells. "Write" means the server
 * stored the change; "read" means the client received the document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  articleDocName,
  indexDocName,
  settingsDocName,
  ticketDocName
} from '../../src/lib/domain/doc-names.ts';
import {
  addThreadEntry,
  assign,
  createTicket,
  readActivity,
  readTicket,
  readTicketFields,
  setPriority
} from '../../src/lib/domain/ticket.ts';
import { putCustomer, putMember, readIndex } from '../../src/lib/domain/workspace-index.ts';
import { personalKey, putPersonalRecord } from '../../src/lib/domain/saved-view.ts';
import { putSettingsRecord, readRouting, readSettings } from '../../src/lib/domain/settings.ts';
import { registerSurveyServices } from '../../src/lib/server/survey-services.ts';
import * as surveyRoute from '../../src/routes/survey/[token]/+server.ts';
import {
  articleBodyText,
  createArticle,
  editArticle,
  readArticleFields
} from '../../src/lib/domain/article.ts';
import { claimTicket, readClaimRecords } from '../../src/lib/domain/next-ticket.ts';
import { insertArticle } from '../../src/lib/domain/article-link.ts';
import { mergeTickets, readMergeState } from '../../src/lib/domain/merge.ts';
import {
  addSideParticipants,
  postSideMessage,
  readSideConversations,
  startSideConversation
} from '../../src/lib/domain/side-conversation.ts';
import { startBaton, tempDir, until, type RunningBaton } from './helpers.ts';
import {
  ROLE_LIST,
  barrier,
  batch,
  client,
  outcome,
  person,
  team,
  type Person,
  type Team
} from './auth-helpers.ts';
import { call, registerBaton } from './routes.ts';
import {
  blobPath,
  mailEntryPath,
  mailHeldPath,
  mailImportPath,
  mailboxPath,
  mailboxTestPath,
  mailboxesPath,
  mailOAuthPath,
  MAIL_OAUTH_CALLBACK_PATH
} from '../../src/lib/contract/endpoints.ts';
import * as mailboxRoute from '../../src/routes/api/workspaces/[workspace]/mail/mailbox/+server.ts';
import * as mailboxTestRoute from '../../src/routes/api/workspaces/[workspace]/mail/mailbox/test/+server.ts';
import * as mailboxesRoute from '../../src/routes/api/workspaces/[workspace]/mail/mailboxes/+server.ts';
import * as oneMailboxRoute from '../../src/routes/api/workspaces/[workspace]/mail/mailboxes/[mailbox]/+server.ts';
import * as oneMailboxTestRoute from '../../src/routes/api/workspaces/[workspace]/mail/mailboxes/[mailbox]/test/+server.ts';
import * as mailOAuthRoute from '../../src/routes/api/workspaces/[workspace]/mail/oauth/[mailbox]/+server.ts';
import * as mailOAuthCallbackRoute from '../../src/routes/api/mail/oauth/callback/+server.ts';
import * as importRoute from '../../src/routes/api/workspaces/[workspace]/mail/import/+server.ts';
import * as importJobRoute from '../../src/routes/api/workspaces/[workspace]/mail/import/[job]/+server.ts';
import * as entryRoute from '../../src/routes/api/workspaces/[workspace]/mail/entries/[ticket]/[entry]/+server.ts';
import * as heldRoute from '../../src/routes/api/workspaces/[workspace]/mail/held/+server.ts';
import * as heldRawRoute from '../../src/routes/api/workspaces/[workspace]/mail/held/[id]/raw/+server.ts';
import * as heldRetryRoute from '../../src/routes/api/workspaces/[workspace]/mail/held/[id]/retry/+server.ts';
import * as blobRoute from '../../src/routes/api/workspaces/[workspace]/blobs/[hash]/+server.ts';
import * as replyAttachmentRoute from '../../src/routes/api/workspaces/[workspace]/mail/attachments/+server.ts';
import * as replyRetryRoute from '../../src/routes/api/workspaces/[workspace]/mail/replies/[ticket]/[entry]/retry/+server.ts';
import * as signatureRoute from '../../src/routes/api/workspaces/[workspace]/mail/signature/+server.ts';
import {
  replyAttachmentPath,
  replyRetryPath,
  signaturePath
} from '../../src/lib/contract/replies.ts';
import * as tokensRoute from '../../src/routes/api/workspaces/[workspace]/tokens/+server.ts';
import * as auditRoute from '../../src/routes/api/workspaces/[workspace]/audit/+server.ts';
import * as auditCsvRoute from '../../src/routes/api/workspaces/[workspace]/audit/csv/+server.ts';
import * as reportsRoute from '../../src/routes/api/workspaces/[workspace]/reports/+server.ts';
import * as reportTicketsRoute from '../../src/routes/api/workspaces/[workspace]/reports/tickets/+server.ts';
import * as reportCsvRoute from '../../src/routes/api/workspaces/[workspace]/reports/csv/+server.ts';
import * as searchRoute from '../../src/routes/api/workspaces/[workspace]/search/+server.ts';
import * as helpStatusRoute from '../../src/routes/api/workspaces/[workspace]/help-centre/+server.ts';
import * as helpFeedbackRoute from '../../src/routes/api/workspaces/[workspace]/help-centre/feedback/[article]/+server.ts';
import * as helpPageRoute from '../../src/routes/help/[slug]/[...path]/+server.ts';
import * as archiveRoute from '../../src/routes/api/workspaces/[workspace]/archive/+server.ts';
import * as automationsRoute from '../../src/routes/api/workspaces/[workspace]/automations/+server.ts';
import * as automationTestRoute from '../../src/routes/api/workspaces/[workspace]/automations/test/+server.ts';
import { readAutomations } from '../../src/lib/domain/automation-record.ts';
import {
  CustomFieldRecord,
  fieldValue,
  putFieldDefinition,
  readCustomFields,
  setFieldValue
} from '../../src/lib/domain/custom-fields.ts';

type Cell =
  | 'index'
  | 'settings'
  | 'routing'
  | 'routing-turn'
  | 'ticket'
  | 'ticket-note'
  | 'ticket-claim'
  | 'ticket-claim-other'
  | 'ticket-merge'
  | 'profile-own'
  | 'profile-other'
  | 'view-own'
  | 'view-other'
  | 'article'
  | 'article-editors'
  | 'surveys'
  | 'ticket-rating'
  | 'ticket-article'
  | 'help-centre'
  | 'automations'
  | 'ticket-automation'
  | 'side-start'
  | 'side-named'
  | 'side-not-named'
  | 'side-add'
  | 'side-add-outsider'
  | 'fields'
  | 'ticket-field';
const CELLS: Cell[] = [
  'index',
  'settings',
  'routing',
  'routing-turn',
  'ticket',
  'ticket-note',
  'ticket-claim',
  'ticket-claim-other',
  'ticket-merge',
  'profile-own',
  'profile-other',
  'view-own',
  'view-other',
  'article',
  'article-editors',
  'surveys',
  'ticket-rating',
  'ticket-article',
  'help-centre',
  'automations',
  'ticket-automation',
  'side-start',
  'side-named',
  'side-not-named',
  'side-add',
  'side-add-outsider',
  'fields',
  'ticket-field'
];
type Who = (typeof ROLE_LIST)[number] | 'stranger';
const WHO: Who[] = [...ROLE_LIST, 'stranger'];

/** What may be read: every kind for members; drafts of articles too (the team's). */
const READ: Record<Who, Record<'index' | 'settings' | 'ticket' | 'article', boolean>> = {
  owner: { index: true, settings: true, ticket: true, article: true },
  admin: { index: true, settings: true, ticket: true, article: true },
  agent: { index: true, settings: true, ticket: true, article: true },
  'light-agent': { index: true, settings: true, ticket: true, article: true },
  viewer: { index: true, settings: true, ticket: true, article: true },
  stranger: { index: false, settings: false, ticket: false, article: false }
};

/**
 * What may be written. `ticket` is a field change; `ticket-note` an internal note; `routing`
 * the assignment mode in the settings' routing root; `routing-turn` round-robin's turn there,
 * which only the server's routing worker writes; `ticket-claim` taking a free ticket as one's
 * next (`domain/next-ticket.ts`), `ticket-claim-other` a claim recorded in another member's name;
 * `profile-own` the writer's own profile in the index (split hours, a vacation, a skill),
 * `profile-other` another member's (#12 item 6: agents their own, owners and admins anyone's);
 * `view-own` a saved view in the writer's own part of the index's personal root, `view-other`
 * one in another member's part (`domain/saved-view.ts`: its owner's alone, admins included;
 * light agents and viewers read the index only, so they use the team's views);
 * `surveys` the settings' survey record (CSAT/NPS on/off, delay: owners and admins);
 * `help-centre` the settings' public help centre record (on/off, slug: owners and admins);
 * `automations` a rule in the settings' automations root (owners and admins);
 * `ticket-automation` an automation run logged in a ticket's activity: the server's only;
 * `ticket-rating` a customer's survey answer written into a ticket's activity, which only the
 * server writes (`server/surveys/answers.ts`), so nobody's client may;
 * `ticket-article` a knowledge-base article inserted into the reply draft with its
 * `article-inserted` activity (`domain/article-link.ts`): whoever may change tickets.
 * `ticket-merge` merges a ticket into another (`domain/merge.ts`; the source's side): whoever
 * may change tickets.
 * `side-start` starts a side conversation on a ticket (`domain/side-conversation.ts`): whoever
 * may change tickets; `side-named` / `side-not-named` a message in one the owner started with
 * every member but the owner / with the agent only: whoever may change tickets, and a light
 * agent where named. `side-add` adds the viewer to one the owner started with every other member
 * (not the viewer): whoever may change tickets, and the light agent who takes part;
 * `side-add-outsider` adds someone who is no member of the workspace: nobody.
 * `fields` defines a custom field in the settings' fields root (owners and admins);
 * `ticket-field` sets a custom field's value on a ticket (`domain/custom-fields.ts`): whoever
 * may change tickets, not light agents or viewers.
 */
const WRITE: Record<Who, Record<Cell, boolean>> = {
  owner: {
    index: true,
    settings: true,
    routing: true,
    'routing-turn': false,
    ticket: true,
    'ticket-note': true,
    'ticket-claim': true,
    'ticket-claim-other': false,
    'ticket-merge': true,
    'profile-own': true,
    'profile-other': true,
    'view-own': true,
    'view-other': false,
    article: true,
    'article-editors': true,
    surveys: true,
    'ticket-rating': false,
    'ticket-article': true,
    'help-centre': true,
    automations: true,
    'ticket-automation': false,
    'side-start': true,
    'side-named': true,
    'side-not-named': true,
    'side-add': true,
    'side-add-outsider': false,
    fields: true,
    'ticket-field': true
  },
  admin: {
    index: true,
    settings: true,
    routing: true,
    'routing-turn': false,
    ticket: true,
    'ticket-note': true,
    'ticket-claim': true,
    'ticket-claim-other': false,
    'ticket-merge': true,
    'profile-own': true,
    'profile-other': true,
    'view-own': true,
    'view-other': false,
    article: true,
    'article-editors': true,
    surveys: true,
    'ticket-rating': false,
    'ticket-article': true,
    'help-centre': true,
    automations: true,
    'ticket-automation': false,
    'side-start': true,
    'side-named': true,
    'side-not-named': true,
    'side-add': true,
    'side-add-outsider': false,
    fields: true,
    'ticket-field': true
  },
  agent: {
    index: true,
    settings: false,
    routing: false,
    'routing-turn': false,
    ticket: true,
    'ticket-note': true,
    'ticket-claim': true,
    'ticket-claim-other': false,
    'ticket-merge': true,
    'profile-own': true,
    'profile-other': false,
    'view-own': true,
    'view-other': false,
    article: true,
    'article-editors': false,
    surveys: false,
    'ticket-rating': false,
    'ticket-article': true,
    'help-centre': false,
    automations: false,
    'ticket-automation': false,
    'side-start': true,
    'side-named': true,
    'side-not-named': true,
    'side-add': true,
    'side-add-outsider': false,
    fields: false,
    'ticket-field': true
  },
  'light-agent': {
    index: false,
    settings: false,
    routing: false,
    'routing-turn': false,
    ticket: false,
    'ticket-note': true,
    'ticket-claim': false,
    'ticket-claim-other': false,
    'ticket-merge': false,
    'profile-own': false,
    'profile-other': false,
    'view-own': false,
    'view-other': false,
    article: false,
    'article-editors': false,
    surveys: false,
    'ticket-rating': false,
    'ticket-article': false,
    'help-centre': false,
    automations: false,
    'ticket-automation': false,
    'side-start': false,
    'side-named': true,
    'side-not-named': false,
    'side-add': true,
    'side-add-outsider': false,
    fields: false,
    'ticket-field': false
  },
  viewer: {
    index: false,
    settings: false,
    routing: false,
    'routing-turn': false,
    ticket: false,
    'ticket-note': false,
    'ticket-claim': false,
    'ticket-claim-other': false,
    'ticket-merge': false,
    'profile-own': false,
    'profile-other': false,
    'view-own': false,
    'view-other': false,
    article: false,
    'article-editors': false,
    surveys: false,
    'ticket-rating': false,
    'ticket-article': false,
    'help-centre': false,
    automations: false,
    'ticket-automation': false,
    'side-start': false,
    'side-named': false,
    'side-not-named': false,
    'side-add': false,
    'side-add-outsider': false,
    fields: false,
    'ticket-field': false
  },
  stranger: {
    index: false,
    settings: false,
    routing: false,
    'routing-turn': false,
    ticket: false,
    'ticket-note': false,
    'ticket-claim': false,
    'ticket-claim-other': false,
    'ticket-merge': false,
    'profile-own': false,
    'profile-other': false,
    'view-own': false,
    'view-other': false,
    article: false,
    'article-editors': false,
    surveys: false,
    'ticket-rating': false,
    'ticket-article': false,
    'help-centre': false,
    automations: false,
    'ticket-automation': false,
    'side-start': false,
    'side-named': false,
    'side-not-named': false,
    'side-add': false,
    'side-add-outsider': false,
    fields: false,
    'ticket-field': false
  }
};

let dir: ReturnType<typeof tempDir>;
let relay: RunningBaton;
let t: Team;
let counter = 0;

beforeAll(async () => {
  dir = tempDir();
  relay = await startBaton(dir.path);
  registerBaton(relay.baton);
  registerSurveyServices(relay.baton.surveys.answers.services());
  t = team(relay.baton);
});

afterAll(async () => {
  await relay.stop();
  dir.remove();
});

function who(name: Who): Person {
  if (name === 'stranger') return t.stranger;
  const p = t.byRole.get(name);
  if (!p) throw new Error(`no ${name}`);
  return p;
}

/** A ticket in the team's workspace, created by its owner through the checked write path. */
function freshTicket(): string {
  counter++;
  const id = `matrix-ticket-${process.pid}-${counter}`;
  const doc = new Y.Doc();
  createTicket(
    doc,
    { id, workspaceId: t.workspaceId, subject: 'Matrix', channel: 'web' },
    { id: t.owner.id, name: t.owner.name },
    Date.now()
  );
  const verdict = relay.baton.docs.applyFromClient(ticketDocName(id), Y.encodeStateAsUpdate(doc), {
    memberId: t.owner.id,
    workspaceId: ''
  });
  if (!verdict.ok) throw new Error(`${verdict.reason}: ${verdict.detail}`);
  return id;
}

/** A ticket with a side conversation the owner started with `participantIds`. */
function freshSideConversation(participantIds: string[]): { name: string; conversationId: string } {
  const name = ticketDocName(freshTicket());
  const local = new Y.Doc();
  const state = relay.baton.docs.read(name, (d) => Y.encodeStateAsUpdate(d));
  if (state) Y.applyUpdate(local, state);
  const before = Y.encodeStateVector(local);
  const conversationId = startSideConversation(
    local,
    { subject: 'Matrix side', participantIds, body: 'Can you help?' },
    { id: t.owner.id, name: t.owner.name },
    Date.now()
  );
  const verdict = relay.baton.docs.applyFromClient(name, Y.encodeStateAsUpdate(local, before), {
    memberId: t.owner.id,
    workspaceId: ''
  });
  if (!verdict.ok) throw new Error(`${verdict.reason}: ${verdict.detail}`);
  return { name, conversationId };
}

/** An article in the team's workspace, created by its owner through the checked write path. */
function freshArticle(): string {
  counter++;
  const id = `matrix-article-${process.pid}-${counter}`;
  const doc = new Y.Doc({ gc: false });
  createArticle(
    doc,
    { id, workspaceId: t.workspaceId, title: 'Matrix', language: 'en' },
    { id: t.owner.id, name: t.owner.name },
    Date.now()
  );
  const verdict = relay.baton.docs.applyFromClient(articleDocName(id), Y.encodeStateAsUpdate(doc), {
    memberId: t.owner.id,
    workspaceId: ''
  });
  if (!verdict.ok) throw new Error(`${verdict.reason}: ${verdict.detail}`);
  return id;
}

/** The owner sets who writes the knowledge base (the settings' `kb` record). */
function setKbEditors(whoEdits: 'agents' | 'editors'): void {
  const name = settingsDocName(t.workspaceId);
  const local = new Y.Doc();
  const state = relay.baton.docs.read(name, (d) => Y.encodeStateAsUpdate(d));
  if (state) Y.applyUpdate(local, state);
  const before = Y.encodeStateVector(local);
  local.getMap('kb').set('kb', { id: 'kb', whoEdits, editors: [] });
  const verdict = relay.baton.docs.applyFromClient(name, Y.encodeStateAsUpdate(local, before), {
    memberId: t.owner.id,
    workspaceId: ''
  });
  if (!verdict.ok) throw new Error(`${verdict.reason}: ${verdict.detail}`);
}

/** A paragraph with `text` at the end of an article's body, as the editor writes one. */
function appendParagraph(doc: Y.Doc, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  const body = doc.getXmlFragment('body');
  body.insert(body.length, [paragraph]);
}

interface WriteCase {
  name: string;
  /** Changes the client's copy. */
  change(doc: Y.Doc, actor: Person): void;
  /** Whether the server's copy holds the change. */
  stored(): boolean;
}

function writeCase(cell: Cell): WriteCase {
  counter++;
  const key = `k-${process.pid}-${counter}`;
  const docs = relay.baton.docs;
  switch (cell) {
    case 'index': {
      const name = indexDocName(t.workspaceId);
      return {
        name,
        change: (doc) =>
          putCustomer(doc, { id: `customer-${key}`, name: 'Ada', email: `${key}@example.test` }),
        stored: () => docs.read(name, (d) => readIndex(d).customers.has(`customer-${key}`)) === true
      };
    }
    case 'settings': {
      const name = settingsDocName(t.workspaceId);
      return {
        name,
        change: (doc) => doc.getMap('views').set(`view-${key}`, { id: `view-${key}`, name: key }),
        stored: () => docs.read(name, (d) => d.getMap('views').has(`view-${key}`)) === true
      };
    }
    case 'routing': {
      const name = settingsDocName(t.workspaceId);
      const capacity = (counter % 900) + 1;
      // Manual: routing stays off, so it assigns none of the matrix's tickets.
      const record = { kind: 'assignment', id: 'assignment', mode: 'manual', capacity };
      return {
        name,
        change: (doc) => doc.getMap('routing').set('assignment', record),
        stored: () => docs.read(name, (d) => readRouting(d).capacity === capacity) === true
      };
    }
    case 'routing-turn': {
      const name = settingsDocName(t.workspaceId);
      const lastMemberId = `member-${key}`;
      return {
        name,
        change: (doc) =>
          doc
            .getMap('routing')
            .set('round-robin', { kind: 'turn', id: 'round-robin', lastMemberId, at: 1 }),
        stored: () => docs.read(name, (d) => readRouting(d).lastMemberId === lastMemberId) === true
      };
    }
    case 'ticket': {
      const name = ticketDocName(freshTicket());
      return {
        name,
        change: (doc, actor) =>
          setPriority(doc, 'urgent', { id: actor.id, name: actor.name }, Date.now()),
        stored: () => docs.read(name, (d) => readTicketFields(d)?.priority === 'urgent') === true
      };
    }
    case 'ticket-note': {
      const name = ticketDocName(freshTicket());
      return {
        name,
        change: (doc, actor) =>
          addThreadEntry(
            doc,
            'note',
            `note ${key}`,
            { id: actor.id, name: actor.name },
            Date.now()
          ),
        stored: () =>
          docs.read(name, (d) => readTicket(d)?.thread.some((e) => e.body === `note ${key}`)) ===
          true
      };
    }
    case 'side-start': {
      const name = ticketDocName(freshTicket());
      return {
        name,
        change: (doc, actor) =>
          startSideConversation(
            doc,
            {
              subject: `side ${key}`,
              participantIds: [actor.id === t.owner.id ? who('agent').id : t.owner.id],
              body: 'Have a look?'
            },
            { id: actor.id, name: actor.name },
            Date.now()
          ),
        stored: () =>
          docs.read(name, (d) =>
            readSideConversations(d).some((v) => v.conversation.subject === `side ${key}`)
          ) === true
      };
    }
    case 'side-named':
    case 'side-not-named': {
      const named =
        cell === 'side-named'
          ? [...t.byRole.values()].filter((p) => p.id !== t.owner.id).map((p) => p.id)
          : [who('agent').id];
      const { name, conversationId } = freshSideConversation(named);
      return {
        name,
        change: (doc, actor) =>
          postSideMessage(
            doc,
            conversationId,
            `side ${key}`,
            { id: actor.id, name: actor.name },
            Date.now()
          ),
        stored: () =>
          docs.read(name, (d) =>
            readSideConversations(d).some((v) => v.messages.some((m) => m.body === `side ${key}`))
          ) === true
      };
    }
    case 'side-add':
    case 'side-add-outsider': {
      const viewer = who('viewer').id;
      const named = [...t.byRole.values()]
        .filter((p) => p.id !== t.owner.id && p.id !== viewer)
        .map((p) => p.id);
      const { name, conversationId } = freshSideConversation(named);
      const added = cell === 'side-add' ? viewer : 'member-not-in-this-workspace';
      return {
        name,
        change: (doc, actor) =>
          addSideParticipants(
            doc,
            conversationId,
            [added],
            { id: actor.id, name: actor.name },
            Date.now()
          ),
        stored: () =>
          docs.read(name, (d) =>
            readSideConversations(d).some((v) => v.participants.includes(added))
          ) === true
      };
    }
    case 'ticket-merge': {
      const name = ticketDocName(freshTicket());
      const targetId = freshTicket();
      return {
        name,
        change: (doc, actor) => {
          const target = new Y.Doc();
          const state = docs.read(ticketDocName(targetId), (d) => Y.encodeStateAsUpdate(d));
          if (state) Y.applyUpdate(target, state);
          mergeTickets(doc, target, { id: actor.id, name: actor.name }, Date.now());
        },
        stored: () =>
          docs.read(name, (d) => readMergeState(d).mergedInto?.targetId === targetId) === true
      };
    }
    case 'ticket-claim':
    case 'ticket-claim-other': {
      const name = ticketDocName(freshTicket());
      const forOther = cell === 'ticket-claim-other';
      let claimant = '';
      return {
        name,
        change: (doc, actor) => {
          const writer = { id: actor.id, name: actor.name };
          if (!forOther) {
            claimant = actor.id;
            claimTicket(doc, writer, Date.now());
            return;
          }
          // Signed by the writer everywhere else (an agent may assign anyone), but recorded
          // as the other member's claim.
          claimant = actor.id === t.owner.id ? who('agent').id : t.owner.id;
          const version = () => {
            const item = doc.getMap('ticket')._map.get('assigneeId');
            return item ? `${item.id.client}:${item.id.clock}` : '0:0';
          };
          doc.transact(() => {
            const basis = version();
            assign(doc, claimant, writer, Date.now());
            const write = version();
            doc
              .getMap('claims')
              .set(write, { kind: 'claim', memberId: claimant, at: Date.now(), basis, write });
          });
        },
        stored: () =>
          docs.read(name, (d) =>
            [...readClaimRecords(d).values()].some((r) => r.memberId === claimant)
          ) === true
      };
    }
    case 'profile-own':
    case 'profile-other': {
      const name = indexDocName(t.workspaceId);
      const skill = `s${counter}`;
      let memberId = '';
      return {
        name,
        change: (doc, actor) => {
          memberId = cell === 'profile-own' ? actor.id : `member-other-${key}`;
          const day: [string, string][] = [
            ['08:00', '12:00'],
            ['13:00', '17:00']
          ];
          putMember(doc, {
            id: memberId,
            name: actor.name,
            timeZone: 'Europe/Helsinki',
            workingHours: { mon: day, tue: day, wed: day, thu: day, fri: [], sat: [], sun: [] },
            skills: [skill],
            away: [{ id: `away-${key}`, kind: 'vacation', from: 1, to: 2, substituteId: null }]
          });
        },
        stored: () =>
          docs.read(name, (d) => readIndex(d).members.get(memberId)?.skills.includes(skill)) ===
          true
      };
    }
    case 'view-own':
    case 'view-other': {
      const name = indexDocName(t.workspaceId);
      let memberId = '';
      const viewId = `view-${counter}`;
      return {
        name,
        change: (doc, actor) => {
          memberId = cell === 'view-own' ? actor.id : `member-other-${key}`;
          const refused = putPersonalRecord(doc, memberId, {
            kind: 'view',
            view: { id: viewId, name: `Mine ${key}`, filter: { statuses: ['open'] } }
          });
          if (refused) throw new Error(refused);
        },
        stored: () =>
          docs.read(name, (d) => d.getMap('personal').has(personalKey(memberId, viewId))) === true
      };
    }
    case 'surveys': {
      const name = settingsDocName(t.workspaceId);
      const delayMinutes = (counter % 900) + 1;
      return {
        name,
        change: (doc) => {
          const refused = putSettingsRecord(doc, 'surveys', {
            id: 'csat',
            enabled: false,
            delayMinutes,
            channels: ['email'],
            scale: 'good-bad'
          });
          if (refused) throw new Error(refused);
        },
        stored: () =>
          docs.read(name, (d) => readSettings(d).surveys.csat.delayMinutes === delayMinutes) ===
          true
      };
    }
    case 'automations': {
      const name = settingsDocName(t.workspaceId);
      const ruleName = `Auto-close ${key}`;
      return {
        name,
        change: (doc) => {
          const refused = putSettingsRecord(doc, 'automations', {
            id: 'matrix-close',
            name: ruleName,
            position: 1,
            enabled: false,
            trigger: 'time',
            conditions: { status: ['solved'], hoursSinceSolved: { atLeast: 168 } },
            actions: { status: 'closed' }
          });
          if (refused) throw new Error(refused);
        },
        stored: () =>
          docs.read(name, (d) => readAutomations(d).some((rule) => rule.name === ruleName)) === true
      };
    }
    case 'ticket-automation': {
      const name = ticketDocName(freshTicket());
      return {
        name,
        change: (doc, actor) =>
          doc
            .getArray('activity')
            .push([
              { at: Date.now(), actorId: actor.id, kind: 'automation', from: 'Fake', to: 'note' }
            ]),
        stored: () =>
          docs.read(name, (d) => readActivity(d).some((e) => e.kind === 'automation')) === true
      };
    }
    case 'fields': {
      const name = settingsDocName(t.workspaceId);
      const id = `field-${counter}`;
      return {
        name,
        change: (doc) => {
          const refused = putFieldDefinition(doc, {
            ...MATRIX_FIELD,
            id,
            key: `matrix_${counter}`,
            label: `Field ${key}`
          });
          if (refused) throw new Error(refused);
        },
        stored: () =>
          docs.read(name, (d) => readCustomFields(d).all.some((f) => f.id === id)) === true
      };
    }
    case 'ticket-field': {
      // The server checks values against the workspace's definitions: the field exists first.
      defineMatrixField();
      const name = ticketDocName(freshTicket());
      return {
        name,
        change: (doc, actor) =>
          setFieldValue(doc, MATRIX_FIELD, true, { id: actor.id, name: actor.name }, Date.now()),
        stored: () => docs.read(name, (d) => fieldValue(d, 'matrix_vip') === true) === true
      };
    }
    case 'help-centre': {
      const name = settingsDocName(t.workspaceId);
      const helpName = `Help ${key}`;
      return {
        name,
        change: (doc) => {
          const refused = putSettingsRecord(doc, 'helpCentre', {
            id: 'help-centre',
            enabled: false,
            slug: 'matrix-help',
            name: helpName,
            colour: '#224488'
          });
          if (refused) throw new Error(refused);
        },
        stored: () => docs.read(name, (d) => readSettings(d).helpCentre?.name === helpName) === true
      };
    }
    case 'ticket-rating': {
      const name = ticketDocName(freshTicket());
      return {
        name,
        change: (doc, actor) =>
          doc
            .getArray('activity')
            .push([
              { at: Date.now(), actorId: actor.id, kind: 'rating', from: 'csat', to: 'good' }
            ]),
        stored: () =>
          docs.read(name, (d) => readActivity(d).some((e) => e.kind === 'rating')) === true
      };
    }
    case 'ticket-article': {
      const name = ticketDocName(freshTicket());
      return {
        name,
        change: (doc, actor) => {
          insertArticle(
            doc,
            { articleId: `article-${key}`, mode: 'link', text: `Article ${key}`, caret: 0 },
            { id: actor.id, name: actor.name },
            Date.now()
          );
        },
        stored: () =>
          docs.read(name, (d) =>
            readActivity(d).some(
              (e) => e.kind === 'article-inserted' && e.from === `article-${key}`
            )
          ) === true
      };
    }
    case 'article':
    case 'article-editors': {
      const name = articleDocName(freshArticle());
      // Editors only: agents lose the write, owners and admins keep it (`mayEditArticles`).
      if (cell === 'article-editors') setKbEditors('editors');
      return {
        name,
        change: (doc, actor) => {
          editArticle(doc, { title: key }, { id: actor.id, name: actor.name }, Date.now());
          appendParagraph(doc, key);
        },
        stored: () => {
          if (cell === 'article-editors') setKbEditors('agents');
          return (
            docs.read(
              name,
              (d) => readArticleFields(d)?.title === key && articleBodyText(d).includes(key)
            ) === true
          );
        }
      };
    }
  }
}

/** The custom field the `ticket-field` cell sets, defined once by the owner. */
const MATRIX_FIELD = CustomFieldRecord.parse({
  id: 'matrix-vip',
  key: 'matrix_vip',
  label: 'VIP',
  type: 'checkbox',
  requiredOnSolve: false,
  archived: false
});

function defineMatrixField(): void {
  const name = settingsDocName(t.workspaceId);
  const defined = relay.baton.docs.read(name, (d) => readCustomFields(d).byKey.has('matrix_vip'));
  if (defined) return;
  const local = new Y.Doc();
  const state = relay.baton.docs.read(name, (d) => Y.encodeStateAsUpdate(d));
  if (state) Y.applyUpdate(local, state);
  const before = Y.encodeStateVector(local);
  const refused = putFieldDefinition(local, MATRIX_FIELD);
  if (refused) throw new Error(refused);
  const verdict = relay.baton.docs.applyFromClient(name, Y.encodeStateAsUpdate(local, before), {
    memberId: t.owner.id,
    workspaceId: ''
  });
  if (!verdict.ok) throw new Error(`${verdict.reason}: ${verdict.detail}`);
}

function readName(kind: 'index' | 'settings' | 'ticket' | 'article'): string {
  switch (kind) {
    case 'index':
      return indexDocName(t.workspaceId);
    case 'settings':
      return settingsDocName(t.workspaceId);
    case 'ticket':
      return ticketDocName(freshTicket());
    case 'article':
      return articleDocName(freshArticle());
  }
}

const KINDS = ['index', 'settings', 'ticket', 'article'] as const;

describe('authorization matrix over the relay (stock WebsocketProvider)', () => {
  it('reads exactly the allowed documents; the others close with 4403', async () => {
    const actual: Record<string, Record<string, boolean>> = {};
    const codes: number[] = [];
    for (const w of WHO) {
      actual[w] = {};
      for (const kind of KINDS) {
        const c = client(relay.syncUrl, readName(kind), { cookie: who(w).cookie });
        try {
          const result = await outcome(c, `${w} opens ${kind}`);
          actual[w][kind] = result === 'synced';
          if (result !== 'synced') codes.push(result);
          if (kind === 'index' && result === 'synced') {
            // The client really holds the document: the owner's profile seeded at creation.
            expect(readIndex(c.doc).members.has(t.owner.id)).toBe(true);
          }
        } finally {
          c.destroy();
        }
      }
    }
    expect(actual).toEqual(READ);
    expect(new Set(codes)).toEqual(new Set([4403]));
  });

  it('stores exactly the allowed writes', async () => {
    const actual: Record<string, Record<string, boolean>> = {};
    for (const w of WHO) {
      actual[w] = {};
      for (const cell of CELLS) {
        const write = writeCase(cell);
        const c = client(relay.syncUrl, write.name, { cookie: who(w).cookie });
        try {
          const opened = await outcome(c, `${w} opens ${cell}`);
          if (opened === 'synced') {
            write.change(c.doc, who(w));
            await barrier(c, `${w} writes ${cell}`);
          }
          actual[w][cell] = write.stored();
        } finally {
          c.destroy();
        }
      }
    }
    expect(actual).toEqual(WRITE);
  });
});

describe('authorization matrix over the batch sync', () => {
  it('reads exactly the allowed documents', async () => {
    const actual: Record<string, Record<string, boolean>> = {};
    for (const w of WHO) {
      actual[w] = {};
      for (const kind of KINDS) {
        const { status, doc } = await batch(relay.baton, { cookie: who(w).cookie }, readName(kind));
        expect(status).toBe(200);
        actual[w][kind] = doc?.ok === true;
        if (doc && !doc.ok) expect(doc.reason).toBe('forbidden');
      }
    }
    expect(actual).toEqual(READ);
  });

  it('stores exactly the allowed writes', async () => {
    const actual: Record<string, Record<string, boolean>> = {};
    for (const w of WHO) {
      actual[w] = {};
      for (const cell of CELLS) {
        const write = writeCase(cell);
        // The writer's copy: the server's state (as if they had it), then their change.
        const local = new Y.Doc();
        const state = relay.baton.docs.read(write.name, (d) => Y.encodeStateAsUpdate(d));
        if (state) Y.applyUpdate(local, state);
        const before = Y.encodeStateVector(local);
        write.change(local, who(w));
        const update = Y.encodeStateAsUpdate(local, before);
        const { status, doc } = await batch(
          relay.baton,
          { cookie: who(w).cookie },
          write.name,
          update
        );
        expect(status).toBe(200);
        actual[w][cell] = write.stored();
        expect(doc?.ok).toBe(actual[w][cell]);
        local.destroy();
      }
    }
    expect(actual).toEqual(WRITE);
  });
});

/**
 * The workspace endpoints of the email channel, API tokens and the audit log: each takes its
 * workspace from the URL and is
 * checked by `authorizeWorkspace` before the mail services act in that workspace. Run as
 * SvelteKit runs them (the `handle` hook, then the endpoint). "Allowed" means the request got
 * past authorization (to the endpoint's own 400 or 404 for the empty request sent here).
 */
describe('the workspace endpoints moved under the workspace URL', () => {
  const admins = new Set<Who>(['owner', 'admin']);
  const members = new Set<Who>(ROLE_LIST);
  /** Who may send public replies (`reply` in `domain/roles.ts`). */
  const repliers = new Set<Who>(['owner', 'admin', 'agent']);
  /** Who works tickets, and so has a personal report (`note` in `domain/roles.ts`). */
  const ticketWorkers = new Set<Who>(['owner', 'admin', 'agent', 'light-agent']);
  const noFiles = () => {
    const form = new FormData();
    form.append('note', 'no files');
    return form;
  };
  const ws = () => t.workspaceId;
  const ENDPOINTS: {
    what: string;
    allowed: Set<Who>;
    run: (cookie: string | undefined) => Promise<Response>;
  }[] = [
    {
      what: 'GET mail/mailbox',
      allowed: admins,
      run: (cookie) =>
        call(mailboxRoute.GET, {
          method: 'GET',
          path: mailboxPath(ws()),
          params: { workspace: ws() },
          ...(cookie ? { cookie } : {})
        })
    },
    {
      what: 'PUT mail/mailbox',
      allowed: admins,
      run: (cookie) =>
        call(mailboxRoute.PUT, {
          method: 'PUT',
          path: mailboxPath(ws()),
          params: { workspace: ws() },
          body: {},
          ...(cookie ? { cookie } : {})
        })
    },
    {
      what: 'POST mail/mailbox/test',
      allowed: admins,
      run: (cookie) =>
        call(mailboxTestRoute.POST, {
          method: 'POST',
          path: mailboxTestPath(ws()),
          params: { workspace: ws() },
          body: {},
          ...(cookie ? { cookie } : {})
        })
    },
    {
      what: 'GET mail/mailboxes',
      allowed: admins,
      run: (cookie) =>
        call(mailboxesRoute.GET, {
          method: 'GET',
          path: mailboxesPath(ws()),
          params: { workspace: ws() },
          ...(cookie ? { cookie } : {})
        })
    },
    {
      what: 'POST mail/mailboxes',
      allowed: admins,
      run: (cookie) =>
        call(mailboxesRoute.POST, {
          method: 'POST',
          path: mailboxesPath(ws()),
          params: { workspace: ws() },
          body: {},
          ...(cookie ? { cookie } : {})
        })
    },
    {
      what: 'GET mail/mailboxes/<id>',
      allowed: admins,
      run: (cookie) =>
        call(oneMailboxRoute.GET, {
          method: 'GET',
          path: mailboxesPath(ws(), 'mb-000000000000'),
          params: { workspace: ws(), mailbox: 'mb-000000000000' },
          ...(cookie ? { cookie } : {})
        })
    },
    {
      what: 'PUT mail/mailboxes/<id>',
      allowed: admins,
      run: (cookie) =>
        call(oneMailboxRoute.PUT, {
          method: 'PUT',
          path: mailboxesPath(ws(), 'mb-000000000000'),
          params: { workspace: ws(), mailbox: 'mb-000000000000' },
          body: {},
          ...(cookie ? { cookie } : {})
        })
    },
    {
      what: 'DELETE mail/mailboxes/<id>',
      allowed: admins,
      run: (cookie) =>
        call(oneMailboxRoute.DELETE, {
          method: 'DELETE',
          path: mailboxesPath(ws(), 'mb-000000000000'),
          params: { workspace: ws(), mailbox: 'mb-000000000000' },
          ...(cookie ? { cookie } : {})
        })
    },
    {
      what: 'POST mail/mailboxes/<id>/test',
      allowed: admins,
      run: (cookie) =>
        call(oneMailboxTestRoute.POST, {
          method: 'POST',
          path: mailboxesPath(ws(), 'new', 'test'),
          params: { workspace: ws(), mailbox: 'new' },
          body: {},
          ...(cookie ? { cookie } : {})
        })
    },
    {
      what: 'POST mail/oauth/<mailbox>',
      allowed: admins,
      run: (cookie) =>
        call(mailOAuthRoute.POST, {
          method: 'POST',
          path: mailOAuthPath(ws(), 'mb-000000000000'),
          params: { workspace: ws(), mailbox: 'mb-000000000000' },
          body: { provider: 'microsoft' },
          ...(cookie ? { cookie } : {})
        })
    },
    {
      // One fixed path for every workspace: the state names the workspace, and the member
      // must be an admin there.
      what: 'GET /api/mail/oauth/callback (a state for this workspace)',
      allowed: admins,
      run: (cookie) =>
        call(mailOAuthCallbackRoute.GET, {
          method: 'GET',
          path: `${MAIL_OAUTH_CALLBACK_PATH}?state=${ws()}.${'A'.repeat(32)}&code=x`,
          params: {},
          ...(cookie ? { cookie } : {})
        })
    },
    {
      what: 'POST mail/import',
      allowed: admins,
      run: (cookie) =>
        call(importRoute.POST, {
          method: 'POST',
          path: mailImportPath(ws()),
          params: { workspace: ws() },
          form: noFiles(),
          ...(cookie ? { cookie } : {})
        })
    },
    {
      what: 'GET mail/import/<job>',
      allowed: admins,
      run: (cookie) =>
        call(importJobRoute.GET, {
          method: 'GET',
          path: mailImportPath(ws(), 'a'.repeat(24)),
          params: { workspace: ws(), job: 'a'.repeat(24) },
          ...(cookie ? { cookie } : {})
        })
    },
    {
      what: 'GET mail/held',
      allowed: admins,
      run: (cookie) =>
        call(heldRoute.GET, {
          method: 'GET',
          path: mailHeldPath(ws()),
          params: { workspace: ws() },
          ...(cookie ? { cookie } : {})
        })
    },
    {
      what: 'GET mail/held/<id>/raw',
      allowed: admins,
      run: (cookie) =>
        call(heldRawRoute.GET, {
          method: 'GET',
          path: mailHeldPath(ws(), 'a'.repeat(64), 'raw'),
          params: { workspace: ws(), id: 'a'.repeat(64) },
          ...(cookie ? { cookie } : {})
        })
    },
    {
      what: 'POST mail/held/<id>/retry',
      allowed: admins,
      run: (cookie) =>
        call(heldRetryRoute.POST, {
          method: 'POST',
          path: mailHeldPath(ws(), 'a'.repeat(64), 'retry'),
          params: { workspace: ws(), id: 'a'.repeat(64) },
          body: {},
          ...(cookie ? { cookie } : {})
        })
    },
    {
      what: 'GET mail/entries/<ticket>/<entry>',
      allowed: members,
      run: (cookie) =>
        call(entryRoute.GET, {
          method: 'GET',
          path: mailEntryPath(ws(), 'no-such-ticket', 'no-such-entry'),
          params: { workspace: ws(), ticket: 'no-such-ticket', entry: 'no-such-entry' },
          ...(cookie ? { cookie } : {})
        })
    },
    {
      what: 'GET tokens',
      allowed: members,
      run: (cookie) =>
        call(tokensRoute.GET, {
          method: 'GET',
          path: `/api/workspaces/${ws()}/tokens`,
          params: { workspace: ws() },
          ...(cookie ? { cookie } : {})
        })
    },
    {
      what: 'GET audit',
      allowed: admins,
      run: (cookie) =>
        call(auditRoute.GET, {
          method: 'GET',
          path: `/api/workspaces/${ws()}/audit`,
          params: { workspace: ws() },
          ...(cookie ? { cookie } : {})
        })
    },
    {
      what: 'GET audit/csv',
      allowed: admins,
      run: (cookie) =>
        call(auditCsvRoute.GET, {
          method: 'GET',
          path: `/api/workspaces/${ws()}/audit/csv`,
          params: { workspace: ws() },
          ...(cookie ? { cookie } : {})
        })
    },
    ...(
      [
        ['GET reports (team)', reportsRoute.GET, '', 'scope=team', admins],
        ['GET reports (personal)', reportsRoute.GET, '', 'scope=personal', ticketWorkers],
        [
          'GET reports/tickets (team)',
          reportTicketsRoute.GET,
          '/tickets',
          'scope=team&number=slaBreached',
          admins
        ],
        [
          'GET reports/tickets (personal)',
          reportTicketsRoute.GET,
          '/tickets',
          'scope=personal&number=created',
          ticketWorkers
        ],
        ['GET reports/csv (team)', reportCsvRoute.GET, '/csv', 'scope=team&what=report', admins],
        [
          'GET reports/csv (personal)',
          reportCsvRoute.GET,
          '/csv',
          'scope=personal&what=tickets',
          ticketWorkers
        ]
      ] as const
    ).map(([what, route, sub, query, allowed]) => ({
      // A valid query, so that only the role decides (a garbage one is the endpoint's 400).
      what,
      allowed,
      run: (cookie: string | undefined) =>
        call(route, {
          method: 'GET',
          path: `/api/workspaces/${ws()}/reports${sub}?from=2026-01-05&to=2026-01-11&tz=UTC&${query}`,
          params: { workspace: ws() },
          ...(cookie ? { cookie } : {})
        })
    })),
    {
      what: 'POST mail/attachments',
      allowed: repliers,
      run: (cookie) =>
        call(replyAttachmentRoute.POST, {
          method: 'POST',
          path: replyAttachmentPath(ws()),
          params: { workspace: ws() },
          form: noFiles(),
          ...(cookie ? { cookie } : {})
        })
    },
    {
      what: 'POST mail/replies/<ticket>/<entry>/retry',
      allowed: repliers,
      run: (cookie) =>
        call(replyRetryRoute.POST, {
          method: 'POST',
          path: replyRetryPath(ws(), 'no-such-ticket', 'no-such-entry'),
          params: { workspace: ws(), ticket: 'no-such-ticket', entry: 'no-such-entry' },
          body: {},
          ...(cookie ? { cookie } : {})
        })
    },
    {
      what: 'GET mail/signature',
      allowed: members,
      run: (cookie) =>
        call(signatureRoute.GET, {
          method: 'GET',
          path: signaturePath(ws()),
          params: { workspace: ws() },
          ...(cookie ? { cookie } : {})
        })
    },
    {
      what: 'PUT mail/signature',
      allowed: repliers,
      run: (cookie) =>
        call(signatureRoute.PUT, {
          method: 'PUT',
          path: signaturePath(ws()),
          params: { workspace: ws() },
          body: { signature: 42 },
          ...(cookie ? { cookie } : {})
        })
    },
    {
      // Any member sees whether the help centre is live (the settings page).
      what: 'GET help-centre',
      allowed: members,
      run: (cookie) =>
        call(helpStatusRoute.GET, {
          method: 'GET',
          path: `/api/workspaces/${ws()}/help-centre`,
          params: { workspace: ws() },
          ...(cookie ? { cookie } : {})
        })
    },
    {
      // Customers' feedback on an article: the team's, every member reads it.
      what: 'GET help-centre/feedback/<article>',
      allowed: members,
      run: (cookie) =>
        call(helpFeedbackRoute.GET, {
          method: 'GET',
          path: `/api/workspaces/${ws()}/help-centre/feedback/matrix-article-1`,
          params: { workspace: ws(), article: 'matrix-article-1' },
          ...(cookie ? { cookie } : {})
        })
    },
    {
      // Any member searches their workspace (an empty query is the endpoint's own 400).
      what: 'GET search',
      allowed: members,
      run: (cookie) =>
        call(searchRoute.GET, {
          method: 'GET',
          path: `/api/workspaces/${ws()}/search`,
          params: { workspace: ws() },
          ...(cookie ? { cookie } : {})
        })
    },
    {
      // Any member reads their workspace's archive (the customer's history, the archive list).
      what: 'GET archive',
      allowed: members,
      run: (cookie) =>
        call(archiveRoute.GET, {
          method: 'GET',
          path: `/api/workspaces/${ws()}/archive`,
          params: { workspace: ws() },
          ...(cookie ? { cookie } : {})
        })
    },
    {
      // The rules' states and errors: the admins' (they define the rules).
      what: 'GET automations',
      allowed: admins,
      run: (cookie) =>
        call(automationsRoute.GET, {
          method: 'GET',
          path: `/api/workspaces/${ws()}/automations`,
          params: { workspace: ws() },
          ...(cookie ? { cookie } : {})
        })
    },
    {
      // The test mode reads every ticket's state: admins only.
      what: 'POST automations/test',
      allowed: admins,
      run: (cookie) =>
        call(automationTestRoute.POST, {
          method: 'POST',
          path: `/api/workspaces/${ws()}/automations/test`,
          params: { workspace: ws() },
          body: {
            rule: {
              id: 'matrix-test',
              name: 'Test',
              position: 1,
              enabled: true,
              trigger: 'time',
              conditions: { status: ['solved'], hoursSinceSolved: { atLeast: 168 } },
              actions: { status: 'closed' }
            }
          },
          ...(cookie ? { cookie } : {})
        })
    },
    {
      what: 'GET blobs/<hash>',
      allowed: members,
      run: (cookie) =>
        call(blobRoute.GET, {
          method: 'GET',
          path: blobPath(ws(), '0'.repeat(64)),
          params: { workspace: ws(), hash: '0'.repeat(64) },
          ...(cookie ? { cookie } : {})
        })
    }
  ];

  for (const endpoint of ENDPOINTS) {
    it(`${endpoint.what}: exactly the allowed roles get past authorization`, async () => {
      const statuses: Record<string, number> = {};
      for (const w of WHO) statuses[w] = (await endpoint.run(who(w).cookie)).status;
      statuses.nobody = (await endpoint.run(undefined)).status;
      const expected: Record<string, string> = {};
      const got: Record<string, string> = {};
      for (const [w, status] of Object.entries(statuses)) {
        expected[w] = w === 'nobody' ? '401' : endpoint.allowed.has(w as Who) ? 'allowed' : '403';
        got[w] = status === 401 || status === 403 ? String(status) : 'allowed';
      }
      expect(got).toEqual(expected);
    });
  }
});

/**
 * The row for a ticket id opened before it exists. Any member may open an id nobody has
 * written (that is how a ticket is created); once a workspace creates it, it is bound there,
 * and a socket a member of another workspace opened on the id beforehand is closed with 4403
 * before the creating update reaches it.
 */
describe('a member of another workspace, opening an id before it exists', () => {
  function create(id: string): Uint8Array {
    const doc = new Y.Doc();
    createTicket(
      doc,
      { id, workspaceId: t.workspaceId, subject: 'Secret plans', channel: 'web' },
      { id: t.owner.id, name: t.owner.name },
      Date.now()
    );
    return Y.encodeStateAsUpdate(doc);
  }

  for (const via of ['relay', 'batch'] as const) {
    it(`is closed with 4403 and never sees the ticket created (over the ${via})`, async () => {
      counter++;
      const id = `early-${via}-${process.pid}-${counter}`;
      const name = ticketDocName(id);
      const early = client(relay.syncUrl, name, { cookie: t.stranger.cookie });
      const colleague = client(relay.syncUrl, name, { cookie: who('agent').cookie });
      const creator = client(relay.syncUrl, name, { cookie: t.owner.cookie });
      try {
        expect(await outcome(early, 'the stranger opens the unwritten id')).toBe('synced');
        expect(await outcome(colleague, 'an agent opens the unwritten id')).toBe('synced');
        expect(await outcome(creator, 'the owner opens the unwritten id')).toBe('synced');
        if (via === 'relay') {
          Y.applyUpdate(creator.doc, create(id));
          await barrier(creator, 'the owner creates the ticket');
        } else {
          const { doc } = await batch(relay.baton, { cookie: t.owner.cookie }, name, create(id));
          expect(doc?.ok).toBe(true);
        }
        await until(() => early.closed !== null, 'the stranger’s early socket is closed');
        expect(early.closed?.code).toBe(4403);
        await until(
          () => readTicketFields(colleague.doc)?.subject === 'Secret plans',
          'the agent of the workspace receives the ticket'
        );
        expect(colleague.closed).toBeNull();
        expect(readTicketFields(early.doc)).toBeNull();
        expect(early.doc.getMap('ticket').size).toBe(0);
      } finally {
        early.destroy();
        colleague.destroy();
        creator.destroy();
      }
      // Opening it again, or reading it through the batch sync, is refused from now on.
      const again = client(relay.syncUrl, name, { cookie: t.stranger.cookie });
      try {
        expect(await outcome(again, 'the stranger opens the created ticket')).toBe(4403);
      } finally {
        again.destroy();
      }
      const read = await batch(relay.baton, { cookie: t.stranger.cookie }, name);
      expect(read.doc).toMatchObject({ ok: false, reason: 'forbidden' });
    });
  }

  it('a member with another role there reconnects (4001) and then reads what the role allows', async () => {
    // An owner of a workspace of their own, and a viewer in the team's: a writer of an unwritten
    // id, a reader once the team creates it.
    const both = person(relay.baton, 'viewer', 'viewer-elsewhere-owner');
    const own = relay.baton.accounts.createWorkspace(both.id, { name: 'Their own' }, { ip: null });
    if (!own.ok) throw new Error(own.message);
    relay.baton.accounts.ensureMembership(t.workspaceId, both.id, 'viewer');
    counter++;
    const id = `early-other-role-${process.pid}-${counter}`;
    const name = ticketDocName(id);
    const early = client(relay.syncUrl, name, { cookie: both.cookie });
    try {
      expect(await outcome(early, 'the member opens the unwritten id')).toBe('synced');
      const { doc } = await batch(relay.baton, { cookie: t.owner.cookie }, name, create(id));
      expect(doc?.ok).toBe(true);
      await until(() => early.closed !== null, 'the early socket is closed');
      expect(early.closed?.code).toBe(4001);
    } finally {
      early.destroy();
    }
    const again = client(relay.syncUrl, name, { cookie: both.cookie });
    try {
      expect(await outcome(again, 'the viewer reopens the ticket')).toBe('synced');
      await until(
        () => readTicketFields(again.doc)?.subject === 'Secret plans',
        'the viewer reads the ticket'
      );
      setPriority(again.doc, 'urgent', { id: both.id, name: both.name }, Date.now());
      await barrier(again, 'the viewer tries a change');
      expect(relay.baton.docs.read(name, (d) => readTicketFields(d)?.priority === 'urgent')).toBe(
        false
      );
    } finally {
      again.destroy();
    }
  });

  it('an id the stranger reads through the batch before it exists is empty, not refused', async () => {
    counter++;
    const name = ticketDocName(`early-read-${process.pid}-${counter}`);
    const { doc } = await batch(relay.baton, { cookie: t.stranger.cookie }, name);
    expect(doc).toMatchObject({ ok: true });
    if (!doc?.ok) return;
    const local = new Y.Doc();
    Y.applyUpdate(local, Buffer.from(doc.update, 'base64'));
    expect(local.share.size).toBe(0);
  });
});

/**
 * The public survey page (`/survey/<token>`): the signed link is the only credential. A session
 * neither opens it nor closes it: every role, a stranger and nobody get the same answer for the
 * same link — a forged one refused (404, nothing stored), a real one answered.
 */
describe('the public survey page: the link decides, not the session', () => {
  function sentSurvey(): { token: string; surveyId: string } {
    const ticketId = readName('ticket').slice('t/'.length);
    const store = relay.baton.surveys.store;
    counter++;
    const outcomeOf = store.schedule({
      kind: 'csat',
      workspaceId: t.workspaceId,
      ticketId,
      email: `matrix-${process.pid}-${counter}@customer.test`,
      scale: 'good-bad',
      locale: 'en',
      dueAt: Date.now(),
      intervalMs: null
    });
    expect(outcomeOf).toBe('new');
    const row = store.forTicket('csat', ticketId);
    if (!row || !store.claim(row.id)) throw new Error('the survey was not scheduled');
    const expiresAt = Date.now() + 86_400_000;
    store.sent(row.id, expiresAt);
    return {
      token: relay.baton.surveys.links.sign({ purpose: 'csat', surveyId: row.id, expiresAt }),
      surveyId: row.id
    };
  }

  const open = (token: string, cookie: string | undefined) =>
    call(surveyRoute.GET as never, {
      method: 'GET',
      path: `/survey/${token}`,
      params: { token },
      ...(cookie ? { cookie } : {})
    });
  const answer = (token: string, cookie: string | undefined, score: string) =>
    call(surveyRoute.POST as never, {
      method: 'POST',
      path: `/survey/${token}`,
      params: { token },
      raw: {
        body: new URLSearchParams({ score, comment: '' }).toString(),
        contentType: 'application/x-www-form-urlencoded'
      },
      ...(cookie ? { cookie } : {})
    });

  it('GET and POST: the same answer for every role, a stranger and nobody', async () => {
    const real = sentSurvey();
    // Same id, another MAC: forged.
    const forged = `${real.token.slice(0, -4)}${real.token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    const cookies: [string, string | undefined][] = [
      ...WHO.map((w): [string, string | undefined] => [w, who(w).cookie]),
      ['nobody', undefined]
    ];
    const got: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const [w, cookie] of cookies) {
      const score = cookies.findIndex(([x]) => x === w) % 2 === 0 ? 'good' : 'bad';
      got[w] = [
        (await open(forged, cookie)).status,
        (await answer(forged, cookie, 'bad')).status,
        (await open(real.token, cookie)).status,
        (await answer(real.token, cookie, score)).status
      ].join(' ');
      expected[w] = '404 404 200 303';
      // The forged answers stored nothing; the real one stored exactly this caller's.
      expect(relay.baton.surveys.store.answer(real.surveyId)?.score, w).toBe(score);
    }
    expect(got).toEqual(expected);
  });
});

/**
 * The public help centre needs no session and ignores one: every role, a stranger and nobody
 * get the same page (here: not found, the matrix workspace has not opted in), and a feedback
 * post from any of them stores nothing there.
 */
describe('the public help centre', () => {
  it('answers every role, a stranger and nobody alike', async () => {
    const answers = new Set<string>();
    for (const cookie of [...WHO.map((w) => who(w).cookie), undefined]) {
      for (const method of ['GET', 'POST'] as const) {
        const response = await call(method === 'GET' ? helpPageRoute.GET : helpPageRoute.POST, {
          method,
          path: `/help/matrix-help/articles/matrix-article-1${method === 'POST' ? '/feedback' : ''}`,
          params: {
            slug: 'matrix-help',
            path: `articles/matrix-article-1${method === 'POST' ? '/feedback' : ''}`
          },
          ...(method === 'POST'
            ? { raw: { body: 'answer=yes', contentType: 'application/x-www-form-urlencoded' } }
            : {}),
          ...(cookie ? { cookie } : {})
        });
        answers.add(`${method} ${response.status}`);
      }
    }
    expect([...answers].sort()).toEqual(['GET 404', 'POST 404']);
    expect(relay.baton.help.feedback(t.workspaceId, 'matrix-article-1').yes).toBe(0);
  });
});
