import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CUSTOM_FIELDS_ROOT,
  CustomFieldRecord,
  RequiredFieldsError,
  activeFields,
  customFieldsOf,
  fieldDefinitionChangeProblem,
  fieldDefinitionsBefore,
  fieldForm,
  fieldRecordFromForm,
  fieldRecordProblem,
  fieldValue,
  fieldValueOfActivity,
  fieldValueProblem,
  formatFieldValue,
  keyFromLabel,
  labelText,
  missingToSolve,
  putFieldDefinition,
  readCustomFields,
  readFieldValues,
  setFieldValue,
  setStatusChecked,
  summaryFieldValues,
  templateFieldValues,
  type CustomFieldRecord as Field
} from './custom-fields';
import { putSettingsRecord, readSettings, settingsRecordProblem } from './settings';
import { readTicket, readTicketFields } from './ticket';
import { summarize } from './workspace-index';
import { onlyAddsNotes } from './note-check';
import { macroContext } from './macro';
import { renderTemplate, templateProblem } from './macro-template';
import { T0, makeActor, makeCustomField, makeTicketDoc } from './testing/factories';

/** Field definitions, one per type. */
const makeField = makeCustomField;

const product = makeField({
  type: 'dropdown',
  key: 'product',
  label: { en: 'Product', fi: 'Tuote', da: 'Produkt' },
  requiredOnSolve: true
});
const order = makeField({ type: 'text', key: 'order_number', label: 'Order number' });
const seats = makeField({ type: 'number', key: 'seats' });
const due = makeField({ type: 'date', key: 'due_on' });
const areas = makeField({ type: 'multiselect', key: 'areas' });
const vip = makeField({ type: 'checkbox', key: 'vip' });
const ALL = [product, order, seats, due, areas, vip];

function settingsWith(fields: readonly Field[]): Y.Doc {
  const doc = new Y.Doc();
  for (const field of fields) expect(putSettingsRecord(doc, 'fields', field)).toBeNull();
  return doc;
}

describe('field definitions (the settings root `fields`)', () => {
  it('accepts one field of each type and reads them back in order', () => {
    const settings = settingsWith(ALL.map((f, i) => ({ ...f, position: i })));
    const read = readCustomFields(settings);
    expect(read.all.map((f) => f.key)).toEqual(ALL.map((f) => f.key));
    expect(read.byKey.get('product')?.type).toBe('dropdown');
    expect(readSettings(settings).customFields.all).toHaveLength(ALL.length);
  });

  it('refuses bad records, each refusal naming the field', () => {
    const cases: [unknown, RegExp][] = [
      [{ ...order, key: 'Order Number' }, /^fields\.order-number: key: keys are lowercase/],
      [{ ...order, type: 'colour' }, /^fields\.order-number: type/],
      [{ ...order, options: [{ id: 'a', label: 'A' }] }, /options: a text field has no options/],
      [{ ...product, options: [] }, /options: a list needs at least one option/],
      [
        { ...product, options: [...(product.options ?? []), { id: 'hardware', label: 'Again' }] },
        /options\.3\.id: the option hardware is listed twice/
      ],
      [{ ...order, label: '' }, /^fields\.order-number: label/],
      [{ ...order, label: { fi: 'Vain suomeksi' } }, /label/],
      [{ ...order, script: '<script>' }, /script/],
      [{ ...order, requiredOnSolve: 'yes' }, /requiredOnSolve/]
    ];
    for (const [record, message] of cases) {
      expect(settingsRecordProblem('fields', 'order-number', record), String(message)).toMatch(
        message
      );
    }
    expect(fieldRecordProblem('other', order)).toMatch(/the key must be the record's id/);
  });

  it('lets definitions only grow: no removal, no new key or type, no option removed', () => {
    const settings = settingsWith([order, product]);
    const before = fieldDefinitionsBefore(settings);
    const change = (edit: (root: Y.Map<unknown>) => void, ids: string[]) => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(settings));
      edit(copy.getMap('fields'));
      return fieldDefinitionChangeProblem(before, copy, ids);
    };
    expect(change((r) => r.delete(order.id), [order.id])).toMatch(
      /fields\.order-number: a field is archived, not deleted/
    );
    expect(change((r) => r.set(order.id, { ...order, key: 'order' }), [order.id])).toMatch(
      /key: a field's key never changes/
    );
    expect(change((r) => r.set(order.id, { ...order, type: 'number' }), [order.id])).toMatch(
      /type: a field's type never changes/
    );
    expect(
      change(
        (r) => r.set(product.id, { ...product, options: product.options?.slice(1) }),
        [product.id]
      )
    ).toMatch(/the option hardware is archived, not removed/);
    expect(
      change((r) => r.set('second', { ...order, id: 'second', label: 'Copy' }), ['second'])
    ).toMatch(/the key order_number is already the field order-number's/);
    // What is allowed: archiving, relabelling, a new option, a new field.
    expect(
      change(
        (r) => {
          r.set(order.id, { ...order, archived: true, label: 'Old order number' });
          r.set(product.id, {
            ...product,
            options: [...(product.options ?? []), { id: 'service', label: 'Service' }]
          });
          r.set(seats.id, seats);
        },
        [order.id, product.id, seats.id]
      )
    ).toBeNull();
  });

  it('skips records that do not parse and archived fields leave forms', () => {
    const read = customFieldsOf([
      ['order-number', { ...order, archived: true }],
      ['broken', { id: 'broken', key: 'x' }],
      ['wrong-key', { ...seats }]
    ]);
    expect(read.all.map((f) => f.key)).toEqual(['order_number']);
    expect(activeFields(read)).toEqual([]);
  });
});

describe('field values', () => {
  it('checks a value against its field, naming the field', () => {
    const good: [Field, unknown][] = [
      [order, 'A-1042'],
      [seats, 12.5],
      [due, '2024-02-29'],
      [product, 'software'],
      [product, 'old'],
      [areas, ['hardware', 'software']],
      [vip, false]
    ];
    for (const [field, value] of good) expect(fieldValueProblem(field, value)).toBeNull();
    const bad: [Field, unknown, RegExp][] = [
      [order, 42, /^order_number: a text field holds text/],
      [order, '   ', /empty text/],
      [order, 'x'.repeat(2001), /at most 2000 characters/],
      [seats, '12', /^seats: a number field/],
      [seats, Number.NaN, /a number field/],
      [seats, 1e16, /too large/],
      [due, '2023-02-29', /^due_on: a date field holds a date/],
      [due, '29.2.2024', /YYYY-MM-DD/],
      [product, 'printer', /^product: the value must be one of the field’s options/],
      [product, ['hardware'], /one of the field’s options/],
      [areas, [], /a list of options/],
      [areas, ['hardware', 'hardware'], /chosen twice/],
      [areas, ['nope'], /every value/],
      [vip, 'yes', /^vip: a checkbox is true or false/]
    ];
    for (const [field, value, message] of bad) {
      expect(fieldValueProblem(field, value), `${field.key} ${String(value)}`).toMatch(message);
    }
  });

  it('sets, changes and clears a value in one transaction with updatedAt', () => {
    const { doc, actor } = makeTicketDoc();
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    expect(setFieldValue(doc, product, 'hardware', actor, T0 + 1000)).toBe(true);
    expect(transactions).toBe(1);
    expect(fieldValue(doc, 'product')).toBe('hardware');
    expect(readTicketFields(doc)?.updatedAt).toBe(T0 + 1000);
    expect(setFieldValue(doc, product, 'hardware', actor, T0 + 2000)).toBe(false);
    expect(setFieldValue(doc, areas, ['software'], actor, T0 + 2000)).toBe(true);
    expect(readFieldValues(doc)).toEqual({ product: 'hardware', areas: ['software'] });
    expect(setFieldValue(doc, product, null, actor, T0 + 3000)).toBe(true);
    expect(fieldValue(doc, 'product')).toBeNull();
    expect(doc.getMap(CUSTOM_FIELDS_ROOT).has('product')).toBe(false);
    // An empty text clears rather than storing ''.
    expect(setFieldValue(doc, order, '  ', actor, T0 + 3000)).toBe(false);
  });

  it('logs each change in the activity, and the log reads back as the reader sees it', () => {
    const { doc, actor } = makeTicketDoc();
    setFieldValue(doc, product, 'hardware', actor, T0 + 1);
    setFieldValue(doc, product, 'software', actor, T0 + 2);
    setFieldValue(doc, areas, ['software', 'hardware'], actor, T0 + 3);
    setFieldValue(doc, vip, true, actor, T0 + 4);
    setFieldValue(doc, seats, 12, actor, T0 + 5);
    setFieldValue(doc, product, null, actor, T0 + 6);
    setFieldValue(doc, product, null, actor, T0 + 7); // no change, no entry
    const logged = (readTicket(doc)?.activity ?? []).filter((e) => e.kind === 'field');
    expect(logged).toEqual([
      {
        at: T0 + 1,
        actorId: actor.id,
        kind: 'field',
        field: 'product',
        from: null,
        to: 'hardware'
      },
      {
        at: T0 + 2,
        actorId: actor.id,
        kind: 'field',
        field: 'product',
        from: 'hardware',
        to: 'software'
      },
      {
        at: T0 + 3,
        actorId: actor.id,
        kind: 'field',
        field: 'areas',
        from: null,
        to: '["software","hardware"]'
      },
      { at: T0 + 4, actorId: actor.id, kind: 'field', field: 'vip', from: null, to: 'true' },
      { at: T0 + 5, actorId: actor.id, kind: 'field', field: 'seats', from: null, to: 12 },
      { at: T0 + 6, actorId: actor.id, kind: 'field', field: 'product', from: 'software', to: null }
    ]);
    const words = { locale: 'fi', yes: 'kyllä', no: 'ei' };
    const shown = (field: Field, value: string | number | null) =>
      formatFieldValue(field, fieldValueOfActivity(field, value), words);
    expect(shown(product, 'hardware')).toBe('Laitteisto');
    expect(shown(areas, '["software","hardware"]')).toBe('Software, Laitteisto');
    expect(shown(vip, 'true')).toBe('kyllä');
    expect(shown(seats, 12)).toBe('12');
    expect(shown(vip, 'garbage{')).toBe('');
    expect(shown(product, null)).toBe('');
  });

  it('refuses a value that does not fit, naming the field, and writes nothing', () => {
    const { doc, actor } = makeTicketDoc();
    const before = Y.encodeStateVector(doc);
    expect(() => setFieldValue(doc, seats, 'many' as never, actor, T0)).toThrow(/^seats: /);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('merges two agents setting different fields offline', () => {
    const { doc, actor } = makeTicketDoc();
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, Y.encodeStateAsUpdate(doc));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(doc));
    setFieldValue(a, product, 'software', actor, T0 + 10);
    setFieldValue(b, seats, 3, actor, T0 + 20);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readFieldValues(a)).toEqual({ product: 'software', seats: 3 });
    expect(readFieldValues(b)).toEqual(readFieldValues(a));
  });

  it('puts the values into the summary, keys sorted, texts cut for the index', () => {
    const { doc, actor } = makeTicketDoc();
    setFieldValue(doc, order, 'x'.repeat(500), actor, T0);
    setFieldValue(doc, areas, ['software', 'hardware'], actor, T0);
    const ticket = readTicket(doc);
    if (!ticket) throw new Error('no ticket');
    const summary = summarize(ticket);
    expect(Object.keys(summary.customFields ?? {})).toEqual(['areas', 'order_number']);
    expect(summary.customFields?.order_number).toHaveLength(200);
    expect(summary.customFields?.areas).toEqual(['software', 'hardware']);
    expect(summaryFieldValues({})).toBeUndefined();
    expect('customFields' in summarize({ ...ticket, customFields: {} })).toBe(false);
  });

  it('is no note: a light agent may not set or clear a value', () => {
    const { doc, actor } = makeTicketDoc();
    setFieldValue(doc, product, 'hardware', actor, T0);
    const after = new Y.Doc();
    Y.applyUpdate(after, Y.encodeStateAsUpdate(doc));
    setFieldValue(after, product, null, actor, T0 + 1);
    expect(onlyAddsNotes(doc, after)).toBe(false);
    const set = new Y.Doc();
    Y.applyUpdate(set, Y.encodeStateAsUpdate(doc));
    setFieldValue(set, seats, 2, actor, T0 + 1);
    expect(onlyAddsNotes(doc, set)).toBe(false);
  });
});

describe('required on solve', () => {
  const definitions = customFieldsOf(
    [
      product,
      { ...vip, requiredOnSolve: true },
      { ...order, requiredOnSolve: true, archived: true }
    ].map((f) => [f.id, f])
  );

  it('lists the required fields a ticket leaves empty; archived ones are never required', () => {
    expect(missingToSolve({}, definitions).map((f) => f.key)).toEqual(['product', 'vip']);
    expect(missingToSolve({ vip: false }, definitions).map((f) => f.key)).toEqual([
      'product',
      'vip'
    ]);
    expect(missingToSolve({ product: 'hardware', vip: true }, definitions)).toEqual([]);
    // A value that no longer fits (an unknown option) is as good as empty.
    expect(missingToSolve({ product: 'gone', vip: true }, definitions).map((f) => f.key)).toEqual([
      'product'
    ]);
  });

  it('refuses to solve or close with a required field empty, naming it, and changes nothing', () => {
    const { doc, actor } = makeTicketDoc();
    const before = Y.encodeStateVector(doc);
    for (const status of ['solved', 'closed'] as const) {
      let error: unknown;
      try {
        setStatusChecked(doc, status, definitions, actor, T0 + 1);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(RequiredFieldsError);
      expect((error as RequiredFieldsError).missing.map((f) => f.key)).toEqual(['product', 'vip']);
      expect((error as Error).message).toBe('Fill in Product, The checkbox before solving.');
    }
    expect(Y.encodeStateVector(doc)).toEqual(before);
    // Other statuses go through.
    expect(setStatusChecked(doc, 'pending', definitions, actor, T0 + 2)).toBe(true);
    setFieldValue(doc, product, 'software', actor, T0 + 3);
    setFieldValue(doc, vip, true, actor, T0 + 3);
    expect(setStatusChecked(doc, 'solved', definitions, actor, T0 + 4)).toBe(true);
    expect(readTicketFields(doc)?.status).toBe('solved');
  });

  it('lets a solved ticket be closed even when a field became required since', () => {
    const { doc, actor } = makeTicketDoc();
    setStatusChecked(doc, 'solved', customFieldsOf([]), actor, T0 + 1);
    expect(setStatusChecked(doc, 'closed', definitions, actor, T0 + 2)).toBe(true);
  });
});

describe('display', () => {
  const words = (locale: string) => ({ locale, yes: 'yes', no: 'no' });

  it('labels in the reader’s language, falling back to English or the one label', () => {
    expect(labelText(product.label, 'fi')).toBe('Tuote');
    expect(labelText(product.label, 'da-DK')).toBe('Produkt');
    expect(labelText({ en: 'Seats' }, 'fi')).toBe('Seats');
    expect(labelText('Order number', 'da')).toBe('Order number');
  });

  it('formats each type as a reader sees it', () => {
    expect(formatFieldValue(product, 'hardware', words('fi'))).toBe('Laitteisto');
    expect(formatFieldValue(areas, ['hardware', 'software'], words('en'))).toBe(
      'Hardware, Software'
    );
    expect(formatFieldValue(seats, 1234.5, words('en'))).toBe('1,234.5');
    expect(formatFieldValue(seats, 1234.5, words('fi'))).toBe('1\u00a0234,5');
    expect(formatFieldValue(due, '2024-03-05', words('en'))).toBe('Mar 5, 2024');
    expect(formatFieldValue(vip, true, words('en'))).toBe('yes');
    expect(formatFieldValue(vip, false, words('en'))).toBe('no');
    expect(formatFieldValue(order, null, words('en'))).toBe('');
  });

  it('gives templates every defined key, null when empty', () => {
    const definitions = customFieldsOf(ALL.map((f) => [f.id, f]));
    const values = templateFieldValues({ product: 'software', seats: 3 }, definitions, words('en'));
    expect(values).toMatchObject({ product: 'Software', seats: '3', order_number: null });
    expect(Object.keys(values).sort()).toEqual(ALL.map((f) => f.key).sort());
  });

  it('makes a key from a label', () => {
    expect(keyFromLabel('Order number')).toBe('order_number');
    expect(keyFromLabel('Käyttäjien määrä')).toBe('kayttajien_maara');
    expect(keyFromLabel('2nd line!')).toBe('nd_line');
    expect(keyFromLabel('!!!')).toBe('');
  });
});

describe('the settings form', () => {
  const none = customFieldsOf([]);
  let ids = 0;
  const newId = () => `field-${++ids}`;

  it('makes a new field with a key from its name and options with ids from their labels', () => {
    const form = {
      ...fieldForm(null),
      label: 'Product line',
      labelFi: 'Tuotelinja',
      type: 'dropdown' as const,
      options: 'Hardware\nSoftware\n\nsoftware\nCafé'
    };
    const made = fieldRecordFromForm(form, null, none, newId, 1);
    if (!made.ok) throw new Error(made.problem);
    expect(made.record).toMatchObject({
      key: 'product_line',
      label: { en: 'Product line', fi: 'Tuotelinja' },
      type: 'dropdown',
      options: [
        { id: 'hardware', label: 'Hardware' },
        { id: 'software', label: 'Software' },
        { id: 'software-2', label: 'software' },
        { id: 'cafe', label: 'Café' }
      ]
    });
    expect(CustomFieldRecord.safeParse(made.record).success).toBe(true);
  });

  it('keeps option ids when editing and archives a removed line instead of dropping it', () => {
    const form = { ...fieldForm(product), options: 'software\nService' };
    const made = fieldRecordFromForm(form, product, none, newId, 1);
    if (!made.ok) throw new Error(made.problem);
    expect(made.record.key).toBe('product');
    expect(made.record.options).toEqual([
      { id: 'software', label: 'software' },
      { id: 'service', label: 'Service' },
      {
        id: 'hardware',
        label: { en: 'Hardware', fi: 'Laitteisto', da: 'Hardware' },
        archived: true
      },
      { id: 'old', label: 'Old', archived: true }
    ]);
    // The key and the type of an existing field are its own, whatever the form says.
    const retyped = fieldRecordFromForm(
      { ...fieldForm(product), key: 'other', type: 'text' },
      product,
      none,
      newId,
      1
    );
    expect(retyped.ok && [retyped.record.key, retyped.record.type]).toEqual([
      'product',
      'dropdown'
    ]);
  });

  it('names what is missing: a name, options, a usable or free key', () => {
    const definitions = customFieldsOf([[order.id, order]]);
    const problem = (form: Partial<ReturnType<typeof fieldForm>>) => {
      const made = fieldRecordFromForm(
        { ...fieldForm(null), ...form },
        null,
        definitions,
        newId,
        1
      );
      return made.ok ? null : made.problem;
    };
    expect(problem({ label: '  ' })).toBe('name');
    expect(problem({ label: 'Areas', type: 'multiselect', options: '\n' })).toBe('options');
    expect(problem({ label: '!!!' })).toBe('key-invalid');
    expect(problem({ label: 'Order number' })).toBe('key-taken');
    expect(problem({ label: 'Order number', key: 'order_ref' })).toBeNull();
  });

  it('writes a definition only as the update check would accept it', () => {
    const settings = settingsWith([order]);
    expect(putFieldDefinition(settings, { ...order, label: 'Order' })).toBeNull();
    expect(putFieldDefinition(settings, { ...order, key: 'order' })).toMatch(
      /fields\.order-number\.key: a field's key never changes/
    );
    expect(putFieldDefinition(settings, { ...seats, key: 'order_number' })).toMatch(
      /the key order_number is already the field order-number's/
    );
    expect(readCustomFields(settings).all.map((f) => labelText(f.label, 'en'))).toEqual(['Order']);
  });
});

describe('macro variables', () => {
  const definitions = customFieldsOf(ALL.map((f) => [f.id, f]));
  const people = (withFields: boolean) => ({
    agent: makeActor({ name: 'Maya Thompson' }),
    customers: {},
    members: {},
    ...(withFields
      ? { fields: { definitions, words: { locale: 'fi', yes: 'kyllä', no: 'ei' } } }
      : {})
  });

  it('accepts ticket.fields.<key> at save and renders the value as a reader sees it', () => {
    expect(templateProblem('Product: {{ ticket.fields.product }}')).toBeNull();
    expect(templateProblem('{{ ticket.fields.Not-A-Key }}')).toMatchObject({
      kind: 'unknown-variable'
    });
    const { doc, actor } = makeTicketDoc();
    setFieldValue(doc, product, 'hardware', actor, T0);
    setFieldValue(doc, vip, true, actor, T0);
    const context = macroContext(doc, people(true));
    if (!context) throw new Error('no ticket');
    const rendered = renderTemplate(
      '{{ ticket.fields.product }} / {{ ticket.fields.vip }} / {{ ticket.fields.seats | default: "?" }}',
      context
    );
    expect(rendered).toEqual({ ok: true, text: 'Laitteisto / kyllä / ?' });
  });

  it('shows a key the workspace does not define as an error, never raw', () => {
    const { doc } = makeTicketDoc();
    const context = macroContext(doc, people(true));
    if (!context) throw new Error('no ticket');
    const rendered = renderTemplate('Hi {{ ticket.fields.nope }}', context);
    expect(rendered.ok).toBe(false);
    expect(rendered.ok ? '' : rendered.problem.kind).toBe('unknown-variable');
  });
});
