/**
 * The update check on custom fields: values in a ticket's `customFields` map, and definitions
 * in the settings' `fields` root. Honest edits pass; garbage (seeded) is refused with a clear
 * reason and nothing of it reaches the live document.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyChecked, type CheckOptions, type UpdateVerdict } from './update-check';
import type { DocRef } from './doc-names';
import {
  CUSTOM_FIELDS_ROOT,
  CustomFieldRecord,
  customFieldsOf,
  setFieldValue
} from './custom-fields';
import { WORKSPACE_ID, makeActor, makeTicketDoc } from './testing/factories';
import { Rng } from './testing/prng';
import { copyOf, updateFrom } from './testing/replicas';

function detailOf(verdict: UpdateVerdict): string {
  return verdict.ok ? 'accepted' : `${verdict.reason}: ${verdict.detail}`;
}

const product = CustomFieldRecord.parse({
  id: 'product',
  key: 'product',
  label: 'Product',
  type: 'dropdown',
  options: [
    { id: 'hardware', label: 'Hardware' },
    { id: 'software', label: 'Software' }
  ],
  requiredOnSolve: true,
  archived: false
});
const seats = CustomFieldRecord.parse({
  id: 'seats',
  key: 'seats',
  label: 'Seats',
  type: 'number',
  requiredOnSolve: false,
  archived: false
});
const definitions = customFieldsOf([
  [product.id, product],
  [seats.id, seats]
]);
const withDefinitions: CheckOptions = {
  customFields: (workspaceId) => (workspaceId === WORKSPACE_ID ? definitions : null)
};

function liveTicket() {
  const { doc, fields } = makeTicketDoc();
  const ref: DocRef = { kind: 'ticket', ticketId: fields.id };
  return { live: copyOf(doc), ref };
}

describe('applyChecked: custom field values on a ticket', () => {
  it('accepts values set and cleared through setFieldValue, with or without definitions', () => {
    const { live, ref } = liveTicket();
    const agent = makeActor();
    const set = updateFrom(live, (doc) => {
      setFieldValue(doc, product, 'software', agent, Date.now());
      setFieldValue(doc, seats, 25, agent, Date.now());
    });
    expect(detailOf(applyChecked(copyOf(live), ref, set))).toBe('accepted');
    expect(detailOf(applyChecked(copyOf(live), ref, set, withDefinitions))).toBe('accepted');
    Y.applyUpdate(live, set);
    const clear = updateFrom(live, (doc) => setFieldValue(doc, product, null, agent, Date.now()));
    expect(detailOf(applyChecked(copyOf(live), ref, clear, withDefinitions))).toBe('accepted');
  });

  it('refuses a field activity entry that names no field, and a field on another kind', () => {
    const { live, ref } = liveTicket();
    const agent = makeActor();
    const entries: [Record<string, unknown>, RegExp][] = [
      [{ kind: 'field', from: null, to: 'x' }, /field/],
      [{ kind: 'status', field: 'product', from: 'open', to: 'pending' }, /field/]
    ];
    for (const [entry, message] of entries) {
      const update = updateFrom(live, (doc) =>
        doc.getArray('activity').push([{ at: Date.now(), actorId: agent.id, ...entry }])
      );
      expect(detailOf(applyChecked(copyOf(live), ref, update))).toMatch(message);
      expect(detailOf(applyChecked(copyOf(live), ref, update))).not.toBe('accepted');
    }
  });

  it('refuses, with the definitions, an unknown key or a value that does not fit, naming it', () => {
    const { live, ref } = liveTicket();
    const cases: [string, unknown, RegExp][] = [
      ['priority_level', 'high', /customFields: the workspace has no field "priority_level"/],
      ['product', 'printer', /customFields\.product: the value must be one of the field’s options/],
      ['seats', true, /customFields\.seats: a number field holds a number/]
    ];
    for (const [key, value, message] of cases) {
      const update = updateFrom(live, (doc) => doc.getMap(CUSTOM_FIELDS_ROOT).set(key, value));
      expect(detailOf(applyChecked(copyOf(live), ref, update, withDefinitions)), key).toMatch(
        new RegExp(`^schema: ${message.source}`)
      );
      // Without definitions (the server could not read them) only the shape is checked.
      expect(detailOf(applyChecked(copyOf(live), ref, update))).toBe('accepted');
    }
  });

  it('refuses garbage keys and values (seeded), with or without definitions', () => {
    const { live, ref } = liveTicket();
    const rng = new Rng(1507);
    const garbageValues: unknown[] = [
      null,
      '',
      'x'.repeat(2001),
      { nested: true },
      [],
      ['Not An Id'],
      Array.from({ length: 51 }, (_, i) => `o-${i}`),
      [1, 2],
      1e16,
      -1e16
    ];
    const garbageKeys = ['', 'Product', '1st', 'with space', 'a'.repeat(41), '__proto__', 'ä'];
    for (let round = 0; round < 60; round++) {
      const useKey = rng.bool();
      const key = useKey ? (garbageKeys[rng.int(0, garbageKeys.length - 1)] ?? '') : 'product';
      const value = useKey ? 'hardware' : garbageValues[rng.int(0, garbageValues.length - 1)];
      const update = updateFrom(live, (doc) => doc.getMap(CUSTOM_FIELDS_ROOT).set(key, value));
      for (const options of [{}, withDefinitions]) {
        const verdict = applyChecked(copyOf(live), ref, update, options);
        expect(verdict.ok, `${JSON.stringify(key)} = ${JSON.stringify(value)}`).toBe(false);
        if (!verdict.ok) {
          expect(verdict.reason).toBe('schema');
          expect(verdict.detail).toMatch(/^customFields/);
        }
      }
    }
    // Nothing of it reached the live document.
    expect(live.getMap(CUSTOM_FIELDS_ROOT).size).toBe(0);
  });

  it('refuses more than 100 values on one ticket', () => {
    const { live, ref } = liveTicket();
    const update = updateFrom(live, (doc) => {
      const map = doc.getMap(CUSTOM_FIELDS_ROOT);
      for (let i = 0; i <= 100; i++) map.set(`field_${i}`, 'x');
    });
    expect(detailOf(applyChecked(copyOf(live), ref, update))).toMatch(
      /^schema: customFields: a ticket holds at most 100 field values/
    );
  });
});

describe('applyChecked: custom field definitions in the settings', () => {
  const ref: DocRef = { kind: 'settings', workspaceId: WORKSPACE_ID };

  function settingsHolding(...records: unknown[]): Y.Doc {
    const doc = new Y.Doc();
    for (const record of records) {
      doc.getMap('fields').set((record as { id: string }).id, record);
    }
    return doc;
  }

  it('accepts a new field, archiving it, relabelling it and a new option', () => {
    const live = new Y.Doc();
    const add = updateFrom(live, (doc) => doc.getMap('fields').set(product.id, product));
    expect(detailOf(applyChecked(copyOf(live), ref, add))).toBe('accepted');
    Y.applyUpdate(live, add);
    const edit = updateFrom(live, (doc) =>
      doc.getMap('fields').set(product.id, {
        ...product,
        label: { en: 'Product', fi: 'Tuote', da: 'Produkt' },
        archived: true,
        options: [...(product.options ?? []), { id: 'service', label: 'Service' }]
      })
    );
    expect(detailOf(applyChecked(copyOf(live), ref, edit))).toBe('accepted');
  });

  it('refuses what would strand stored values, naming the field', () => {
    const live = settingsHolding(product, seats);
    const cases: [(map: Y.Map<unknown>) => void, RegExp][] = [
      [(m) => m.delete('product'), /fields\.product: a field is archived, not deleted/],
      [(m) => m.set('seats', { ...seats, key: 'licences' }), /fields\.seats\.key: .*never changes/],
      [(m) => m.set('seats', { ...seats, type: 'text' }), /fields\.seats\.type: .*never changes/],
      [
        (m) => m.set('product', { ...product, options: product.options?.slice(0, 1) }),
        /fields\.product\.options: the option software is archived, not removed/
      ],
      [
        (m) => m.set('seats-2', { ...seats, id: 'seats-2' }),
        /fields\.seats-2\.key: the key seats is already the field seats's/
      ],
      [(m) => m.set('bad', { ...seats, id: 'bad', type: 'colour' }), /^schema: fields: type/]
    ];
    for (const [edit, message] of cases) {
      const update = updateFrom(live, (doc) => edit(doc.getMap('fields')));
      expect(detailOf(applyChecked(copyOf(live), ref, update))).toMatch(message);
    }
  });

  it('refuses garbage records (seeded) with a schema reason', () => {
    const live = new Y.Doc();
    const rng = new Rng(42);
    const garbage: unknown[] = [
      null,
      'product',
      42,
      [],
      { id: 'x' },
      { ...product, id: 'X Y' },
      { ...product, options: 'hardware' },
      { ...product, options: [{ id: 'a' }] },
      { ...seats, position: 'first' },
      { ...seats, label: { en: '' } }
    ];
    for (let round = 0; round < 30; round++) {
      const record = garbage[rng.int(0, garbage.length - 1)];
      const update = updateFrom(live, (doc) => doc.getMap('fields').set('x', record));
      const verdict = applyChecked(copyOf(live), ref, update);
      expect(verdict.ok ? 'accepted' : verdict.reason, JSON.stringify(record)).toMatch(
        /schema|id-mismatch/
      );
    }
  });
});
