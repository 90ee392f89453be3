/**
 * A workspace's members and its open invitations, as the members page shows them: one
 * answer from the server (`GET …/members` carries both), reloaded after every change so the
 * page always shows what the server holds. Changes throw an `ApiError` when refused; the page
 * says why in the member's words.
 */
import type { Role } from '$lib/domain/roles';
import type { InvitationCreated, MemberList } from '$lib/contract/api';
import { orThrow, type Api } from '$lib/api/client';

export interface MembersDeps {
  api: Pick<Api, 'members' | 'setRole' | 'removeMember' | 'invite' | 'revokeInvitation'>;
  workspaceId: string;
}

export class MembersState {
  #list = $state.raw<MemberList | null>(null);
  /** The last load was refused or failed. */
  #failed = $state(false);
  readonly #deps: MembersDeps;

  constructor(deps: MembersDeps) {
    this.#deps = deps;
  }

  /** The caller's role, the members and the open invitations; `null` until loaded. */
  get list(): MemberList | null {
    return this.#list;
  }

  get failed(): boolean {
    return this.#failed;
  }

  /** The role a member holds now, as the server last said. */
  roleOf(userId: string): Role | undefined {
    return this.#list?.members.find((m) => m.id === userId)?.role;
  }

  async load(): Promise<void> {
    const answer = await this.#deps.api.members(this.#deps.workspaceId);
    if (answer.ok) {
      this.#list = answer.value;
      this.#failed = false;
    } else {
      this.#failed = true;
    }
  }

  async setRole(userId: string, role: Role): Promise<void> {
    orThrow(await this.#deps.api.setRole(this.#deps.workspaceId, userId, role));
  }

  /** Removes a member, or (oneself) leaves the workspace. */
  async remove(userId: string): Promise<void> {
    orThrow(await this.#deps.api.removeMember(this.#deps.workspaceId, userId));
  }

  /** Invites by link (no email) or by email; the link is in the answer. */
  async invite(role: Role, email: string): Promise<InvitationCreated> {
    return orThrow(
      await this.#deps.api.invite(this.#deps.workspaceId, { role, ...(email ? { email } : {}) })
    );
  }

  async revokeInvitation(invitationId: string): Promise<void> {
    orThrow(await this.#deps.api.revokeInvitation(this.#deps.workspaceId, invitationId));
  }

  reset(): void {
    this.#list = null;
    this.#failed = false;
  }
}
