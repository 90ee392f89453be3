/** The header's search over tickets, customers and articles. */
import { plural, t, type MessageOptions } from '../runtime';

export const searchEverything = (o?: MessageOptions) =>
  t(o, {
    en: 'Search tickets, customers and articles',
    fi: 'Hae tikettejä, asiakkaita ja artikkeleita',
    da: 'Søg i sager, kunder og artikler'
  });

export const searchEverythingPlaceholder = (o?: MessageOptions) =>
  t(o, { en: 'Search everything…', fi: 'Hae kaikesta…', da: 'Søg i alt…' });

export const searchGroupTickets = (o?: MessageOptions) =>
  t(o, { en: 'Tickets', fi: 'Tiketit', da: 'Sager' });

export const searchGroupCustomers = (o?: MessageOptions) =>
  t(o, { en: 'Customers', fi: 'Asiakkaat', da: 'Kunder' });

export const searchGroupArticles = (o?: MessageOptions) =>
  t(o, { en: 'Articles', fi: 'Artikkelit', da: 'Artikler' });

export const searchNothingFound = (o?: MessageOptions) =>
  t(o, { en: 'Nothing found.', fi: 'Ei tuloksia.', da: 'Intet fundet.' });

export const searchPreparing = (o?: MessageOptions) =>
  t(o, {
    en: 'Preparing search…',
    fi: 'Haku valmistuu…',
    da: 'Søgningen gøres klar…'
  });

export const searchAskingServer = (o?: MessageOptions) =>
  t(o, {
    en: 'Searching the server too…',
    fi: 'Haetaan myös palvelimelta…',
    da: 'Søger også på serveren…'
  });

export const searchOfflineNote = (o?: MessageOptions) =>
  t(o, {
    en: 'Offline: searching what is on this device.',
    fi: 'Ei yhteyttä: haetaan tältä laitteelta.',
    da: 'Offline: søger i det, der er på denne enhed.'
  });

/** A hit that only the server knew (not on this device). */
export const searchFromServer = (o?: MessageOptions) =>
  t(o, { en: 'from the server', fi: 'palvelimelta', da: 'fra serveren' });

/** Announced to screen readers as results change. */
export const searchResultCount = (count: number, o?: MessageOptions) =>
  plural(count, o, {
    en: { one: '# result', other: '# results' },
    fi: { one: '# tulos', other: '# tulosta' },
    da: { one: '# resultat', other: '# resultater' }
  });
