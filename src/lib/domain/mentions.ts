/**
 * @mentions: pulling a colleague into a ticket from an internal note or a side conversation.
 *
 * A mention is stored as data, not only as text: the note (`ThreadEntry.mentions`) or the side
 * message (`SideMessage.mentions`) carries the ids of the members it mentions, and the server's
 * notification feed tells each of them from what was stored (`server/notifications/events.ts`).
 * The `@Name` in the body is what people read; the ids are what the app acts on, so a renamed
 * member is still the one mentioned and a name two members share is never ambiguous.
 *
 * While typing, `mentionQuery` finds the `@word` under the caret, `matchMembers` ranks the
 * workspace's members for it, `insertMention` writes `@Name ` in place of the query, and on send
 * `mentionsIn` keeps the picked members whose `@Name` is still in the text (a mention deleted
 * from the text is no mention).
 *
 * Who is told: the mentioned members who may read the ticket — members of its workspace (every
 * role reads the workspace's tickets). A mention of anyone else (an id from another workspace, a
 * member removed since) is kept as written but tells nobody: refusing the note would lose what
 * a member wrote offline before a colleague left. Never the writer themself.
 */
import type { ThreadEntry } from './schema';

/** The most members one note or message mentions (the schemas hold the same number). */
export const MAX_MENTIONS = 20;

export interface Mentionable {
  id: string;
  name: string;
}

/** A `@query` being typed: where its `@` is and what follows it up to the caret. */
export interface MentionQuery {
  start: number;
  query: string;
}

/**
 * The mention being typed at `caret`, or `null`: an `@` at the start of the text or after a
 * space or an opening bracket, followed by at most 40 characters with no line break, up to the
 * caret. Two words are allowed ("@Mads Ni"), since names have spaces.
 */
export function mentionQuery(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, Math.max(0, Math.min(caret, text.length)));
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  const prev = at === 0 ? '' : before.charAt(at - 1);
  if (prev !== '' && !/[\s([{"'«]/u.test(prev)) return null;
  const query = before.slice(at + 1);
  if (query.length > 40 || /[\n\r@]/.test(query) || query.split(' ').length > 3) return null;
  return { start: at, query };
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Members whose name matches `query`: names starting with it first, then names with a word
 * starting with it, each alphabetically; the writer left out. An empty query lists everyone.
 */
export function matchMembers<T extends Mentionable>(
  members: readonly T[],
  query: string,
  options: { exclude?: string; limit?: number } = {}
): T[] {
  const q = fold(query.trim());
  const starts: T[] = [];
  const words: T[] = [];
  for (const member of members) {
    if (member.id === options.exclude) continue;
    const name = fold(member.name);
    if (name.startsWith(q)) starts.push(member);
    else if (name.split(/[\s-]+/).some((word) => word.startsWith(q))) words.push(member);
  }
  const byName = (a: T, b: T) => a.name.localeCompare(b.name);
  return [...starts.sort(byName), ...words.sort(byName)].slice(0, options.limit ?? 8);
}

/** The text with the query at `query.start` up to `caret` replaced by `@Name `. */
export function insertMention(
  text: string,
  query: MentionQuery,
  caret: number,
  member: Mentionable
): { text: string; caret: number } {
  const inserted = `@${member.name} `;
  const end = Math.max(query.start, Math.min(caret, text.length));
  const rest = text.slice(end).replace(/^ /, '');
  return {
    text: text.slice(0, query.start) + inserted + rest,
    caret: query.start + inserted.length
  };
}

/**
 * The ids of the picked members whose `@Name` is still in `body`, once each, in the order
 * they were picked, at most `MAX_MENTIONS`.
 */
export function mentionsIn(body: string, picked: readonly Mentionable[]): string[] {
  const ids: string[] = [];
  for (const member of picked) {
    if (ids.includes(member.id) || !body.includes(`@${member.name}`)) continue;
    ids.push(member.id);
    if (ids.length === MAX_MENTIONS) break;
  }
  return ids;
}

/** What is wrong with a list of mentions as stored, or `null`: each member once. */
export function mentionListProblem(mentions: readonly string[] | undefined): string | null {
  if (mentions === undefined) return null;
  if (new Set(mentions).size !== mentions.length) return 'A member is mentioned once.';
  return null;
}

/** Why a thread entry's mentions are refused, or `null`: only internal notes mention. */
export function threadMentionProblem(entry: ThreadEntry): string | null {
  if (entry.mentions === undefined) return null;
  if (entry.kind !== 'note') return 'Only an internal note mentions members.';
  return mentionListProblem(entry.mentions);
}

/** The members a stored note or message tells: the mentioned ones, never its writer. */
export function mentionedMembers(
  entry: { authorId: string; mentions?: readonly string[] | undefined },
  mayRead: (memberId: string) => boolean
): string[] {
  return [...new Set(entry.mentions ?? [])].filter((id) => id !== entry.authorId && mayRead(id));
}
