/** The board: columns by status, cards, moving a card. */
import { t, type MessageOptions } from '../runtime';

export const boardTitle = (o?: MessageOptions) => t(o, { en: 'Board', fi: 'Taulu', da: 'Tavle' });

/** `<kbd>` marks key names; rendered by `RichText`. */
export const boardHint = (o?: MessageOptions) =>
  t(o, {
    en: 'Drag a card to change its status, or focus it and press <kbd>Alt</kbd>+<kbd>←</kbd>/<kbd>→</kbd> (or <kbd>[</kbd> / <kbd>]</kbd>). <kbd>Enter</kbd> opens it.',
    fi: 'Vaihda tilaa vetämällä korttia, tai valitse kortti ja paina <kbd>Alt</kbd>+<kbd>←</kbd>/<kbd>→</kbd> (tai <kbd>[</kbd> / <kbd>]</kbd>). <kbd>Enter</kbd> avaa tiketin.',
    da: 'Træk et kort for at ændre status, eller vælg det og tryk <kbd>Alt</kbd>+<kbd>←</kbd>/<kbd>→</kbd> (eller <kbd>[</kbd> / <kbd>]</kbd>). <kbd>Enter</kbd> åbner sagen.'
  });

export const loadingTickets = (o?: MessageOptions) =>
  t(o, { en: 'Loading tickets…', fi: 'Ladataan tikettejä…', da: 'Indlæser sager…' });

export const movedTo = (p: { ticket: string; status: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.ticket} moved to ${p.status}.`,
    fi: `${p.ticket} siirretty tilaan ${p.status}.`,
    da: `${p.ticket} flyttet til ${p.status}.`
  });

export const couldNotMove = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, {
    en: `Could not move ${p.ticket}`,
    fi: `Tiketin ${p.ticket} siirto epäonnistui`,
    da: `${p.ticket} kunne ikke flyttes`
  });

export const noTickets = (o?: MessageOptions) =>
  t(o, { en: 'No tickets', fi: 'Ei tikettejä', da: 'Ingen sager' });

export const showMore = (p: { count: number }, o?: MessageOptions) =>
  t(o, {
    en: `Show ${p.count} more`,
    fi: `Näytä ${p.count} lisää`,
    da: `Vis ${p.count} mere`
  });

export const hiddenCount = (p: { count: string }, o?: MessageOptions) =>
  t(o, { en: `(${p.count} hidden)`, fi: `(${p.count} piilossa)`, da: `(${p.count} skjult)` });
