/**
 * A saved view's column as its heading reads (`ViewColumn`, `domain/saved-view.ts`): the
 * built-in ones by the words the lists use, a custom field's by its label in the reader's
 * language. Shared by the ticket table (lists and saved views) and the view editor's column
 * choices.
 */
import { labelText, type CustomFields } from '$lib/domain/custom-fields';
import type { TicketSummary } from '$lib/domain/schema';
import { formatNumber } from '$lib/i18n/format';
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

/** A custom field's value in a `field:<key>` column: option labels in the reader's language. */
export function fieldCellText(
  ticket: TicketSummary,
  column: string,
  fields: CustomFields,
  locale: string
): string {
  const key = column.slice('field:'.length);
  const value = ticket.customFields?.[key];
  if (value === undefined) return '—';
  const field = fields.all.find((f) => f.key === key);
  const option = (id: string) => {
    const found = field?.options?.find((o) => o.id === id);
    return found ? labelText(found.label, locale) : id;
  };
  if (typeof value === 'boolean') return value ? '✓' : '—';
  if (typeof value === 'number') return formatNumber(value);
  if (Array.isArray(value)) return value.map(option).join(', ');
  return field?.type === 'dropdown' ? option(value) : value;
}
