/**
 * Keyboard shortcuts of the desktop flow, as data (the `?` cheat sheet lists them) and one
 * pure function that maps a key press to a command (unit tested).
 *
 * Single keys without modifiers, like Gmail and Zendesk: they never fire while typing in a
 * field (except Escape, which leaves the field), nor with Ctrl, Meta or Alt held — the board's
 * own Alt+Arrow and `[` `]` keys on a focused card stay the card's. `g` starts a two-key
 * "go to" sequence. `n` takes the next ticket of the member's queue everywhere, a ticket page
 * included (where one finishes a ticket and wants the next), so the internal note is Shift+N.
 */
import {
  anywhere,
  helpAssignMe,
  helpCardUpDown,
  helpGoBoard,
  helpGoLists,
  helpGoTriage,
  helpHelp,
  helpLeaveField,
  helpMoveLeft,
  helpMoveRight,
  helpNext,
  helpNote,
  helpOpen,
  helpPrevious,
  helpReply,
  helpSearch,
  helpSend,
  helpStatus,
  onATicket,
  onTheBoard
} from '$lib/i18n/messages/shortcuts';
import { helpNextTicket } from '$lib/i18n/messages/next-ticket';
import { helpMacro } from '$lib/i18n/messages/macros';
import { helpInsertArticle } from '$lib/i18n/messages/kb';
import { helpSelect, helpSelectRange } from '$lib/i18n/messages/bulk';

export type Command =
  | 'next'
  | 'previous'
  | 'take-next'
  | 'assign-me'
  | 'status'
  | 'reply'
  | 'note'
  | 'macro'
  | 'article'
  | 'search'
  | 'help'
  | 'back'
  | 'leave-field'
  | 'go-board'
  | 'go-triage'
  | 'go-lists'
  | 'select'
  | 'select-range';

export interface ShortcutHelp {
  /**
   * The keys that do it: each entry is one way, drawn as keys pressed together (`Ctrl` +
   * `Enter`), or one after the other when `sequence` (`g` then `b`); two entries are
   * alternatives (`Alt` + `←` or `[`), never one chord.
   */
  keys: string[][];
  sequence?: true;
  /** What it does, in the member's language (a message, called when the sheet renders). */
  what: () => string;
}

export const SHORTCUT_GROUPS: { title: () => string; items: ShortcutHelp[] }[] = [
  {
    title: anywhere,
    items: [
      { keys: [['j']], what: helpNext },
      { keys: [['k']], what: helpPrevious },
      { keys: [['Enter']], what: helpOpen },
      { keys: [['/']], what: helpSearch },
      { keys: [['a']], what: helpAssignMe },
      { keys: [['x']], what: helpSelect },
      { keys: [['Shift', 'X']], what: helpSelectRange },
      { keys: [['n']], what: helpNextTicket },
      { keys: [['g', 'b']], sequence: true, what: helpGoBoard },
      { keys: [['g', 'l']], sequence: true, what: helpGoLists },
      { keys: [['g', 't']], sequence: true, what: helpGoTriage },
      { keys: [['?']], what: helpHelp }
    ]
  },
  {
    title: onATicket,
    items: [
      { keys: [['r']], what: helpReply },
      { keys: [['Shift', 'N']], what: helpNote },
      { keys: [['m']], what: helpMacro },
      { keys: [['i']], what: helpInsertArticle },
      { keys: [['s']], what: helpStatus },
      { keys: [['Ctrl', 'Enter']], what: helpSend },
      { keys: [['Esc']], what: helpLeaveField }
    ]
  },
  {
    title: onTheBoard,
    items: [
      { keys: [['Alt', '←'], ['[']], what: helpMoveLeft },
      { keys: [['Alt', '→'], [']']], what: helpMoveRight },
      { keys: [['↑'], ['↓']], what: helpCardUpDown }
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
  n: 'take-next',
  N: 'note',
  m: 'macro',
  i: 'article',
  '/': 'search',
  '?': 'help',
  x: 'select',
  X: 'select-range',
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
