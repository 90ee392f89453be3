/**
 * Keyboard shortcuts of the desktop flow, as data (the `?` cheat sheet lists them) and one
 * pure function that maps a key press to a command (unit tested).
 *
 * Single keys without modifiers, like Gmail and Zendesk: they never fire while typing in a
 * field (except Escape, which leaves the field), nor with Ctrl, Meta or Alt held — the board's
 * own Alt+Arrow and `[` `]` keys on a focused card stay the card's. `g` starts a two-key
 * "go to" sequence.
 */
export type Command =
  | 'next'
  | 'previous'
  | 'assign-me'
  | 'status'
  | 'reply'
  | 'note'
  | 'search'
  | 'help'
  | 'back'
  | 'leave-field'
  | 'go-board'
  | 'go-triage'
  | 'go-lists';

export interface ShortcutHelp {
  keys: string[];
  what: string;
}

export const SHORTCUT_GROUPS: { title: string; items: ShortcutHelp[] }[] = [
  {
    title: 'Anywhere',
    items: [
      { keys: ['j'], what: 'Next ticket (in a list or on the board; on a ticket: open the next)' },
      { keys: ['k'], what: 'Previous ticket' },
      { keys: ['Enter'], what: 'Open the focused ticket' },
      { keys: ['/'], what: 'Search by subject or #number' },
      { keys: ['a'], what: 'Assign the focused or open ticket to me' },
      { keys: ['g', 'b'], what: 'Go to the board' },
      { keys: ['g', 'l'], what: 'Go to my open tickets' },
      { keys: ['g', 't'], what: 'Go to triage' },
      { keys: ['?'], what: 'Show this list' }
    ]
  },
  {
    title: 'On a ticket',
    items: [
      { keys: ['r'], what: 'Write a public reply' },
      { keys: ['n'], what: 'Write an internal note' },
      { keys: ['s'], what: 'Change the status' },
      { keys: ['Ctrl', 'Enter'], what: 'Send the reply or note' },
      { keys: ['Esc'], what: 'Leave the text field; again: back to the list' }
    ]
  },
  {
    title: 'On the board',
    items: [
      { keys: ['Alt', '←'], what: 'Move the focused card one status left (or [)' },
      { keys: ['Alt', '→'], what: 'Move the focused card one status right (or ])' },
      { keys: ['↑', '↓'], what: 'Previous or next card in the column' }
    ]
  }
];

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The key was pressed in a text field, a select or an editable element. */
  inField: boolean;
  /** `g` was pressed just before. */
  afterG: boolean;
}

const SINGLE: Record<string, Command> = {
  j: 'next',
  k: 'previous',
  a: 'assign-me',
  s: 'status',
  r: 'reply',
  n: 'note',
  '/': 'search',
  '?': 'help',
  Escape: 'back'
};

const AFTER_G: Record<string, Command> = { b: 'go-board', t: 'go-triage', l: 'go-lists' };

/** The command for a key press; `'g'` when it starts a sequence; `null` when it is not ours. */
export function commandFor(press: KeyPress): Command | 'g' | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.inField) return press.key === 'Escape' ? 'leave-field' : null;
  if (press.afterG) return AFTER_G[press.key] ?? null;
  if (press.key === 'g') return 'g';
  return SINGLE[press.key] ?? null;
}

/** Whether keys typed into this element are text, not commands. */
export function isField(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(type);
}
