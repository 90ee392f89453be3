/**
 * Test data, one factory per domain type. Each returns a value that passes its zod schema
 * (factories parse what they build, so a factory can never hand a test invalid data by
 * accident); pass overrides for what the test is about. Ids are readable and unique per run.
 */
import * as Y from 'yjs';
import { CustomFieldRecord } from '../custom-fields';
import {
  CustomerSummary,
  MemberProfile,
  ThreadEntry,
  TicketFields,
  TicketSummary,
  type Actor
} from '../schema';
import { createTicket, type NewTicket } from '../ticket';

let counter = 0;

/** A valid, unique id such as `agent-000007`. */
export function testId(prefix: string): string {
  counter += 1;
  return `${prefix}-${String(counter).padStart(6, '0')}`;
}

export const WORKSPACE_ID = 'ws-test-000001';
/** 2024-03-05T10:00:00Z, a Tuesday: tests work from a fixed clock, never `Date.now()`. */
export const T0 = Date.UTC(2024, 2, 5, 10, 0, 0);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function makeActor(overrides: Partial<Actor> = {}): Actor {
  const id = overrides.id ?? testId('agent');
  return { id, name: `Agent ${id.slice(-3)}`, ...overrides };
}

export function makeNewTicket(overrides: Partial<NewTicket> = {}): NewTicket {
  return {
    id: testId('ticket'),
    workspaceId: WORKSPACE_ID,
    subject: 'Printer on floor 3 is jammed',
    ...overrides
  };
}

/** Creates a ticket in a fresh document. */
export function makeTicketDoc(
  overrides: Partial<NewTicket> = {},
  actor: Actor = makeActor(),
  now: number = T0
): { doc: Y.Doc; fields: TicketFields; actor: Actor } {
  const doc = new Y.Doc();
  const fields = createTicket(doc, makeNewTicket(overrides), actor, now);
  return { doc, fields, actor };
}

export function makeTicketFields(overrides: Partial<TicketFields> = {}): TicketFields {
  return TicketFields.parse({
    id: testId('ticket'),
    workspaceId: WORKSPACE_ID,
    number: null,
    ref: 'P-ABC234',
    subject: 'Cannot log in',
    status: 'new',
    priority: 'normal',
    assigneeId: null,
    requesterId: null,
    channel: 'email',
    createdBy: 'agent-creator',
    createdAt: T0,
    updatedAt: T0,
    firstResponseAt: null,
    solvedAt: null,
    ...overrides
  });
}

export function makeThreadEntry(overrides: Partial<ThreadEntry> = {}): ThreadEntry {
  return ThreadEntry.parse({
    id: testId('entry'),
    kind: 'note',
    authorId: 'agent-author',
    authorName: 'Ada',
    body: 'Checked the logs; nothing unusual.',
    createdAt: T0,
    ...overrides
  });
}

export function makeMember(overrides: Partial<MemberProfile> = {}): MemberProfile {
  return MemberProfile.parse({
    id: testId('member'),
    name: 'Mira Virtanen',
    timeZone: 'Europe/Helsinki',
    workingHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
    skills: ['billing'],
    ...overrides
  });
}

export function makeCustomer(overrides: Partial<CustomerSummary> = {}): CustomerSummary {
  return CustomerSummary.parse({
    id: testId('customer'),
    name: 'Carla Customer',
    email: 'carla@example.org',
    ...overrides
  });
}

export function makeSummary(overrides: Partial<TicketSummary> = {}): TicketSummary {
  return TicketSummary.parse({
    id: testId('ticket'),
    number: null,
    ref: 'P-ABC234',
    subject: 'Cannot log in',
    status: 'open',
    priority: 'normal',
    assigneeId: null,
    requesterId: null,
    channel: 'email',
    tags: [],
    createdAt: T0,
    updatedAt: T0,
    firstResponseAt: null,
    solvedAt: null,
    entryCount: 0,
    hasHandover: false,
    ...overrides
  });
}

/**
 * A custom field definition (`custom-fields.ts`) of a type: key `<type>_field` unless given, a
 * dropdown's or multi-select's options Hardware (with Finnish), Software and an archived Old.
 */
export function makeCustomField(
  overrides: Partial<CustomFieldRecord> & Pick<CustomFieldRecord, 'type'>
): CustomFieldRecord {
  const key = overrides.key ?? `${overrides.type}_field`;
  return CustomFieldRecord.parse({
    id: overrides.id ?? key.replaceAll('_', '-'),
    key,
    label: overrides.label ?? `The ${overrides.type}`,
    requiredOnSolve: false,
    archived: false,
    ...(overrides.type === 'dropdown' || overrides.type === 'multiselect'
      ? {
          options: [
            { id: 'hardware', label: { en: 'Hardware', fi: 'Laitteisto', da: 'Hardware' } },
            { id: 'software', label: 'Software' },
            { id: 'old', label: 'Old', archived: true }
          ]
        }
      : {}),
    ...overrides
  });
}
