/**
 * Demo accounts for the demo workspace: one account per demo member (the member id is the
 * user id), all with the demo password shown on the sign-in page while `BATON_DEMO` is on, and
 * a spread of roles so that each can be tried. Seeded once; existing rows are left alone.
 */
import { DEMO_MEMBERS } from './workspace.ts';
import { DEMO_WORKSPACE_ID } from '../auth.ts';
import type { Accounts } from '../accounts/accounts.ts';
import { hashPasswordSync } from '../accounts/passwords.ts';
import type { Role } from '../../src/lib/domain/roles.ts';

export const DEMO_ROLES: Record<string, Role> = {
  'member-aino': 'owner',
  'member-mads': 'admin',
  'member-maya': 'agent',
  'member-joy': 'agent',
  'member-liam': 'light-agent',
  'member-rafaela': 'viewer'
};

export function demoAccounts(): { id: string; email: string; name: string; role: Role }[] {
  return DEMO_MEMBERS.map((m) => ({
    id: m.id,
    email: m.email ?? `${m.id}@baton.example`,
    name: m.name,
    role: DEMO_ROLES[m.id] ?? 'agent'
  }));
}

export function seedDemoAccounts(accounts: Accounts, password: string): void {
  const owner = demoAccounts().find((a) => a.role === 'owner');
  if (!owner) return;
  accounts.ensureWorkspace({ id: DEMO_WORKSPACE_ID, name: 'Baton demo' }, owner.id);
  const all = demoAccounts();
  const missing = new Set(all.filter((a) => accounts.user(a.id) === null).map((a) => a.id));
  // One hash for all: it is the same, published password.
  const hash = missing.size > 0 ? hashPasswordSync(password) : '';
  for (const account of all) {
    if (missing.has(account.id)) {
      accounts.ensureUser({ id: account.id, email: account.email, name: account.name }, hash);
    }
    accounts.ensureMembership(DEMO_WORKSPACE_ID, account.id, account.role);
  }
}

/**
 * The demo accounts that exist in the store (their emails). Their password is published, so a
 * production start refuses while any is there (`createBaton`).
 */
export function presentDemoAccounts(accounts: Accounts): string[] {
  return demoAccounts()
    .filter((a) => accounts.user(a.id) !== null)
    .map((a) => a.email);
}
