/**
 * A saved view's column as its heading reads (`ViewColumn`, `domain/saved-view.ts`): the
 * built-in ones by the words the lists use, a custom field's by its label in the reader's
 * language. Shared by the view's table and its editor's column choices.
 */
import { labelText, type CustomFields } from '$lib/domain/custom-fields';
import {
  assigneeField,
  priorityField,
  requesterField,
  statusField,
  tagsLabel
} from '$lib/i18n/messages/common';
import { ageColumn, updatedColumn } from '$lib/i18n/messages/lists';
import { columnLabel } from '$lib/i18n/messages/views';

export function columnHeading(column: string, fields: CustomFields, locale: string): string {
  switch (column) {
    case 'requester':
      return requesterField();
    case 'priority':
      return priorityField();
    case 'status':
      return statusField();
    case 'assignee':
      return assigneeField();
    case 'tags':
      return tagsLabel();
    case 'age':
      return ageColumn();
    case 'updated':
      return updatedColumn();
    case 'due':
    case 'channel':
      return columnLabel(column);
    default: {
      const field = fields.all.find((f) => `field:${f.key}` === column);
      return field ? labelText(field.label, locale) : column.replace(/^field:/, '');
    }
  }
}
