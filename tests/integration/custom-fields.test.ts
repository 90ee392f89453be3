/**
 * Custom fields on the server: a ticket's values are checked against the workspace's field
 * definitions, read from its settings document (an unknown key or a value that does not fit
 * its field is refused with 4422 and nothing of it is stored), and the index projection puts
 * the values into the ticket's summary for filtering.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { indexDocName, settingsDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import {
  CUSTOM_FIELDS_ROOT,
  CustomFieldRecord,
  fieldValue,
  putFieldDefinition,
  setFieldValue
} from '../../src/lib/domain/custom-fields.ts';
import { readIndex } from '../../src/lib/domain/workspace-index.ts';
import {
  AINO,
  WORKSPACE,
  cleanupAfterEach,
  newTicket,
  startBaton,
  tempDir,
  ticketId,
  until
} from './helpers.ts';

const WRITER = { memberId: AINO.id, workspaceId: '' };
const ACTOR = { id: AINO.id, name: 'Aino' };

const product = CustomFieldRecord.parse({
  id: 'product',
  key: 'product',
  label: 'Product',
  type: 'dropdown',
  options: [
    { id: 'laptop', label: 'Laptop' },
    { id: 'phone', label: 'Phone' }
  ],
  requiredOnSolve: true,
  archived: false
});

describe('custom field values on the server', () => {
  const cleanups = cleanupAfterEach();

  it('refuses values the definitions do not allow, stores those they do, and indexes them', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const relay = await startBaton(dir.path);
    cleanups.push(() => relay.stop());
    const docs = relay.baton.docs;

    // The owner defines the field.
    const settings = new Y.Doc();
    expect(putFieldDefinition(settings, product)).toBeNull();
    expect(
      docs.applyFromClient(settingsDocName(WORKSPACE), Y.encodeStateAsUpdate(settings), WRITER)
    ).toMatchObject({ ok: true });

    const id = ticketId('fields');
    const name = ticketDocName(id);
    const local = new Y.Doc();
    newTicket(local, { id, subject: 'Laptop will not start' });
    expect(docs.applyFromClient(name, Y.encodeStateAsUpdate(local), WRITER)).toMatchObject({
      ok: true
    });

    // A key the workspace does not define, and an option the field does not have: refused.
    for (const [key, value, detail] of [
      ['colour', 'red', /the workspace has no field "colour"/],
      ['product', 'printer', /customFields\.product: the value must be one of/]
    ] as const) {
      const client = new Y.Doc();
      Y.applyUpdate(client, Y.encodeStateAsUpdate(local));
      const before = Y.encodeStateVector(client);
      client.getMap(CUSTOM_FIELDS_ROOT).set(key, value);
      const verdict = docs.applyFromClient(name, Y.encodeStateAsUpdate(client, before), WRITER);
      expect(verdict).toMatchObject({ ok: false, reason: 'schema' });
      expect(verdict.ok ? '' : verdict.detail).toMatch(detail);
      expect(docs.read(name, (d) => d.getMap(CUSTOM_FIELDS_ROOT).size)).toBe(0);
    }

    // A value that fits: stored, and the projection carries it into the summary.
    const before = Y.encodeStateVector(local);
    setFieldValue(local, product, 'laptop', ACTOR, Date.now());
    expect(docs.applyFromClient(name, Y.encodeStateAsUpdate(local, before), WRITER)).toMatchObject({
      ok: true
    });
    expect(docs.read(name, (d) => fieldValue(d, 'product'))).toBe('laptop');
    await until(
      () =>
        docs.read(
          indexDocName(WORKSPACE),
          (d) => readIndex(d).tickets.find((t) => t.id === id)?.customFields?.product
        ) === 'laptop',
      'the summary carries the value'
    );
  });
});
