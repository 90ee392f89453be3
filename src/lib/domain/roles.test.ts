import { describe, expect, it } from 'vitest';
import {
  ABILITIES,
  ROLES,
  accessOf,
  isAdmin,
  may,
  mayEdit,
  mayManageRole,
  mayOpen,
  mayEditArticles,
  type Ability,
  type Role
} from './roles';

/** The policy cell by cell: one row per role, the abilities it has. */
const HAS: Record<Role, readonly Ability[]> = {
  owner: ABILITIES,
  admin: ABILITIES,
  agent: ['change-tickets', 'create-tickets', 'reply', 'note', 'edit-articles', 'merge-tickets'],
  'light-agent': ['note'],
  viewer: []
};

describe('may', () => {
  it.each(ROLES.flatMap((role) => ABILITIES.map((ability) => [role, ability] as const)))(
    '%s: %s',
    (role, ability) => {
      expect(may(role, ability)).toBe(HAS[role].includes(ability));
    }
  );

  it('follows the document access: whoever may note writes tickets, whoever may change writes the index', () => {
    for (const role of ROLES) {
      expect(may(role, 'note')).toBe(accessOf(role, 'ticket') === 'write');
      expect(may(role, 'manage-settings')).toBe(accessOf(role, 'settings') === 'write');
      if (may(role, 'change-tickets')) expect(accessOf(role, 'index')).toBe('write');
    }
  });

  it('gives a role not known yet the ticket work of an agent, no admin page; no role nothing', () => {
    expect(ABILITIES.filter((a) => may(undefined, a))).toEqual(HAS.agent);
    expect(ABILITIES.filter((a) => may(null, a))).toEqual([]);
  });
});

describe('pages', () => {
  it('opens the new-ticket form to ticket writers and the mailbox and audit log to admins', () => {
    const open = (role: Role) =>
      (['new', 'mailbox', 'audit'] as const).filter((p) => mayOpen(role, p));
    expect(ROLES.map(open)).toEqual([
      ['new', 'mailbox', 'audit'],
      ['new', 'mailbox', 'audit'],
      ['new'],
      [],
      []
    ]);
  });

  it('calls owners and admins admins, nobody else', () => {
    expect(ROLES.filter(isAdmin)).toEqual(['owner', 'admin']);
    expect(isAdmin(undefined)).toBe(false);
    expect(isAdmin(null)).toBe(false);
  });
});

describe('mayEdit', () => {
  it.each([
    ['owner', true, true],
    ['admin', true, true],
    ['agent', true, true],
    ['light-agent', false, true],
    ['viewer', false, false],
    [undefined, true, true]
  ] as const)('%s: change %s, note %s', (role, change, note) => {
    expect(mayEdit(role, 'change')).toBe(change);
    expect(mayEdit(role, 'note')).toBe(note);
  });
});

describe('mayManageRole', () => {
  it('lets owners manage every role, admins agents and below, nobody else anything', () => {
    const managed = (actor: Role) => ROLES.filter((role) => mayManageRole(actor, role));
    expect(managed('owner')).toEqual(ROLES);
    expect(managed('admin')).toEqual(['agent', 'light-agent', 'viewer']);
    for (const actor of ['agent', 'light-agent', 'viewer'] as const) {
      expect(managed(actor), actor).toEqual([]);
    }
    expect(mayManageRole(undefined, 'viewer')).toBe(false);
    expect(mayManageRole(null, 'viewer')).toBe(false);
  });
});

describe('mayEditArticles', () => {
  it('lets agents write articles, or only owners, admins and named editors when kb says editors', () => {
    const agents = { whoEdits: 'agents', editors: [] } as const;
    const editors = { whoEdits: 'editors', editors: ['member-joy-0001'] } as const;
    expect(ROLES.filter((r) => mayEditArticles(r, 'member-any-0001', agents))).toEqual([
      'owner',
      'admin',
      'agent'
    ]);
    expect(ROLES.filter((r) => mayEditArticles(r, 'member-any-0001', editors))).toEqual([
      'owner',
      'admin'
    ]);
    expect(mayEditArticles('agent', 'member-joy-0001', editors)).toBe(true);
    expect(mayEditArticles('viewer', 'member-joy-0001', editors)).toBe(false);
  });
});
