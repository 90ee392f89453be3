/**
 * Keyboard shortcuts of the desktop flow: one pure function that maps a key press to a
 * command (unit tested; the cheat sheet's text is `shortcuts.ts`).
 *
 * Single keys without modifiers, like Gmail and Zendesk: they never fire while typing in a
 * field (except Escape, which leaves the field), nor with Ctrl, Meta or Alt held — the board's
 * own Alt+Arrow and `[` `]` keys on a focused card stay the card's. `g` starts a two-key
 * "go to" sequence. `n` takes the next ticket of the member's queue everywhere, a ticket page
 * included (where one finishes a ticket and wants the next), so the internal note is Shift+N.
 */
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

/** `commandFor` of a keydown event. */
export function commandOfKey(event: KeyboardEvent, afterG: boolean): Command | 'g' | null {
  return commandFor({
    key: event.key,
    ctrlKey: event.ctrlKey,
    metaKey: event.metaKey,
    altKey: event.altKey,
    inField: isField(event.target),
    afterG
  });
}
