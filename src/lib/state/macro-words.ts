/**
 * A macro's field changes in words, for its previews (the composer's picker and the bulk
 * dialog): "Status: Open → Pending", "Adds the tag vip".
 */
import type { MacroChange } from '$lib/domain/macro';
import { priorityLabel, statusLabel } from '$lib/i18n/messages/common';
import {
  macroChangeAssignee,
  macroChangePriority,
  macroChangeStatus,
  macroTagAdded,
  macroTagRemoved,
  macroUnassigned
} from '$lib/i18n/messages/macros';

export function macroChangeText(
  change: MacroChange,
  members: ReadonlyMap<string, { name: string }>
): string {
  const memberName = (id: string | null) =>
    id === null ? macroUnassigned() : (members.get(id)?.name ?? id);
  switch (change.kind) {
    case 'status':
      return macroChangeStatus({ from: statusLabel(change.from), to: statusLabel(change.to) });
    case 'priority':
      return macroChangePriority({
        from: priorityLabel(change.from),
        to: priorityLabel(change.to)
      });
    case 'assignee':
      return macroChangeAssignee({ from: memberName(change.from), to: memberName(change.to) });
    case 'tag-added':
      return macroTagAdded({ tag: change.tag });
    case 'tag-removed':
      return macroTagRemoved({ tag: change.tag });
  }
}
