/**
 * Keyboard shortcuts of the desktop flow as data, for the `?` cheat sheet. Which key does what
 * is `shortcut-keys.ts` (the shell needs it before the flow's code has come).
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
