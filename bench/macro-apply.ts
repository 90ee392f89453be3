/**
 * Applying a macro: the time from the agent's Enter to the ticket document holding the result —
 * `applyMacro` rendering the reply and the note (Liquid, strict) and writing the reply, a status,
 * a priority, an assignee and two tags in one transaction — on a ticket with a long thread
 * (200 entries) and a draft already started. Each sample applies to a fresh copy of the ticket
 * (made outside the timing), so no sample sees an earlier one's changes. The first sample (which
 * loads and warms the template engine) is reported apart; the budget is on the median and p95.
 */
import * as Y from 'yjs';
import { applyMacro, MacroRecord } from '../src/lib/domain/macro.ts';
import { addThreadEntry, createTicket, ticketParts } from '../src/lib/domain/ticket.ts';
import type { Actor } from '../src/lib/domain/schema.ts';
import { median } from './stats.ts';

const agent: Actor = { id: 'member-bench01', name: 'Aino Virtanen' };
const customer = { id: 'customer-bench01', name: 'Bo Jensen', email: 'bo@example.dk' };
const T0 = Date.UTC(2026, 10, 2, 9, 0, 0);

const macro = MacroRecord.parse({
  id: 'refund-approved',
  name: 'Refund approved',
  reply: [
    'Hi {{ requester.first_name | default: "there" }},',
    '',
    'your refund for ticket #{{ ticket.number }} ("{{ ticket.subject }}") is approved.',
    '{% if ticket.priority == "urgent" %}We sped it up for you.{% endif %}',
    'Best regards,',
    '{{ agent.name }}'
  ].join('\n'),
  note: 'Refund approved by {{ agent.first_name }} for {{ requester.email }}',
  actions: {
    status: 'pending',
    priority: 'high',
    assignee: 'me',
    addTags: ['refund', 'approved'],
    removeTags: ['billing']
  }
});

function baseTicket(): Uint8Array {
  const doc = new Y.Doc();
  createTicket(
    doc,
    {
      workspaceId: 'ws-bench-000001',
      subject: 'Refund for order 1234',
      requesterId: customer.id,
      tags: ['billing'],
      firstMessage: { kind: 'inbound', body: 'Please refund my order.', author: customer }
    },
    agent,
    T0
  );
  doc.getMap('ticket').set('number', 4242);
  for (let i = 0; i < 200; i++) {
    const author = i % 2 === 0 ? customer : agent;
    addThreadEntry(
      doc,
      i % 2 === 0 ? 'inbound' : 'note',
      `Message ${i} `.repeat(40),
      author,
      T0 + i * 60_000
    );
  }
  ticketParts(doc).draft.insert(0, 'Thanks for your patience.');
  return Y.encodeStateAsUpdate(doc);
}

export interface MacroApplyResult {
  samples: number;
  firstMs: number;
  medianMs: number;
  p95Ms: number;
}

export function macroApplyBench(samples = 200): MacroApplyResult {
  const state = baseTicket();
  const people = {
    agent,
    customers: new Map([[customer.id, customer]]),
    members: new Map()
  };
  const times: number[] = [];
  for (let i = 0; i <= samples; i++) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    const draft = ticketParts(doc).draft;
    const started = performance.now();
    applyMacro(doc, draft, macro, people, T0 + 300 * 60_000 + i);
    times.push(performance.now() - started);
    if (!draft.toString().includes('your refund for ticket #4242')) {
      throw new Error('the macro did not render into the draft');
    }
  }
  const [first = 0, ...rest] = times;
  const sorted = [...rest].sort((a, b) => a - b);
  return {
    samples: rest.length,
    firstMs: first,
    medianMs: median(rest),
    p95Ms: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(macroApplyBench());
}
