/**
 * What the interface says when a change to a ticket is refused by the domain
 * (`TicketError.problem`): the error's own message is the developer's English.
 */
import type { TicketError } from '$lib/domain/ticket';
import {
  problemAlreadyCreated,
  problemEmptyMessage,
  problemInvalidChange,
  problemInvalidHandover,
  problemInvalidTag,
  problemInvalidTicket,
  problemNotATicket,
  problemTooManyTags
} from '$lib/i18n/messages/ticket';

/** Recognised by name: the domain's ticket module need not load with every page for this. */
function isTicketError(error: unknown): error is TicketError {
  return error instanceof Error && error.name === 'TicketError' && 'problem' in error;
}

/** The member-facing text for a refused ticket change, or `null` if `error` is not one. */
export function ticketProblemText(error: unknown): string | null {
  if (!isTicketError(error)) return null;
  switch (error.problem) {
    case 'not-a-ticket':
      return problemNotATicket();
    case 'already-created':
      return problemAlreadyCreated();
    case 'invalid-ticket':
      return problemInvalidTicket();
    case 'invalid-tag':
      return problemInvalidTag({ tag: error.value ?? '' });
    case 'too-many-tags':
      return problemTooManyTags({ max: Number(error.value ?? 50) });
    case 'empty-message':
      return problemEmptyMessage();
    case 'invalid-handover':
      return problemInvalidHandover();
    case 'invalid-input':
      return problemInvalidChange();
  }
}
