/**
 * The phone's triage list: scopes, the offline summary, the swipe actions and what the undo
 * toast says. `ticket` parameters are ticket labels (`#3`, or a provisional `P-AB12CD`).
 */
import type { TicketPriority } from '../../domain/schema';
import type { TriageScope } from '../../state/triage';
import { formatNumber } from '../format';
import { localeFor, plural, t, type MessageOptions } from '../runtime';
import { priorityLabel } from './common';

export const triageTitle = (o?: MessageOptions) =>
  t(o, { en: 'Triage', fi: 'Lajittelu', da: 'Sortering' });

// same in all languages: the Danish "Mine" (my own) is spelt as the English "Mine".
export const triageScope = (scope: TriageScope, o?: MessageOptions) =>
  t(
    o,
    {
      all: { en: 'Mine + unassigned', fi: 'Omat + ei käsittelijää', da: 'Mine + ikke tildelte' },
      mine: { en: 'Mine', fi: 'Omat', da: 'Mine' },
      unassigned: { en: 'Unassigned', fi: 'Ei käsittelijää', da: 'Ikke tildelte' }
    }[scope]
  );

/** The group of scope buttons, read as "Show: Mine". */
export const triageScopes = (o?: MessageOptions) => t(o, { en: 'Show', fi: 'Näytä', da: 'Vis' });

export const searchTriage = (o?: MessageOptions) =>
  t(o, {
    en: 'Search my and unassigned tickets',
    fi: 'Hae omista ja käsittelijättömistä tiketeistä',
    da: 'Søg i mine og ikke-tildelte sager'
  });

export const savingOffline = (p: { done: number; total: number }, o?: MessageOptions) => {
  const done = formatNumber(p.done, o);
  const total = formatNumber(p.total, o);
  return t(o, {
    en: `Saving tickets for offline use… ${done} of ${total}`,
    fi: `Tallennetaan tikettejä käytettäväksi ilman yhteyttä… ${done}/${total}`,
    da: `Gemmer sager til brug offline… ${done} af ${total}`
  });
};

/** `12 of 30 available offline`; Danish agrees the adjective with the count. */
export const offlineSummary = (p: { kept: number; total: number }, o?: MessageOptions) => {
  const kept = formatNumber(p.kept, o);
  return plural(p.total, o, {
    en: { one: `${kept} of # available offline`, other: `${kept} of # available offline` },
    fi: {
      one: `${kept}/# käytettävissä ilman yhteyttä`,
      other: `${kept}/# käytettävissä ilman yhteyttä`
    },
    da: { one: `${kept} af # tilgængelig offline`, other: `${kept} af # tilgængelige offline` }
  });
};

/** After the offline summary, when the browser promised not to evict the copies. */
export const storageKept = (o?: MessageOptions) =>
  t(o, { en: 'storage kept', fi: 'tallennus pysyvä', da: 'lagring bevaret' });

export const triageHint = (o?: MessageOptions) =>
  t(o, {
    en: 'Swipe right to take a ticket, left to set it pending. Every action has Undo.',
    fi: 'Pyyhkäise oikealle, niin otat tiketin itsellesi, tai vasemmalle, niin se jää odottamaan. Jokaisen toiminnon voi perua.',
    da: 'Stryg til højre for at tage en sag, til venstre for at sætte den til afventer. Alt kan fortrydes.'
  });

export const noTriageMatch = (o?: MessageOptions) =>
  t(o, {
    en: 'No ticket matches the search.',
    fi: 'Haulla ei löytynyt tikettejä.',
    da: 'Ingen sager matcher søgningen.'
  });

export const nothingToTriage = (o?: MessageOptions) =>
  t(o, {
    en: 'Nothing to triage. Well done.',
    fi: 'Kaikki lajiteltu. Hyvää työtä.',
    da: 'Intet at sortere. Godt gået.'
  });

export const syncsWhenOnline = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.ticket} is not available offline: it syncs once you are back online.`,
    fi: `Tiketti ${p.ticket} ei ole käytettävissä ilman yhteyttä: se synkronoituu, kun yhteys palaa.`,
    da: `Sag ${p.ticket} er ikke tilgængelig offline: den synkroniseres, når du er online igen.`
  });

export const couldNotTriage = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, {
    en: `Could not triage ${p.ticket}`,
    fi: `Tiketin ${p.ticket} lajittelu epäonnistui`,
    da: `Sag ${p.ticket} kunne ikke sorteres`
  });

export const undone = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, {
    en: `Undone: ${p.ticket} is back as it was.`,
    fi: `Peruttu: tiketti ${p.ticket} on taas ennallaan.`,
    da: `Fortrudt: sag ${p.ticket} er som før.`
  });

export const couldNotUndoChange = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, {
    en: `Could not undo the change to ${p.ticket}`,
    fi: `Tiketin ${p.ticket} muutoksen peruminen epäonnistui`,
    da: `Ændringen af sag ${p.ticket} kunne ikke fortrydes`
  });

/** Why an undo failed, after "Could not undo …:". */
export const notOnThisDevice = (o?: MessageOptions) =>
  t(o, {
    en: 'the ticket is not available on this device',
    fi: 'tiketti ei ole tällä laitteella',
    da: 'sagen findes ikke på denne enhed'
  });

// What a triage action did (the undo toast and the announcement).

export const takenByMe = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.ticket} assigned to you`,
    fi: `Tiketti ${p.ticket} otettu käsittelyyn`,
    da: `Sag ${p.ticket} er tildelt dig`
  });

export const setToPending = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.ticket} set to pending`,
    fi: `Tiketti ${p.ticket} odottaa nyt asiakasta`,
    da: `Sag ${p.ticket} afventer nu kunden`
  });

export const priorityChanged = (
  p: { ticket: string; priority: TicketPriority },
  o?: MessageOptions
) => {
  const priority = priorityLabel(p.priority, o).toLocaleLowerCase(localeFor(o));
  return t(o, {
    en: `${p.ticket} is now ${priority} priority`,
    fi: `Tiketin ${p.ticket} prioriteetti: ${priority}`,
    da: `Sag ${p.ticket} har nu prioritet ${priority}`
  });
};

// The row and its actions.

/** The short swipe action; the glossary's "Take it". */
export const take = (o?: MessageOptions) => t(o, { en: 'Take', fi: 'Ota itselle', da: 'Tag den' });

export const assignToMe = (o?: MessageOptions) =>
  t(o, { en: 'Assign to me', fi: 'Ota itselle', da: 'Tildel til mig' });

export const setPending = (o?: MessageOptions) =>
  t(o, { en: 'Set pending', fi: 'Aseta odottamaan', da: 'Sæt til afventer' });

export const noRequester = (o?: MessageOptions) =>
  t(o, { en: 'No requester', fi: 'Ei pyytäjää', da: 'Ingen anmoder' });

/** The assignee when it is the member looking at the list. */
export const you = (o?: MessageOptions) => t(o, { en: 'You', fi: 'Sinä', da: 'Dig' });

export const assignedToYou = (o?: MessageOptions) =>
  t(o, { en: 'Assigned to you', fi: 'Käsittelijä: sinä', da: 'Tildelt dig' });

export const rowActions = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, {
    en: `Actions for ${p.ticket}`,
    fi: `Tiketin ${p.ticket} toiminnot`,
    da: `Handlinger for sag ${p.ticket}`
  });

export const triageTicket = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, {
    en: `Triage ${p.ticket}`,
    fi: `Lajittele tiketti ${p.ticket}`,
    da: `Sortér sag ${p.ticket}`
  });
