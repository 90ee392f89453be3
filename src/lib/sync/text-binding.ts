/**
 * Binds a `<textarea>` to a shared `Y.Text` (the reply draft, the handover note).
 *
 * Local input is turned into the smallest edit that explains it: the common prefix and
 * suffix of the old and new value are kept, and the caret decides where an ambiguous edit
 * happened (typing "a" into "aa" at the end is an insert at 2, not at 0). Remote edits
 * replace the textarea's value and move the caret and selection through the edit's delta, so
 * a co-author typing above the caret does not push the user's caret around.
 */
import type * as Y from 'yjs';

export interface TextEdit {
  index: number;
  remove: number;
  insert: string;
}

/** The minimal edit that turns `before` into `after`, given the caret after the edit. */
export function diffText(before: string, after: string, caret = after.length): TextEdit {
  const grown = Math.max(0, after.length - before.length);
  const maxPrefix = Math.max(0, Math.min(before.length, after.length, caret - grown));
  let prefix = 0;
  while (prefix < maxPrefix && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const maxSuffix = Math.min(before.length, after.length) - prefix;
  while (
    suffix < maxSuffix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  return {
    index: prefix,
    remove: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix)
  };
}

export type TextDelta = readonly { insert?: unknown; delete?: number; retain?: number }[];

/** Where a position ends up after a remote edit described by a Yjs text delta. */
export function transformIndex(index: number, delta: TextDelta): number {
  let pos = 0;
  let result = index;
  for (const op of delta) {
    if (op.retain !== undefined) {
      pos += op.retain;
    } else if (typeof op.insert === 'string') {
      // An insert exactly at the caret stays after it: the remote author's text goes before
      // the local caret only when it lands strictly before it.
      if (pos < index) result += op.insert.length;
      pos += op.insert.length;
    } else if (op.delete !== undefined) {
      if (pos < index) result -= Math.min(op.delete, index - pos);
    }
    if (pos >= index && op.retain !== undefined) break;
  }
  return Math.max(0, result);
}

export interface BindTextOptions {
  /** After each local edit (e.g. to flag "typing"). */
  onLocalInput?: () => void;
  /** After any change, local or remote, with the new text. */
  onChange?: (text: string) => void;
}

/** A Svelte attachment: `<textarea {@attach bindText(ytext, options)}>`. */
export function bindText(
  ytext: Y.Text,
  options: BindTextOptions = {}
): (el: HTMLTextAreaElement) => () => void {
  return (el) => {
    const origin = { binding: 'textarea' };
    el.value = ytext.toString();
    options.onChange?.(el.value);

    const onLocalInput = () => {
      const doc = ytext.doc;
      if (!doc) return;
      const edit = diffText(ytext.toString(), el.value, el.selectionEnd);
      if (edit.remove === 0 && edit.insert === '') return;
      doc.transact(() => {
        if (edit.remove > 0) ytext.delete(edit.index, edit.remove);
        if (edit.insert) ytext.insert(edit.index, edit.insert);
      }, origin);
      options.onLocalInput?.();
      options.onChange?.(el.value);
    };

    const onRemote = (event: Y.YTextEvent, tr: Y.Transaction) => {
      if (tr.origin === origin) return;
      const focused = el.ownerDocument.activeElement === el;
      const { selectionStart, selectionEnd, selectionDirection } = el;
      const delta = event.delta as TextDelta;
      el.value = ytext.toString();
      if (focused) {
        el.setSelectionRange(
          transformIndex(selectionStart, delta),
          transformIndex(selectionEnd, delta),
          selectionDirection ?? 'none'
        );
      }
      options.onChange?.(el.value);
    };

    el.addEventListener('input', onLocalInput);
    ytext.observe(onRemote);
    return () => {
      el.removeEventListener('input', onLocalInput);
      ytext.unobserve(onRemote);
    };
  };
}
