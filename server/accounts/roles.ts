/**
 * The role policy, for the server's imports. It lives once in the domain
 * (`src/lib/domain/roles.ts`), where the browser reads the same table to decide which links,
 * pages and controls a member sees; the relay's upgrade, the batch sync and the write guard
 * all read it here, and the authorization matrix test asserts it cell by cell.
 */
export {
  ABILITIES,
  INVITE_ROLES,
  InviteRole,
  ROLES,
  Role,
  accessOf,
  isAdmin,
  may,
  type Ability,
  type Access
} from '../../src/lib/domain/roles.ts';
import { may, type Role } from '../../src/lib/domain/roles.ts';

/** Whether `role` may create tickets (a full write on a ticket document). */
export function writesTickets(role: Role): boolean {
  return may(role, 'create-tickets');
}

/** English role names for the members API (the app shows its own, translated). */
export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  agent: 'Agent',
  'light-agent': 'Light agent',
  viewer: 'Viewer'
};
