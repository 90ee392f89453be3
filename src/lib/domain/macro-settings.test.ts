/**
 * Shared macros through the settings document's write path (`applyChecked`, as the relay and
 * batch sync run it): a valid macro is stored; garbage and templates with unknown variables or
 * unbalanced tags are refused naming the field, and the macro stored before is kept.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyChecked, type UpdateVerdict } from './update-check';
import type { DocRef } from './doc-names';
import { WORKSPACE_ID } from './testing/factories';

const settingsRef: DocRef = { kind: 'settings', workspaceId: WORKSPACE_ID };

const macro = {
  id: 'password-reset',
  name: 'Password reset',
  reply: 'Hi {{ requester.first_name | default: "there" }}, #{{ ticket.number }}',
  note: 'Sent the reset link ({{ agent.name }})',
  actions: { status: 'pending', assignee: 'me', addTags: ['password'] }
};

function copyOf(source: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(source));
  return copy;
}

/** An admin's update writing `value` under `key` in the macros root of `live`, checked. */
function write(live: Y.Doc, key: string, value: unknown): UpdateVerdict {
  const client = copyOf(live);
  const before = Y.encodeStateVector(client);
  client.getMap('macros').set(key, value);
  const update = Y.encodeStateAsUpdate(client, before);
  const scratch = copyOf(live);
  const verdict = applyChecked(scratch, settingsRef, update);
  if (verdict.ok) Y.applyUpdate(live, update);
  return verdict;
}

describe('shared macros in the settings document', () => {
  it('stores a valid macro', () => {
    const live = new Y.Doc();
    expect(write(live, macro.id, macro)).toMatchObject({ ok: true, changed: true });
    expect(live.getMap('macros').get(macro.id)).toEqual(macro);
  });

  it('takes custom field actions only for the workspace’s fields, with values they take', () => {
    const live = new Y.Doc();
    const setsProduct = { ...macro, actions: { fields: { product: 'laptop' } } };
    const refused = write(live, macro.id, setsProduct);
    expect(refused).toMatchObject({
      ok: false,
      detail: 'macros.password-reset: actions.fields.product: the workspace has no such field'
    });
    live.getMap('fields').set('product', {
      id: 'product',
      key: 'product',
      label: 'Product',
      type: 'dropdown',
      options: [{ id: 'laptop', label: 'Laptop' }],
      requiredOnSolve: false,
      archived: false
    });
    expect(write(live, macro.id, setsProduct)).toMatchObject({ ok: true, changed: true });
    const wrongValue = { ...macro, actions: { fields: { product: 'tablet' } } };
    expect(write(live, macro.id, wrongValue)).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/^macros\.password-reset: actions\.fields\.product: /)
    });
    expect(live.getMap('macros').get(macro.id)).toEqual(setsProduct);
  });

  it('refuses garbage and bad templates naming the field, keeping what was stored', () => {
    const live = new Y.Doc();
    write(live, macro.id, macro);
    const cases: [unknown, RegExp][] = [
      [
        { ...macro, reply: 'Dear {{ requester.title }}' },
        /macros\.password-reset: reply: unknown variable requester\.title/
      ],
      [
        { ...macro, note: '{% if ticket.number %}open' },
        /macros\.password-reset: note: .*not closed/
      ],
      [{ ...macro, reply: '{% include "x" %}' }, /reply: the tag include is not allowed/],
      [{ ...macro, reply: '{{ agent.name | shout }}' }, /reply: unknown filter shout/],
      [{ ...macro, actions: { status: 'deleted' } }, /actions\.status/],
      [{ ...macro, actions: { assignee: 'NOT AN ID' } }, /actions\.assignee/],
      [{ ...macro, script: 'alert(1)' }, /script/],
      [{ ...macro, id: 'other' }, /key must be the id/],
      [{ ...macro, reply: 'x'.repeat(20_001) }, /reply/],
      [{ id: macro.id, name: 'Nothing', actions: {} }, /reply: a macro needs/],
      ['a string', /macros/],
      [null, /macros/],
      [42, /macros/]
    ];
    for (const [value, detail] of cases) {
      const verdict = write(live, macro.id, value);
      expect(verdict.ok, JSON.stringify(value).slice(0, 80)).toBe(false);
      if (!verdict.ok) {
        expect(verdict.reason).not.toBe('unknown-root');
        expect(verdict.detail).toMatch(detail);
      }
    }
    expect(live.getMap('macros').get(macro.id)).toEqual(macro);
  });

  it('lets an admin remove a macro', () => {
    const live = new Y.Doc();
    write(live, macro.id, macro);
    const client = copyOf(live);
    const before = Y.encodeStateVector(client);
    client.getMap('macros').delete(macro.id);
    const verdict = applyChecked(copyOf(live), settingsRef, Y.encodeStateAsUpdate(client, before));
    expect(verdict.ok).toBe(true);
  });
});
