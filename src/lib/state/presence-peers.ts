/**
 * Reading other people's awareness states: they come from other clients, so they are parsed
 * with the presence contract (the same schema the relay holds them to), not trusted, and one
 * member with several tabs open counts once. A state without a `user` is a client that has
 * not said who it is yet.
 */
import { PresenceState } from '../contract/presence';

export interface Peer {
  memberId: string;
  name: string;
  color: string;
  typing: boolean;
  /** A reply or a note this member is writing here (private or shared), or `null`. */
  writing: 'reply' | 'note' | null;
}

/** Avatar colours: each at least 4.5:1 against the white initials on it (WCAG AA). */
const COLORS = [
  '#2563eb',
  '#047857',
  '#b45309',
  '#dc2626',
  '#7c3aed',
  '#0e7490',
  '#be185d',
  '#4d7c0f'
];

export function colorFor(id: string): string {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) | 0;
  return COLORS[Math.abs(hash) % COLORS.length] ?? '#2563eb';
}

/**
 * Other people on the same document, one entry per member even with several tabs open. While
 * this client is offline nobody is: the states it holds are the last it heard, not who is
 * there now (nor who is typing), so they are shown again only once the connection is back.
 */
export function peersFrom(
  states: Map<number, unknown>,
  selfClientId: number,
  selfMemberId: string,
  online = true
): Peer[] {
  if (!online) return [];
  const byMember = new Map<string, Peer>();
  for (const [clientId, state] of states) {
    if (clientId === selfClientId) continue;
    const parsed = PresenceState.safeParse(state);
    if (!parsed.success) continue;
    const { user, typing, writing } = parsed.data;
    if (!user || user.id === selfMemberId) continue;
    const known = byMember.get(user.id);
    byMember.set(user.id, {
      memberId: user.id,
      name: user.name,
      color: user.color,
      typing: (known?.typing ?? false) || typing === true,
      // Several tabs: a reply outranks a note.
      writing: known?.writing === 'reply' ? 'reply' : (writing ?? known?.writing ?? null)
    });
  }
  return [...byMember.values()].sort((a, b) => a.name.localeCompare(b.name));
}
