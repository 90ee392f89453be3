/**
 * The browser's guard before an edit: the app never makes a local change the server will
 * refuse (it would stay on screen until a reload). The policy itself — which role may do
 * what — is the domain's (`$lib/domain/roles`: `may`, `mayOpen`, `mayEdit`), the same table
 * the server enforces; this file only turns a refusal into an error whose message is for the
 * member.
 */
import { mayEdit, type EditKind, type Role } from '$lib/domain/roles';
import { lightAgentMayOnlyNote, readOnlyAccess } from '$lib/i18n/messages/shell';

/** Thrown instead of making an edit the member's role does not allow; its message is for them. */
export class NotAllowedError extends Error {
  override name = 'NotAllowedError';
  constructor(role: Role | undefined) {
    super(role === 'light-agent' ? lightAgentMayOnlyNote() : readOnlyAccess());
  }
}

export function assertMayEdit(role: Role | undefined, kind: EditKind): void {
  if (!mayEdit(role, kind)) throw new NotAllowedError(role);
}
