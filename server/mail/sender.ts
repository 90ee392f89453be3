/**
 * Who wrote a message, and who should get the answer.
 *
 * Addresses are read with a strict RFC 5322 tokenizer (quoted strings, comments, angle
 * addresses, groups), not with a forgiving parser: a forgiving one turns
 * `"name" <power quadrant system@example.com>` into `system@example.com`, a guess that sends the
 * reply to a stranger. A mailbox is *certain* when it is written the standard way: an address
 * in angle brackets, or a bare address with at most a comment. Anything else (words inside the
 * brackets, words before a bare address) is *unclear*: the candidates are kept for the agent to
 * choose from, and Baton does not pick one for them.
 *
 * The requester, in this order (`resolveSender`):
 *   1. `Reply-To`, when it names one certain address, if the mailbox's rule says so: `always`
 *      (what the customer's own mail program does when anyone answers), `no-reply-senders`
 *      (only when `From` is a no-reply or form address: contact forms), or `never`.
 *   2. `From`, when there is exactly one `From` header with one certain address.
 *   3. Several `From` authors (two headers, or two addresses): `Sender`, which RFC 5322 asks
 *      for in that case, when it names one certain address.
 *   4. `From` is there but unclear, or several without `Sender`: no requester; the ticket is
 *      flagged for the agent with the candidates (`doubt`).
 *   5. No `From` address at all (missing, empty, a group with nobody in it): `Reply-To`, then
 *      `Sender`, then `Return-Path`, the best sender there is.
 *   6. Nothing: `null`, and the message goes to the "could not import" list.
 */
import { decodeEncodedWords } from './charset.ts';

export interface Mailbox {
  address: string;
  name: string;
  /** Written the standard way; `false` when the address had to be picked out of other words. */
  certain: boolean;
  /** For an unclear mailbox: the addresses it might mean, most likely first. */
  candidates: string[];
}

const ADDR_SPEC =
  /^(?:[^\s<>()",;:@[\]\\]+|"(?:[^"\\]|\\.)*")@[^\s<>()",;:@[\]\\]+\.[^\s<>()",;:@[\]\\]+$/;

export function isAddress(text: string): boolean {
  return text.length <= 254 && ADDR_SPEC.test(text);
}

type Token =
  | { kind: 'word'; text: string; quoted: boolean }
  | { kind: 'comment'; text: string }
  | { kind: 'angle'; text: string }
  | { kind: 'special'; text: ',' | ':' | ';' };

function tokenize(value: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < value.length && tokens.length < 2000) {
    const ch = value[i] ?? '';
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '"') {
      let text = '';
      i++;
      while (i < value.length && value[i] !== '"') {
        if (value[i] === '\\') i++;
        text += value[i] ?? '';
        i++;
      }
      i++;
      tokens.push({ kind: 'word', text, quoted: true });
    } else if (ch === '(') {
      let depth = 1;
      let text = '';
      i++;
      while (i < value.length && depth > 0) {
        const c = value[i] ?? '';
        if (c === '\\') {
          text += value[i + 1] ?? '';
          i += 2;
          continue;
        }
        if (c === '(') depth++;
        if (c === ')') depth--;
        if (depth > 0) text += c;
        i++;
      }
      tokens.push({ kind: 'comment', text: text.trim() });
    } else if (ch === '<') {
      const end = value.indexOf('>', i);
      const stop = end < 0 ? value.length : end;
      tokens.push({ kind: 'angle', text: value.slice(i + 1, stop).trim() });
      i = stop + 1;
    } else if (ch === ',' || ch === ':' || ch === ';') {
      tokens.push({ kind: 'special', text: ch });
      i++;
    } else {
      let text = '';
      while (i < value.length && !/[\s"(<,:;]/.test(value[i] ?? '')) {
        text += value[i];
        i++;
      }
      if (text === '' || text === '>' || text === ')') {
        i++;
        continue;
      }
      tokens.push({ kind: 'word', text, quoted: false });
    }
  }
  return tokens;
}

function decodeName(text: string): string {
  return decodeEncodedWords(text).replace(/\s+/g, ' ').trim().slice(0, 200);
}

function mailboxOf(tokens: Token[]): Mailbox | null {
  const words = tokens.filter((t) => t.kind === 'word');
  const angle = tokens.find((t) => t.kind === 'angle');
  const comment = tokens.find((t) => t.kind === 'comment')?.text ?? '';
  const phrase = decodeName(words.map((w) => w.text).join(' '));
  if (angle) {
    // An obsolete source route (`<@relay:user@host>`) is not part of the address.
    const inside = angle.text.replace(/^(@[^,:]+,?)+:/, '').trim();
    if (inside === '') return null;
    if (isAddress(inside)) {
      return {
        address: inside,
        name: phrase || decodeName(comment),
        certain: true,
        candidates: []
      };
    }
    const candidates = inside.split(/\s+/).filter(isAddress).reverse();
    const joined = inside.replace(/\s+/g, '.');
    if (isAddress(joined) && !candidates.includes(joined)) candidates.push(joined);
    if (candidates.length === 0) return null;
    return {
      address: candidates[0] ?? '',
      name: phrase || decodeName(comment),
      certain: false,
      candidates
    };
  }
  const bare = words.filter((w) => !w.quoted && isAddress(w.text));
  if (words.length === 1 && bare.length === 1) {
    return {
      address: bare[0]?.text ?? '',
      name: decodeName(comment),
      certain: true,
      candidates: []
    };
  }
  if (bare.length === 0) return null;
  // Words before (or around) a bare address: the name is probably the other words, but a mail
  // program may read it otherwise. Unclear.
  const candidates = [...bare].reverse().map((w) => w.text);
  const rest = decodeName(
    words
      .filter((w) => !bare.includes(w))
      .map((w) => w.text)
      .join(' ')
  );
  return { address: candidates[0] ?? '', name: rest, certain: false, candidates };
}

/** Every mailbox of an address header (`From`, `Reply-To`, …), groups flattened. */
export function parseMailboxes(value: string): Mailbox[] {
  const out: Mailbox[] = [];
  let current: Token[] = [];
  const flush = () => {
    const box = mailboxOf(current);
    if (box) out.push({ ...box, address: box.address.toLowerCase().slice(0, 320) });
    current = [];
  };
  for (const token of tokenize(value)) {
    if (token.kind === 'special') {
      // `group: a, b;` — the group's name is dropped; `,` and `;` end a mailbox.
      if (token.text === ':') current = [];
      else flush();
    } else current.push(token);
  }
  flush();
  return out.slice(0, 100);
}

const NO_REPLY =
  /^(no[-_.]?reply|do[-_.]?not[-_.]?reply|noreply[-_.+].*|.*[-_.]no[-_.]?reply|wordpress|webforms?|forms?|contact[-_.]?form|website|www-data|notifications?)$/i;

/** Whether an address is one nobody reads: no-reply senders, web forms. */
export function isNoReply(address: string): boolean {
  return NO_REPLY.test(address.split('@')[0] ?? '');
}

/** What the mailbox's rule says about `Reply-To` (see the file comment). */
export type ReplyToRule = 'always' | 'no-reply-senders' | 'never';

export interface SenderHeaders {
  /** The value of each `From` header (there should be one). */
  from: string[];
  replyTo: string | null;
  sender: string | null;
  returnPath: string | null;
}

export interface SenderDoubt {
  /** Why Baton did not choose: the `From` header was unclear, or there were several. */
  reason: 'unclear-from' | 'several-from';
  /** The `From` header as written (decoded), for the agent to read. */
  header: string;
  candidates: string[];
}

export interface ResolvedSender {
  /** Who wrote it, for the thread (the `From` mailbox when there is one). */
  author: { address: string; name: string } | null;
  /** Who gets the answer; `null` when Baton cannot tell (see `doubt`) or nobody is named. */
  requester: { address: string; name: string } | null;
  /** Where the requester came from. */
  source: 'from' | 'reply-to' | 'sender' | 'return-path' | null;
  doubt: SenderDoubt | null;
}

function single(value: string | null): Mailbox | null {
  if (value === null) return null;
  const boxes = parseMailboxes(value);
  return boxes.length === 1 && boxes[0]?.certain ? boxes[0] : null;
}

/** The requester and author of a message (see the file comment). */
export function resolveSender(
  headers: SenderHeaders,
  rule: ReplyToRule,
  ownAddresses: readonly string[] = []
): ResolvedSender {
  const own = new Set(ownAddresses.map((a) => a.toLowerCase()));
  const fromBoxes = headers.from.flatMap(parseMailboxes);
  const distinct = [...new Set(fromBoxes.map((b) => b.address))];
  const first = fromBoxes[0] ?? null;
  const author = first ? { address: first.address, name: first.name } : null;
  const fromCertain = headers.from.length === 1 && fromBoxes.length === 1 && first?.certain;
  const replyTo = single(headers.replyTo);
  const useReplyTo =
    replyTo !== null &&
    !own.has(replyTo.address) &&
    (rule === 'always' ||
      (rule === 'no-reply-senders' && (!fromCertain || (first && isNoReply(first.address)))));
  const named = (box: Mailbox) => ({ address: box.address, name: box.name });
  if (useReplyTo) {
    // A form's Reply-To often names the customer without their name: keep From's name only
    // when From is the same person.
    return { author, requester: named(replyTo), source: 'reply-to', doubt: null };
  }
  if (fromCertain && first) return { author, requester: named(first), source: 'from', doubt: null };
  // Several authors: RFC 5322 says `Sender` then names who sent it.
  const sender = distinct.length > 1 || headers.from.length > 1 ? single(headers.sender) : null;
  if (sender && !own.has(sender.address)) {
    return { author, requester: named(sender), source: 'sender', doubt: null };
  }
  if (fromBoxes.length > 0) {
    const candidates = [
      ...new Set(fromBoxes.flatMap((b) => (b.certain ? [b.address] : b.candidates)))
    ];
    return {
      author,
      requester: null,
      source: null,
      doubt: {
        reason: distinct.length > 1 || headers.from.length > 1 ? 'several-from' : 'unclear-from',
        header: decodeEncodedWords(headers.from.join(' / ')).slice(0, 500),
        candidates: candidates.slice(0, 10)
      }
    };
  }
  const fallbacks: [ResolvedSender['source'], string | null][] = [
    ['reply-to', headers.replyTo],
    ['sender', headers.sender],
    ['return-path', headers.returnPath]
  ];
  for (const [source, value] of fallbacks) {
    const box = single(value);
    if (box && !own.has(box.address)) {
      return { author: named(box), requester: named(box), source, doubt: null };
    }
  }
  return { author: null, requester: null, source: null, doubt: null };
}
