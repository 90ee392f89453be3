/**
 * Tells a workspace's owners and admins, by email in each one's language, that a mailbox's
 * Microsoft or Google sign-in was refused and must be renewed (`oauth.ts` calls this once per
 * refusal). The mail goes through the account mailer, not the refused mailbox.
 */
import type { Accounts } from '../accounts/accounts.ts';
import type { AccountMailer } from '../accounts/mailer.ts';
import { may } from '../../src/lib/domain/roles.ts';
import { oauthReconnectBody, oauthReconnectSubject } from '../../src/lib/i18n/messages/mailbox.ts';

export function tellAdminsToReconnect(
  deps: {
    accounts: Pick<Accounts, 'members' | 'userLocale' | 'memberships'>;
    mailer: AccountMailer;
    log: (message: string, error?: unknown) => void;
  },
  workspaceId: string,
  mailbox: { address: string }
): void {
  const workspace = deps.accounts.memberships.workspace(workspaceId)?.name ?? workspaceId;
  for (const member of deps.accounts.members(workspaceId)) {
    if (!may(member.role, 'manage-mailbox')) continue;
    const locale = deps.accounts.userLocale(member.id) ?? 'en';
    deps.mailer
      .send({
        to: member.email,
        subject: oauthReconnectSubject({ address: mailbox.address }, { locale }),
        text: oauthReconnectBody(
          { name: member.name, address: mailbox.address, workspace },
          { locale }
        )
      })
      .catch((error: unknown) => deps.log('Could not tell an admin to reconnect a mailbox', error));
  }
}
