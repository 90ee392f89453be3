/**
 * The demo workspace: a small, believable support team with a few weeks of tickets, seeded once
 * when the store holds no index for `demo-workspace`.
 *
 * Everything is made with the domain functions (createTicket, addThreadEntry, setStatus …) on
 * plain Y.Docs, checked with `applyChecked` like any client write, numbered through the same
 * SQLite counter as live tickets, and stored once as binary Yjs state. Texts are fixed; times
 * are relative to the clock at seed time. Ticket ids are fixed too (`demo-t-001` …) so that a
 * seed interrupted half-way resumes without duplicating anything: stored tickets are skipped,
 * and the index, written last, marks the seed as done.
 */
import * as Y from 'yjs';
import { indexDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import {
  addTag,
  addThreadEntry,
  assignNumber,
  createTicket,
  setDelivery,
  setPriority,
  setStatus,
  signHandover,
  ticketParts
} from '../../src/lib/domain/ticket.ts';
import { applyChecked } from '../../src/lib/domain/update-check.ts';
import {
  putCustomer,
  putMember,
  putSummary,
  summarizeDoc
} from '../../src/lib/domain/workspace-index.ts';
import {
  SYSTEM_ACTOR,
  weekFromLegacy,
  type CustomerSummary,
  type MemberProfile,
  type TicketPriority,
  type TicketStatus
} from '../../src/lib/domain/schema.ts';
import type { Interval } from '../../src/lib/domain/business-calendar.ts';
import type { Clock } from '../config.ts';
import type { DocStorage } from '../storage.ts';
import { DEMO_WORKSPACE_ID } from '../auth.ts';

const WEEKDAYS = [1, 2, 3, 4, 5];
const WEEKEND = { sat: [], sun: [] };
/** Early start, lunch at 11:30 (Finnish offices eat early), a short Friday. */
const HELSINKI_DAY: Interval[] = [
  ['08:00', '11:30'],
  ['12:00', '16:00']
];
const COPENHAGEN_DAY: Interval[] = [
  ['09:00', '12:00'],
  ['12:30', '17:00']
];

/** A demo member: the public profile, plus the account's address (never put into the index). */
export type DemoMember = MemberProfile & { email: string };

export const DEMO_MEMBERS: DemoMember[] = [
  {
    id: 'member-aino',
    name: 'Aino Virtanen',
    email: 'aino@baton.example',
    timeZone: 'Europe/Helsinki',
    workingHours: {
      ...WEEKEND,
      mon: HELSINKI_DAY,
      tue: HELSINKI_DAY,
      wed: HELSINKI_DAY,
      thu: HELSINKI_DAY,
      fri: [['08:00', '14:00']]
    },
    skills: ['fi', 'billing', 'sso'],
    away: []
  },
  {
    id: 'member-mads',
    name: 'Mads Jensen',
    email: 'mads@baton.example',
    timeZone: 'Europe/Copenhagen',
    workingHours: {
      ...WEEKEND,
      mon: COPENHAGEN_DAY,
      tue: COPENHAGEN_DAY,
      wed: COPENHAGEN_DAY,
      thu: COPENHAGEN_DAY,
      fri: [['09:00', '15:00']]
    },
    skills: ['da', 'integrations', 'api'],
    away: []
  },
  {
    id: 'member-maya',
    name: 'Maya Thompson',
    email: 'maya@baton.example',
    timeZone: 'America/Vancouver',
    workingHours: weekFromLegacy({ days: WEEKDAYS, start: '08:00', end: '16:30' }),
    skills: ['en', 'onboarding', 'billing'],
    away: []
  },
  {
    id: 'member-joy',
    name: 'Joy Santos',
    email: 'joy@baton.example',
    timeZone: 'Asia/Manila',
    workingHours: weekFromLegacy({ days: WEEKDAYS, start: '21:00', end: '05:00' }),
    skills: ['mobile', 'outages'],
    away: []
  },
  {
    id: 'member-liam',
    name: 'Liam Nguyen',
    email: 'liam@baton.example',
    timeZone: 'Australia/Sydney',
    workingHours: weekFromLegacy({ days: WEEKDAYS, start: '08:30', end: '16:30' }),
    skills: ['data-export', 'security'],
    away: []
  },
  {
    id: 'member-rafaela',
    name: 'Rafaela Costa',
    email: 'rafaela@baton.example',
    timeZone: 'America/Sao_Paulo',
    workingHours: {
      ...weekFromLegacy({ days: WEEKDAYS, start: '10:00', end: '18:00' }),
      sat: [['10:00', '14:00']]
    },
    skills: ['pt', 'integrations', 'localization'],
    away: []
  }
];

export const DEMO_CUSTOMERS: CustomerSummary[] = [
  {
    id: 'customer-harbour',
    name: 'Elif Demir (Harbour Logistics)',
    email: 'elif.demir@harbour-logistics.example'
  },
  {
    id: 'customer-greenleaf',
    name: 'Tom Becker (Greenleaf Foods)',
    email: 'tom.becker@greenleaf.example'
  },
  {
    id: 'customer-northwind',
    name: 'Priya Raman (Northwind Travel)',
    email: 'priya@northwind-travel.example'
  },
  {
    id: 'customer-kestrel',
    name: 'Jonas Lindqvist (Kestrel Design)',
    email: 'jonas@kestrel.example'
  },
  {
    id: 'customer-bluepeak',
    name: 'Carmen Ortiz (Bluepeak Clinics)',
    email: 'c.ortiz@bluepeak.example'
  },
  { id: 'customer-orbit', name: 'Kenji Watanabe (Orbit Labs)', email: 'kenji@orbitlabs.example' },
  { id: 'customer-maple', name: 'Sophie Tremblay (Maple & Co)', email: 'sophie@mapleco.example' },
  {
    id: 'customer-sunrise',
    name: 'Ade Okafor (Sunrise Schools)',
    email: 'ade.okafor@sunrise.example'
  },
  {
    id: 'customer-fjord',
    name: 'Ingrid Solberg (Fjord Energy)',
    email: 'ingrid@fjord-energy.example'
  },
  {
    id: 'customer-cobalt',
    name: 'Lucas Moreau (Cobalt Retail)',
    email: 'lucas.moreau@cobalt.example'
  },
  {
    id: 'customer-atlas',
    name: 'Hannah Weiss (Atlas Legal)',
    email: 'hannah.weiss@atlaslegal.example'
  },
  {
    id: 'customer-pinecone',
    name: 'Diego Alvarez (Pinecone Games)',
    email: 'diego@pinecone.example'
  }
];

interface DemoTicket {
  subject: string;
  customer: number;
  priority: TicketPriority;
  status: TicketStatus;
  /** Index into DEMO_MEMBERS, or null for unassigned. */
  assignee: number | null;
  tags: string[];
  /** Hours before the seed time when the customer wrote. */
  ageHours: number;
  inbound: string;
  reply?: string;
  note?: string;
  handover?: string;
}

const TICKETS: DemoTicket[] = [
  {
    subject: 'Invoice for March charged twice',
    customer: 0,
    priority: 'high',
    status: 'open',
    assignee: 0,
    tags: ['billing', 'refund'],
    ageHours: 5,
    inbound:
      'Hi, our card was charged twice for the March invoice (INV-20931). Could you refund the duplicate?',
    reply:
      'Thanks Elif, I can see both charges. I have started the refund for the duplicate; it takes 3–5 business days.',
    note: 'Payment provider shows a retry after a timeout. Refund ID re_4821.'
  },
  {
    subject: 'SSO login loops back to the sign-in page',
    customer: 10,
    priority: 'urgent',
    status: 'open',
    assignee: 0,
    tags: ['sso', 'login'],
    ageHours: 2,
    inbound:
      'Since this morning nobody at Atlas can log in with Okta. The page just reloads the sign-in screen.',
    note: 'Their IdP certificate rotated yesterday. Asked for the new metadata XML.',
    handover:
      'Waiting for the new Okta metadata from Hannah. Once it arrives, upload it under Settings → SSO and ask her to test with one user first.'
  },
  {
    subject: 'Webhook deliveries failing with 410',
    customer: 5,
    priority: 'high',
    status: 'new',
    assignee: null,
    tags: ['api', 'webhooks'],
    ageHours: 1,
    inbound:
      'Our webhook endpoint started returning 410 and now all deliveries are paused. How do we resume them?'
  },
  {
    subject: 'Export of all tickets to CSV times out',
    customer: 8,
    priority: 'normal',
    status: 'pending',
    assignee: 4,
    tags: ['data-export'],
    ageHours: 30,
    inbound: 'The CSV export for the whole of 2023 never finishes. Smaller ranges work.',
    reply:
      'Hi Ingrid, large exports are now split into monthly files. Could you try again and tell me if the email with the links arrives?'
  },
  {
    subject: 'Add a second admin to our account',
    customer: 2,
    priority: 'low',
    status: 'solved',
    assignee: 2,
    tags: ['account'],
    ageHours: 72,
    inbound: 'Please make Arjun an admin as well, he takes over while I am on leave.',
    reply: 'Done: Arjun is now an admin. He will see the Settings menu at his next sign-in.'
  },
  {
    subject: 'Mobile app crashes when attaching a photo',
    customer: 11,
    priority: 'high',
    status: 'open',
    assignee: 3,
    tags: ['mobile', 'bug'],
    ageHours: 14,
    inbound: 'On Android 14 the app closes as soon as I pick a photo from the gallery.',
    note: 'Reproduced on a Pixel 7. Filed as MOB-812 with the crash log.',
    reply:
      'Thanks Diego, we can reproduce it and the fix is in the next release. Until then, attaching from the camera works.'
  },
  {
    subject: 'Change the billing email address',
    customer: 1,
    priority: 'low',
    status: 'closed',
    assignee: 0,
    tags: ['billing'],
    ageHours: 400,
    inbound: 'Invoices should go to accounts@greenleaf.example from now on.',
    reply: 'Updated, the next invoice goes to accounts@greenleaf.example.'
  },
  {
    subject: 'Translations missing in the Portuguese help centre',
    customer: 6,
    priority: 'normal',
    status: 'open',
    assignee: 5,
    tags: ['localization', 'help-centre'],
    ageHours: 26,
    inbound:
      'About half of our help centre articles show English text even with Portuguese selected.',
    note: 'The articles were created before the PT locale was enabled; they need a re-sync.'
  },
  {
    subject: 'API rate limit too low for nightly sync',
    customer: 5,
    priority: 'normal',
    status: 'on-hold',
    assignee: 1,
    tags: ['api', 'limits'],
    ageHours: 120,
    inbound:
      'Our nightly sync hits the 429 limit after ten minutes. Can the limit be raised for our account?',
    reply:
      'Hi Kenji, I have asked our platform team about a higher limit; I will come back to you by Friday.',
    note: 'Platform team reviewing. On hold until they answer (PLAT-221).'
  },
  {
    subject: 'Cannot remove a deactivated user',
    customer: 4,
    priority: 'normal',
    status: 'new',
    assignee: null,
    tags: ['account', 'users'],
    ageHours: 3,
    inbound:
      'There is a greyed-out user in our list that we cannot delete. She left the clinic last year.'
  },
  {
    subject: 'Outage: dashboard not loading in Europe',
    customer: 9,
    priority: 'urgent',
    status: 'solved',
    assignee: 3,
    tags: ['outages', 'incident'],
    ageHours: 48,
    inbound: 'The dashboard shows a spinner for everybody in our Paris office.',
    reply:
      'Hi Lucas, a CDN node in Frankfurt failed between 07:10 and 07:55 UTC. Traffic was re-routed and everything works again. Sorry for the trouble.',
    note: 'Linked to incident INC-77.'
  },
  {
    subject: 'How do we set business hours for the SLA?',
    customer: 7,
    priority: 'low',
    status: 'pending',
    assignee: 2,
    tags: ['onboarding', 'sla'],
    ageHours: 20,
    inbound:
      'We only work school days. Can the response-time targets pause at weekends and holidays?',
    reply:
      'Yes: under Settings → Business hours you can set your week and add holidays; SLA clocks pause outside them. Shall I set up the school calendar with you?'
  },
  {
    subject: 'Refund for unused seats',
    customer: 3,
    priority: 'normal',
    status: 'open',
    assignee: 0,
    tags: ['billing', 'refund'],
    ageHours: 50,
    inbound: 'We went from 25 to 15 seats mid-year. Do we get a credit for the rest of the year?',
    note: 'Annual plan, prorated credit allowed per policy B-4.'
  },
  {
    subject: 'Zapier integration stopped creating tickets',
    customer: 1,
    priority: 'high',
    status: 'open',
    assignee: 1,
    tags: ['integrations', 'zapier'],
    ageHours: 9,
    inbound: 'Our Zap that turns form entries into tickets has done nothing since Tuesday.',
    reply:
      'Hi Tom, Zapier tokens expired after our security update. Reconnecting the Baton account in Zapier fixes it; could you try?',
    handover:
      'Tom will reconnect Zapier tonight (CET). If it still fails, check the Zap history for the 401 and escalate to integrations.'
  },
  {
    subject: 'Two-factor codes not arriving by SMS',
    customer: 10,
    priority: 'high',
    status: 'new',
    assignee: null,
    tags: ['security', 'login'],
    ageHours: 0.5,
    inbound:
      'Several of our lawyers do not receive the SMS code when signing in. Authenticator apps work.'
  },
  {
    subject: 'Request: dark mode for the agent view',
    customer: 3,
    priority: 'low',
    status: 'on-hold',
    assignee: 5,
    tags: ['feature-request'],
    ageHours: 300,
    inbound: 'Our night shift would love a dark theme.',
    reply:
      'Thanks Jonas, it is on our roadmap for the next quarter. I will let you know when it ships.'
  },
  {
    subject: 'Duplicate contacts after CSV import',
    customer: 8,
    priority: 'normal',
    status: 'solved',
    assignee: 4,
    tags: ['data-import'],
    ageHours: 90,
    inbound: 'After importing our customer list we have every contact twice.',
    reply:
      'I merged the duplicates by email address: 1,204 contacts remain. Next time, tick "update existing" in the import dialog.'
  },
  {
    subject: 'Email replies land in spam at Gmail',
    customer: 7,
    priority: 'high',
    status: 'open',
    assignee: 2,
    tags: ['email', 'deliverability'],
    ageHours: 16,
    inbound: 'Parents tell us our replies go to their spam folder.',
    note: 'Their DNS has no DKIM record for our sending domain. Sent them the records.',
    reply:
      'Hi Ade, please add the two DKIM records from the attached guide to your DNS; that is what Gmail looks for.'
  },
  {
    subject: 'Can we get an invoice in EUR?',
    customer: 9,
    priority: 'low',
    status: 'closed',
    assignee: 0,
    tags: ['billing'],
    ageHours: 600,
    inbound: 'Our finance team needs invoices in euros, not dollars.',
    reply: 'Your account is switched to EUR from the next billing period.'
  },
  {
    subject: 'Agent cannot see the Billing queue',
    customer: 4,
    priority: 'normal',
    status: 'open',
    assignee: 2,
    tags: ['permissions'],
    ageHours: 7,
    inbound: 'Marta should handle billing questions but the queue does not show up for her.',
    note: 'Role "Agent" lacks the billing group. Asked Carmen whether to add the group or change the role.'
  },
  {
    subject: 'Scheduled reports arrive empty',
    customer: 6,
    priority: 'normal',
    status: 'new',
    assignee: null,
    tags: ['reports'],
    ageHours: 4,
    inbound: 'The weekly report email has the headers but no numbers since last Monday.'
  },
  {
    subject: 'Data processing agreement for GDPR',
    customer: 8,
    priority: 'normal',
    status: 'solved',
    assignee: 4,
    tags: ['security', 'legal'],
    ageHours: 150,
    inbound: 'Please send us your signed DPA and the list of sub-processors.',
    reply:
      'Attached are the signed DPA and our current sub-processor list. The list is also on our trust page.'
  },
  {
    subject: 'Chat widget covers the cookie banner',
    customer: 11,
    priority: 'low',
    status: 'pending',
    assignee: 5,
    tags: ['widget'],
    ageHours: 40,
    inbound: 'On mobile our cookie banner is hidden behind your chat bubble.',
    reply:
      'You can move the bubble up with the offset setting (Widget → Position → 80px). Does that solve it?'
  },
  {
    subject: 'Password reset link expired immediately',
    customer: 2,
    priority: 'high',
    status: 'solved',
    assignee: 3,
    tags: ['login'],
    ageHours: 60,
    inbound: 'The reset link says "expired" even when I click it right away.',
    reply:
      'Your mail gateway opens links to scan them, which used the one-time link. We have allow-listed the scanner; please request a new link.'
  },
  {
    subject: 'Bulk-close old tickets from 2022',
    customer: 0,
    priority: 'low',
    status: 'open',
    assignee: 1,
    tags: ['cleanup'],
    ageHours: 100,
    inbound: 'We have 3,000 open tickets from 2022 that nobody needs. Can you close them for us?',
    note: 'Use the bulk action with filter created < 2023-01-01. Confirm with Elif before running.'
  },
  {
    subject: 'Salesforce sync maps the wrong owner',
    customer: 3,
    priority: 'high',
    status: 'on-hold',
    assignee: 1,
    tags: ['integrations', 'salesforce'],
    ageHours: 200,
    inbound:
      'Tickets synced to Salesforce all get our admin as owner instead of the account owner.',
    reply:
      'We have found the mapping bug; a fix is scheduled. I will update you when it is deployed.'
  },
  {
    subject: 'Customer satisfaction survey link broken',
    customer: 7,
    priority: 'normal',
    status: 'new',
    assignee: null,
    tags: ['csat'],
    ageHours: 6,
    inbound: 'Parents clicking the rating link in our emails get a 404 page.'
  },
  {
    subject: 'Upgrade to the Business plan',
    customer: 5,
    priority: 'normal',
    status: 'solved',
    assignee: 2,
    tags: ['billing', 'upgrade'],
    ageHours: 36,
    inbound: 'We would like to move to the Business plan from next month.',
    reply:
      'Done, your plan changes on the 1st. The new features are already switched on for you to try.'
  },
  {
    subject: 'Attachments over 10 MB rejected',
    customer: 4,
    priority: 'normal',
    status: 'open',
    assignee: 4,
    tags: ['attachments', 'limits'],
    ageHours: 22,
    inbound: 'Patients send us scans of 15–20 MB and they bounce.',
    note: 'Limit is 25 MB on Business; they are on Team (10 MB). Offer upgrade or a secure upload link.'
  },
  {
    subject: 'Wrong time zone on ticket timestamps',
    customer: 9,
    priority: 'low',
    status: 'pending',
    assignee: 5,
    tags: ['settings'],
    ageHours: 44,
    inbound: 'All times in the ticket view are six hours off for our agents.',
    reply:
      'Each agent can set their own time zone under Profile; the account default is still UTC. Shall I set it to Europe/Paris for everyone?'
  },
  {
    subject: 'Macro inserts the wrong customer name',
    customer: 1,
    priority: 'normal',
    status: 'closed',
    assignee: 1,
    tags: ['macros'],
    ageHours: 500,
    inbound: 'Our "Thanks" macro greets every customer as "Dear {{name}}".',
    reply: 'The placeholder is {{requester.first_name}}; I have updated your macro.'
  },
  {
    subject: 'Slow search in the agent inbox',
    customer: 0,
    priority: 'normal',
    status: 'open',
    assignee: 4,
    tags: ['performance', 'search'],
    ageHours: 12,
    inbound: 'Searching for an order number takes 20 seconds or more.',
    note: 'Their account has 2M tickets; search index rebuild scheduled for tonight.',
    handover:
      'Index rebuild runs at 02:00 UTC. Check in the morning whether order-number search is fast again and tell Elif.'
  },
  {
    subject: 'Phone number format rejected in contact form',
    customer: 6,
    priority: 'low',
    status: 'new',
    assignee: null,
    tags: ['forms'],
    ageHours: 2.5,
    inbound: 'Canadian numbers with a +1 prefix are refused by the web form.'
  },
  {
    subject: 'Audit log export for compliance review',
    customer: 10,
    priority: 'normal',
    status: 'pending',
    assignee: 4,
    tags: ['security', 'audit'],
    ageHours: 70,
    inbound: 'Our auditors need the admin audit log for the last 12 months.',
    reply:
      'I have prepared the export; please confirm the auditors may receive it at the address you gave.'
  },
  {
    subject: 'Shared inbox address not forwarding',
    customer: 2,
    priority: 'urgent',
    status: 'open',
    assignee: 3,
    tags: ['email', 'incident'],
    ageHours: 1.5,
    inbound: 'Mail sent to help@northwind-travel.example has not reached Baton since last night.',
    note: 'MX looks fine; their Exchange forwarding rule was disabled by an admin policy.',
    reply:
      'Hi Priya, your Exchange server stopped forwarding after a policy change. The steps to re-enable it are below.'
  },
  {
    subject: 'Tag suggestions for new agents',
    customer: 7,
    priority: 'low',
    status: 'solved',
    assignee: 2,
    tags: ['onboarding'],
    ageHours: 110,
    inbound: 'Which tags do other schools use to sort their tickets?',
    reply:
      'Most schools start with: admissions, fees, transport, it-help and events. You can add them under Settings → Tags.'
  },
  {
    subject: 'Customer portal shows other company tickets',
    customer: 11,
    priority: 'urgent',
    status: 'solved',
    assignee: 4,
    tags: ['security', 'incident'],
    ageHours: 80,
    inbound: 'One of our players saw tickets from another studio in the portal!',
    note: 'Caching misconfiguration on the portal CDN, fixed and reported to security (SEC-19).',
    reply:
      'Thank you for telling us at once. A caching error exposed ticket titles for 12 minutes; it is fixed and we are writing to everyone affected.'
  },
  {
    subject: 'Cancel our trial',
    customer: 3,
    priority: 'low',
    status: 'closed',
    assignee: 0,
    tags: ['account'],
    ageHours: 700,
    inbound: 'Please cancel the trial for kestrel-test, it was only for testing.',
    reply: 'Cancelled, nothing will be charged.'
  },
  {
    subject: 'Routing sends Spanish emails to the English queue',
    customer: 9,
    priority: 'normal',
    status: 'open',
    assignee: 5,
    tags: ['routing', 'localization'],
    ageHours: 18,
    inbound: 'Emails in Spanish keep landing with our English team.',
    note: 'Language detection rule uses subject only; suggest body detection.'
  },
  {
    subject: 'Quote for 50 more seats',
    customer: 4,
    priority: 'normal',
    status: 'new',
    assignee: null,
    tags: ['sales'],
    ageHours: 8,
    inbound: 'We are opening two new clinics and need a quote for 50 more agents.'
  }
];

function member(index: number): MemberProfile {
  const found = DEMO_MEMBERS[index];
  if (!found) throw new Error(`Demo ticket refers to member ${index}, which does not exist.`);
  return found;
}

function customer(index: number): CustomerSummary {
  const found = DEMO_CUSTOMERS[index];
  if (!found) throw new Error(`Demo ticket refers to customer ${index}, which does not exist.`);
  return found;
}

const HOUR = 60 * 60 * 1000;

/** Builds one demo ticket document; `number` is given to it as the server would. */
function buildTicket(id: string, spec: DemoTicket, number: number, now: number): Y.Doc {
  const doc = new Y.Doc();
  const start = Math.round(now - spec.ageHours * HOUR);
  const requester = customer(spec.customer);
  const assignee = spec.assignee === null ? null : member(spec.assignee);
  const agent = assignee ?? member(0);
  const at = (minutes: number) => Math.min(now, start + minutes * 60 * 1000);
  createTicket(
    doc,
    {
      id,
      workspaceId: DEMO_WORKSPACE_ID,
      subject: spec.subject,
      priority: 'normal',
      channel: 'email',
      requesterId: requester.id,
      assigneeId: assignee?.id ?? null,
      firstMessage: {
        kind: 'inbound',
        body: spec.inbound,
        author: { id: requester.id, name: requester.name }
      }
    },
    SYSTEM_ACTOR,
    start
  );
  assignNumber(doc, number, SYSTEM_ACTOR, at(1));
  if (spec.priority !== 'normal') setPriority(doc, spec.priority, agent, at(4));
  for (const tag of spec.tags) addTag(doc, tag, agent, at(5));
  if (spec.note) addThreadEntry(doc, 'note', spec.note, agent, at(12));
  if (spec.reply) {
    // History: the reply went out long ago. Without a delivery state the mail worker would
    // take it for one still to send, and mail it to the demo's customers the moment someone
    // connects a mailbox to the demo workspace.
    const reply = addThreadEntry(doc, 'reply', spec.reply, agent, at(25));
    setDelivery(doc, reply.id, {
      state: 'sent',
      at: at(26),
      attempts: 1,
      reason: null,
      messageId: null
    });
  }
  if (spec.handover) {
    const handover = ticketParts(doc).handover;
    // Written at the end of the previous shift by a colleague in another time zone (the owner,
    // or the admin when the owner has the ticket) and signed for the ticket's assignee: the
    // note names the person the ticket is with, as a handover in the app does.
    const previous = member(agent.id === member(0).id ? 1 : 0);
    doc.transact(() => handover.insert(0, spec.handover ?? ''));
    signHandover(doc, assignee?.id ?? null, previous, at(40));
  }
  if (spec.status !== 'new' && spec.status !== 'open') setStatus(doc, spec.status, agent, at(60));
  else if (spec.status === 'open') setStatus(doc, 'open', agent, at(30));
  return doc;
}

/** Whether the demo workspace still needs seeding. */
export function needsDemoSeed(storage: DocStorage): boolean {
  return storage.load(indexDocName(DEMO_WORKSPACE_ID)) === null;
}

export function demoTicketId(n: number): string {
  return `demo-t-${String(n).padStart(3, '0')}`;
}

/** Seeds the demo workspace unless its index exists. Returns how many tickets were written. */
export function seedDemoWorkspace(storage: DocStorage, clock: Clock): number {
  if (!needsDemoSeed(storage)) return 0;
  const now = clock.now();
  const index = new Y.Doc();
  let written = 0;
  index.transact(() => {
    for (const { email: _account, ...profile } of DEMO_MEMBERS) putMember(index, profile);
    for (const c of DEMO_CUSTOMERS) putCustomer(index, c);
  });
  TICKETS.forEach((spec, i) => {
    const id = demoTicketId(i + 1);
    const name = ticketDocName(id);
    const number = storage.ticketNumber(id, DEMO_WORKSPACE_ID);
    const doc = buildTicket(id, spec, number, now);
    const summary = summarizeDoc(doc);
    if (!summary) throw new Error(`Demo ticket ${id} does not read back as a ticket.`);
    index.transact(() => putSummary(index, summary));
    // Registered before it is stored: nothing is ever stored under an unregistered ticket name.
    storage.registerDocument(name, DEMO_WORKSPACE_ID, now);
    if (storage.load(name) !== null) return; // stored by an interrupted earlier seed
    storeChecked(storage, name, doc, { kind: 'ticket', ticketId: id });
    written++;
  });
  storeChecked(storage, indexDocName(DEMO_WORKSPACE_ID), index, {
    kind: 'index',
    workspaceId: DEMO_WORKSPACE_ID
  });
  return written;
}

/** Stores the document's state once, after checking it like a client's first write. */
function storeChecked(
  storage: DocStorage,
  name: string,
  doc: Y.Doc,
  ref: { kind: 'ticket'; ticketId: string } | { kind: 'index'; workspaceId: string }
): void {
  const state = Y.encodeStateAsUpdate(doc);
  const verdict = applyChecked(new Y.Doc(), ref, state, { byServer: true });
  if (!verdict.ok)
    throw new Error(`Demo document ${name} is invalid: ${verdict.reason}: ${verdict.detail}`);
  storage.append(name, state);
  doc.destroy();
}
