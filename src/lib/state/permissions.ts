/**
 * What the signed-in member's role lets them change, asked before an edit is made, so the app
 * never makes a local change the server will refuse (it would stay on screen until a reload).
 * The policy is the domain's (`$lib/domain/roles`), the same table the server enforces.
 */
import type { RoleName } from './identity.svelte';
import { may, mayOpen, type Ability, type GatedPage } from '$lib/domain/roles';
import { lightAgentMayOnlyNote, readOnlyAccess } from '$lib/i18n/messages/shell';

export { may, mayOpen, type Ability, type GatedPage };

/** `change`: anything on a ticket or the index; `note`: adding an internal note. */
export type EditKind = 'change' | 'note';

/** A role the app may not know (an identity cached by an older version): the server decides. */
export function mayEdit(role: RoleName | undefined, kind: EditKind): boolean {
  return may(role, kind === 'note' ? 'note' : 'change-tickets');
}

/** Thrown instead of making an edit the member's role does not allow; its message is for them. */
export class NotAllowedError extends Error {
  override name = 'NotAllowedError';
  constructor(role: RoleName | undefined) {
    super(role === 'light-agent' ? lightAgentMayOnlyNote() : readOnlyAccess());
  }
}

export function assertMayEdit(role: RoleName | undefined, kind: EditKind): void {
  if (!mayEdit(role, kind)) throw new NotAllowedError(role);
}
