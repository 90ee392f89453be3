import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  MacroNotApplicable,
  MacroRecord,
  applyMacro,
  macroFieldsProblem,
  macroProblem,
  previewMacro,
  searchMacros,
  undoMacro,
  type Macro,
  type MacroPeople
} from './macro';
import { MACRO_VARIABLES, renderTemplate, templateProblem } from './macro-template';
import {
  readActivity,
  readCustomFieldValues,
  readThread,
  readTicketFields,
  setStatus,
  ticketParts
} from './ticket';
import { customFieldsOf, setFieldValue } from './custom-fields';
import {
  T0,
  MINUTE,
  makeActor,
  makeCustomField,
  makeCustomer,
  makeMember,
  makeTicketDoc
} from './testing/factories';
import { Rng } from './testing/prng';

const agent = makeActor({ id: 'agent-maya-0001', name: 'Maya Thompson' });
const customer = makeCustomer({
  id: 'customer-0001',
  name: 'Aino Virtanen',
  email: 'aino@example.fi'
});
const people: MacroPeople = {
  agent,
  customers: { [customer.id]: customer },
  members: { [agent.id]: makeMember({ id: agent.id, name: agent.name }) }
};

function macro(overrides: Partial<MacroRecord> = {}): MacroRecord {
  return MacroRecord.parse({
    id: 'password-reset',
    name: 'Password reset',
    reply:
      'Hi {{ requester.first_name | default: "there" }}, about #{{ ticket.number }}: use the reset link.\n{{ agent.name }}',
    actions: { status: 'pending', priority: 'high', assignee: 'me', addTags: ['password'] },
    ...overrides
  });
}

function ticketWith(requesterId: string | null = customer.id) {
  const { doc } = makeTicketDoc({ requesterId, tags: ['login'] }, agent, T0);
  doc.getMap('ticket').set('number', 42);
  return doc;
}

describe('macro templates', () => {
  const context = {
    ticket: {
      number: 42,
      ref: 'P-ABC234',
      subject: 'Login',
      status: 'open',
      priority: 'normal',
      channel: 'email'
    },
    requester: { name: null, first_name: null, email: null },
    agent: { name: 'Maya Thompson', first_name: 'Maya' },
    assignee: { name: null, first_name: null }
  };

  it('renders the variables and falls back with default when a value is unknown', () => {
    expect(
      renderTemplate(
        'Hi {{requester.first_name | default: "there"}}, #{{ticket.number}} — {{agent.name}}',
        context
      )
    ).toEqual({
      ok: true,
      text: 'Hi there, #42 — Maya Thompson'
    });
  });

  it('refuses unknown variables, also in a branch that would not render', () => {
    expect(templateProblem('{{ ticket.nope }}')).toMatchObject({
      kind: 'unknown-variable',
      name: 'ticket.nope'
    });
    expect(templateProblem('{% if false %}{{ secret }}{% endif %}')).toMatchObject({
      kind: 'unknown-variable',
      name: 'secret'
    });
    expect(templateProblem('{{ ticket }}')).toMatchObject({ kind: 'unknown-variable' });
    expect(renderTemplate('Dear {{ customer.name }}', context)).toMatchObject({
      ok: false,
      problem: { kind: 'unknown-variable', name: 'customer.name' }
    });
  });

  it('refuses unbalanced tags, unknown filters and file tags', () => {
    expect(templateProblem('{% if ticket.number %}open')).toMatchObject({ kind: 'syntax' });
    expect(templateProblem('done{% endif %}')).toMatchObject({ kind: 'syntax' });
    expect(templateProblem('{{ ticket.number')).toMatchObject({ kind: 'syntax' });
    expect(templateProblem('{{ agent.name | shout }}')).toMatchObject({
      kind: 'unknown-filter',
      name: 'shout'
    });
    expect(templateProblem('{% include "secrets" %}')).toMatchObject({
      kind: 'forbidden-tag',
      name: 'include'
    });
    expect(templateProblem('{% render "x" %}')).toMatchObject({
      kind: 'forbidden-tag',
      name: 'render'
    });
  });

  it('runs no code and reads no prototype', () => {
    expect(templateProblem('{{ agent.constructor }}')).toMatchObject({ kind: 'unknown-variable' });
    expect(renderTemplate('{{ agent.name.constructor }}', context).ok).toBe(false);
    expect(renderTemplate('{{ "x" | append: agent.name }}', context)).toEqual({
      ok: true,
      text: 'xMaya Thompson'
    });
  });

  it('stops runaway loops with an error, not a hang', () => {
    const result = renderTemplate('{% for i in (1..100000000) %}{{ i }}{% endfor %}', context);
    expect(result).toMatchObject({ ok: false, problem: { kind: 'too-large' } });
  });

  it('lets a template use its own variables', () => {
    expect(
      renderTemplate(
        '{% assign who = agent.first_name %}{% capture x %}-{{ who }}-{% endcapture %}{{ x }}',
        context
      )
    ).toEqual({
      ok: true,
      text: '-Maya-'
    });
  });

  it('never throws and never echoes a raw tag for garbage (seeded fuzz)', () => {
    const rng = new Rng(15_1);
    const pieces = [
      '{{',
      '}}',
      '{%',
      '%}',
      'if',
      'endif',
      'for',
      'ticket.number',
      'agent.name',
      '|',
      'default:',
      '"',
      "'",
      '..',
      '(',
      ')',
      ' ',
      'x',
      '\n',
      '\u0000',
      'raw',
      'endraw',
      'assign',
      '=',
      'capture',
      '-',
      '}}}',
      '{{{'
    ];
    let refused = 0;
    for (let run = 0; run < 400; run++) {
      const length = rng.int(1, 12);
      let template = '';
      for (let i = 0; i < length; i++) template += rng.pick(pieces);
      const problem = templateProblem(template);
      const result = renderTemplate(template, context);
      if (problem !== null) expect(result.ok).toBe(false);
      if (!result.ok) refused++;
      if (problem === null && result.ok) expect(typeof result.text).toBe('string');
    }
    expect(refused).toBeGreaterThan(50);
  });

  it('knows every variable the context provides', () => {
    for (const path of MACRO_VARIABLES) expect(templateProblem(`{{ ${path} }}`)).toBeNull();
  });
});

describe('macro records', () => {
  it('refuse at save, naming the field', () => {
    expect(macroProblem({ ...macro(), reply: 'Hi {{ requester.nickname }}' })).toMatch(
      /^reply: unknown variable requester\.nickname/
    );
    expect(macroProblem({ ...macro(), note: '{% if x %}' })).toMatch(/^note: /);
    expect(macroProblem({ ...macro(), actions: { status: 'done' } })).toMatch(/^actions\.status/);
    expect(macroProblem({ ...macro(), actions: { addTags: ['a b'] } })).toMatch(
      /^actions\.addTags\.0/
    );
    expect(macroProblem({ ...macro(), secret: 1 })).toMatch(/secret/);
    expect(macroProblem({ id: 'empty', name: 'Empty', actions: {} })).toMatch(
      /^reply: a macro needs/
    );
    expect(macroProblem({ ...macro(), actions: { addTags: ['x'], removeTags: ['x'] } })).toMatch(
      /^actions\.removeTags/
    );
    expect(macroProblem('garbage')).not.toBeNull();
    expect(macroProblem(null)).not.toBeNull();
    expect(macroProblem(macro())).toBeNull();
  });

  it('are found by the words of their name', () => {
    const list: Macro[] = [
      { ...macro({ id: 'a', name: 'Password reset' }), scope: 'shared' },
      { ...macro({ id: 'b', name: 'Refund — approved' }), scope: 'personal' }
    ];
    expect(searchMacros(list, 'pass').map((m) => m.id)).toEqual(['a']);
    expect(searchMacros(list, 'ref app').map((m) => m.id)).toEqual(['b']);
    expect(searchMacros(list, '').length).toBe(2);
    expect(searchMacros(list, 'zebra')).toEqual([]);
  });
});

describe('applying a macro', () => {
  it('previews exactly what it will change, writing nothing', () => {
    const doc = ticketWith();
    const before = Y.encodeStateAsUpdate(doc);
    const preview = previewMacro(doc, macro(), people);
    expect(preview.ok).toBe(true);
    expect(preview.reply).toEqual({
      ok: true,
      text: 'Hi Aino, about #42: use the reset link.\nMaya Thompson'
    });
    expect(preview.changes).toEqual([
      { kind: 'status', from: 'new', to: 'pending' },
      { kind: 'priority', from: 'normal', to: 'high' },
      { kind: 'assignee', from: null, to: agent.id },
      { kind: 'tag-added', tag: 'password' }
    ]);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('writes the reply, the fields and the activity in one transaction', () => {
    const doc = ticketWith();
    const draft = ticketParts(doc).draft;
    draft.insert(0, 'Thanks for waiting.');
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    const undo = applyMacro(
      doc,
      draft,
      macro({ note: 'Customer {{ requester.email }} verified' }),
      people,
      T0 + MINUTE
    );
    expect(transactions).toBe(1);
    expect(draft.toString()).toBe(
      'Thanks for waiting.\n\nHi Aino, about #42: use the reset link.\nMaya Thompson'
    );
    expect(readTicketFields(doc)).toMatchObject({
      status: 'pending',
      priority: 'high',
      assigneeId: agent.id
    });
    expect([...doc.getMap('tags').keys()].sort()).toEqual(['login', 'password']);
    expect(undo.note).toBe('Customer aino@example.fi verified');
    // The note goes to the editor, not the append-only thread.
    expect(readThread(doc).some((e) => e.kind === 'note')).toBe(false);
    const kinds = readActivity(doc)
      .slice(1)
      .map((a) => a.kind);
    expect(kinds).toEqual(expect.arrayContaining(['status', 'priority', 'assignee', 'tag-added']));
  });

  it('sets custom fields, logged, undone while they still hold its values', () => {
    const product = makeCustomField({
      type: 'dropdown',
      key: 'product',
      label: 'Product',
      options: [
        { id: 'laptop', label: 'Laptop' },
        { id: 'phone', label: 'Phone' }
      ]
    });
    const seats = makeCustomField({ type: 'number', key: 'seats', label: 'Seats' });
    const definitions = customFieldsOf([
      [product.id, product],
      [seats.id, seats]
    ]);
    const withFields = {
      ...people,
      fields: { definitions, words: { locale: 'en', yes: 'yes', no: 'no' } }
    };
    const doc = ticketWith();
    setFieldValue(doc, seats, 5, agent, T0);
    const setsFields = macro({ actions: { fields: { product: 'laptop', seats: 5 } } });
    const preview = previewMacro(doc, setsFields, withFields);
    // Seats already holds 5: only the product changes.
    expect(preview.fieldChanges).toEqual([{ field: product, from: null, to: 'laptop' }]);
    expect(preview.ok).toBe(true);
    const draft = ticketParts(doc).draft;
    const undo = applyMacro(doc, draft, setsFields, withFields, T0 + MINUTE);
    expect(readCustomFieldValues(doc)).toEqual({ product: 'laptop', seats: 5 });
    expect(readActivity(doc).filter((a) => a.kind === 'field')).toHaveLength(2);
    expect(undoMacro(doc, draft, undo, agent, T0 + 2 * MINUTE)).toBe(true);
    expect(readCustomFieldValues(doc)).toEqual({ seats: 5 });
    // A colleague's later value wins over the undo.
    const again = applyMacro(doc, draft, setsFields, withFields, T0 + 3 * MINUTE);
    setFieldValue(doc, product, 'phone', agent, T0 + 4 * MINUTE);
    undoMacro(doc, draft, again, agent, T0 + 5 * MINUTE);
    expect(readCustomFieldValues(doc)).toEqual({ product: 'phone', seats: 5 });

    // A field the workspace does not define (or a value it does not take): not applicable.
    const stale: Record<string, string>[] = [
      { colour: 'red' },
      { product: 'tablet' },
      { seats: 'many' }
    ];
    for (const fields of stale) {
      const broken = macro({ actions: { fields } });
      const shown = previewMacro(doc, broken, withFields);
      expect(shown.ok, JSON.stringify(fields)).toBe(false);
      expect(shown.fieldProblems).toEqual(Object.keys(fields));
      const before = Y.encodeStateAsUpdate(doc);
      expect(() => applyMacro(doc, draft, broken, withFields, T0)).toThrow(MacroNotApplicable);
      expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    }
    expect(macroFieldsProblem({ fields: { colour: 'red' } }, definitions)).toBe(
      'actions.fields.colour: the workspace has no such field'
    );
    expect(macroFieldsProblem({ fields: { product: 'tablet' } }, definitions)).toMatch(
      /^actions\.fields\.product: /
    );
    expect(macroFieldsProblem({ fields: { product: null, seats: 3 } }, definitions)).toBeNull();
  });

  it('writes nothing when a template does not render', () => {
    const doc = ticketWith();
    const before = Y.encodeStateAsUpdate(doc);
    // A record that slipped past save (an older app's variable) is still caught here.
    const stale = { ...macro(), reply: 'Dear {{ requester.title }}' } as MacroRecord;
    expect(() => applyMacro(doc, ticketParts(doc).draft, stale, people, T0)).toThrow(
      MacroNotApplicable
    );
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('says "there" when the ticket has no requester', () => {
    const doc = ticketWith(null);
    expect(previewMacro(doc, macro(), people).reply).toMatchObject({
      ok: true,
      text: expect.stringMatching(/^Hi there,/)
    });
  });

  it('is undone in one step, back to the state before', () => {
    const doc = ticketWith();
    const draft = ticketParts(doc).draft;
    draft.insert(0, 'Start.');
    const beforeFields = readTicketFields(doc);
    const undo = applyMacro(
      doc,
      draft,
      macro({
        actions: { status: 'solved', assignee: 'me', addTags: ['password'], removeTags: ['login'] }
      }),
      people,
      T0 + MINUTE
    );
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    expect(undoMacro(doc, draft, undo, agent, T0 + 2 * MINUTE)).toBe(true);
    expect(transactions).toBe(1);
    expect(draft.toString()).toBe('Start.');
    const after = readTicketFields(doc);
    expect(after).toMatchObject({ status: beforeFields?.status, assigneeId: null, solvedAt: null });
    expect([...doc.getMap('tags').keys()]).toEqual(['login']);
  });

  it("keeps a colleague's later change and text typed around the reply", () => {
    const doc = ticketWith();
    const draft = ticketParts(doc).draft;
    const undo = applyMacro(doc, draft, macro(), people, T0 + MINUTE);
    // A colleague (another replica) sets the status and types before and after the reply.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const colleague = makeActor();
    setStatus(other, 'on-hold', colleague, T0 + 2 * MINUTE);
    const theirDraft = ticketParts(other).draft;
    theirDraft.insert(0, 'Hello! ');
    theirDraft.insert(theirDraft.length, ' P.S. call us');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    undoMacro(doc, draft, undo, agent, T0 + 3 * MINUTE);
    expect(draft.toString()).toBe('Hello!  P.S. call us');
    expect(readTicketFields(doc)).toMatchObject({
      status: 'on-hold',
      priority: 'normal',
      assigneeId: null
    });
  });

  it('applies on a replica with no connection and converges once synced', () => {
    const a = ticketWith();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    applyMacro(a, ticketParts(a).draft, macro(), people, T0 + MINUTE);
    setStatus(b, 'open', makeActor(), T0 + MINUTE);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(ticketParts(a).draft.toString()).toBe(ticketParts(b).draft.toString());
    expect(readTicketFields(a)).toEqual(readTicketFields(b));
  });
});
