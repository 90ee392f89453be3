/** The lists (saved views), their table, and the filter bar and search box they share. */
import type { SortKey, ViewId } from '../../domain/workspace-index';
import { plural, t, type MessageOptions } from '../runtime';

/** The section: "Lists" in English, the glossary's "views" in Finnish and Danish. */
export const listsTitle = (o?: MessageOptions) =>
  t(o, { en: 'Lists', fi: 'Näkymät', da: 'Visninger' });

export const viewTitle = (view: ViewId, o?: MessageOptions) =>
  t(
    o,
    {
      mine: { en: 'My open tickets', fi: 'Omat avoimet tiketit', da: 'Mine åbne sager' },
      unassigned: { en: 'Unassigned', fi: 'Ei käsittelijää', da: 'Ikke tildelte' },
      open: { en: 'All open', fi: 'Kaikki avoimet', da: 'Alle åbne' },
      pending: { en: 'Pending', fi: 'Odottavat', da: 'Afventende' },
      solved: { en: 'Recently solved', fi: 'Äskettäin ratkaistut', da: 'Løst for nylig' }
    }[view]
  );

export const noSuchList = (p: { name: string }, o?: MessageOptions) =>
  t(o, {
    en: `There is no list called “${p.name}”.`,
    fi: `Näkymää ”${p.name}” ei ole.`,
    da: `Der findes ingen visning med navnet »${p.name}«.`
  });

export const seeMyOpenTickets = (o?: MessageOptions) =>
  t(o, {
    en: 'See your open tickets.',
    fi: 'Näytä omat avoimet tiketit.',
    da: 'Se dine åbne sager.'
  });

// The table's columns (Subject, Requester, Priority, Status, Assignee and Tags are in common).

export const ticketColumn = (o?: MessageOptions) =>
  t(o, { en: 'Ticket', fi: 'Tiketti', da: 'Sag' });

export const ageColumn = (o?: MessageOptions) => t(o, { en: 'Age', fi: 'Ikä', da: 'Alder' });

export const updatedColumn = (o?: MessageOptions) =>
  t(o, { en: 'Updated', fi: 'Päivitetty', da: 'Opdateret' });

export const noTicketsInView = (o?: MessageOptions) =>
  t(o, {
    en: 'No tickets in this view.',
    fi: 'Tässä näkymässä ei ole tikettejä.',
    da: 'Der er ingen sager i denne visning.'
  });

// The filter bar.

export const filterAndSort = (o?: MessageOptions) =>
  t(o, { en: 'Filter and sort', fi: 'Suodatus ja järjestys', da: 'Filtrering og sortering' });

export const searchLabel = (o?: MessageOptions) => t(o, { en: 'Search', fi: 'Haku', da: 'Søg' });

/** The assignee filter's "no filter" choice. */
export const anyone = (o?: MessageOptions) =>
  t(o, { en: 'Anyone', fi: 'Kuka tahansa', da: 'Alle' });

/** The priority and tag filters' "no filter" choice. */
export const anyValue = (o?: MessageOptions) => t(o, { en: 'Any', fi: 'Kaikki', da: 'Alle' });

export const tagField = (o?: MessageOptions) => t(o, { en: 'Tag', fi: 'Tunniste', da: 'Mærke' });

export const sortBy = (o?: MessageOptions) =>
  t(o, { en: 'Sort by', fi: 'Järjestys', da: 'Sortér efter' });

export const sortLabel = (key: SortKey, o?: MessageOptions) =>
  t(
    o,
    {
      priority: { en: 'Priority', fi: 'Prioriteetti', da: 'Prioritet' },
      age: { en: 'Oldest first', fi: 'Vanhin ensin', da: 'Ældste først' },
      updated: { en: 'Last updated', fi: 'Viimeksi päivitetty', da: 'Senest opdateret' },
      due: { en: 'Due first', fi: 'Erääntyvä ensin', da: 'Forfalder først' }
    }[key]
  );

export const clearFilters = (o?: MessageOptions) =>
  t(o, { en: 'Clear filters', fi: 'Tyhjennä suodattimet', da: 'Ryd filtre' });

// The search box.

export const searchTickets = (o?: MessageOptions) =>
  t(o, { en: 'Search tickets', fi: 'Hae tikettejä', da: 'Søg i sager' });

export const searchPlaceholder = (o?: MessageOptions) =>
  t(o, {
    en: 'Search subject or #number',
    fi: 'Hae aiheella tai #numerolla',
    da: 'Søg på emne eller #nummer'
  });

/** Announced while typing in a search box. */
export const searchMatches = (count: number, o?: MessageOptions) =>
  plural(count, o, {
    en: { one: '# ticket matches', other: '# tickets match' },
    fi: { one: '# tiketti löytyi', other: '# tikettiä löytyi' },
    da: { one: '# sag matcher', other: '# sager matcher' }
  });
