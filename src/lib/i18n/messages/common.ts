/**
 * Words used across the app: statuses, priorities, channels, ages. The helpdesk words follow
 * `docs/glossary.md` (tiketti, sisäinen muistiinpano… / sag, intern note…).
 */
import type { TicketPriority, TicketStatus } from '../../domain/schema';
import { plural, t, type MessageOptions, type Texts } from '../runtime';

const STATUS: Record<TicketStatus, Texts> = {
  new: { en: 'New', fi: 'Uusi', da: 'Ny' },
  open: { en: 'Open', fi: 'Avoin', da: 'Åben' },
  pending: { en: 'Pending', fi: 'Odottaa', da: 'Afventer' },
  'on-hold': { en: 'On hold', fi: 'Pidossa', da: 'På hold' },
  solved: { en: 'Solved', fi: 'Ratkaistu', da: 'Løst' },
  closed: { en: 'Closed', fi: 'Suljettu', da: 'Lukket' }
};

export const statusLabel = (status: TicketStatus, o?: MessageOptions) => t(o, STATUS[status]);

const PRIORITY: Record<TicketPriority, Texts> = {
  low: { en: 'Low', fi: 'Matala', da: 'Lav' },
  // same in all languages
  normal: { en: 'Normal', fi: 'Normaali', da: 'Normal' },
  high: { en: 'High', fi: 'Korkea', da: 'Høj' },
  urgent: { en: 'Urgent', fi: 'Kiireellinen', da: 'Haster' }
};

export const priorityLabel = (priority: TicketPriority, o?: MessageOptions) =>
  t(o, PRIORITY[priority]);

export const unassigned = (o?: MessageOptions) =>
  t(o, { en: 'Unassigned', fi: 'Ei käsittelijää', da: 'Ikke tildelt' });

export const assignedTo = (p: { name: string }, o?: MessageOptions) =>
  t(o, {
    en: `Assigned to ${p.name}`,
    fi: `Käsittelijä: ${p.name}`,
    da: `Tildelt ${p.name}`
  });

export const tagsLabel = (o?: MessageOptions) =>
  t(o, { en: 'Tags', fi: 'Tunnisteet', da: 'Mærker' });

/** The compact age on a card: `now`, `5m`, `3h`, `2d`, `6w`. */
export const ageNow = (o?: MessageOptions) => t(o, { en: 'now', fi: 'nyt', da: 'nu' });
export const ageMinutes = (p: { n: number }, o?: MessageOptions) =>
  t(o, { en: `${p.n}m`, fi: `${p.n} min`, da: `${p.n} m` });
export const ageHours = (p: { n: number }, o?: MessageOptions) =>
  t(o, { en: `${p.n}h`, fi: `${p.n} t`, da: `${p.n} t` });
export const ageDays = (p: { n: number }, o?: MessageOptions) =>
  t(o, { en: `${p.n}d`, fi: `${p.n} pv`, da: `${p.n} d` });
export const ageWeeks = (p: { n: number }, o?: MessageOptions) =>
  t(o, { en: `${p.n}w`, fi: `${p.n} vk`, da: `${p.n} u` });

export const createdAgo = (p: { ago: string }, o?: MessageOptions) =>
  t(o, { en: `Created ${p.ago}`, fi: `Luotu ${p.ago}`, da: `Oprettet ${p.ago}` });

export const ticketCount = (count: number, o?: MessageOptions) =>
  plural(count, o, {
    en: { one: '# ticket', other: '# tickets' },
    fi: { one: '# tiketti', other: '# tikettiä' },
    da: { one: '# sag', other: '# sager' }
  });

export const loading = (o?: MessageOptions) =>
  t(o, { en: 'Loading…', fi: 'Ladataan…', da: 'Indlæser…' });

export const notAvailableOffline = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.ticket} is not available offline: open it once while online to keep a copy on this device.`,
    fi: `${p.ticket} ei ole käytettävissä ilman yhteyttä: avaa se kerran verkossa, niin kopio jää tälle laitteelle.`,
    da: `${p.ticket} er ikke tilgængelig offline: åbn den én gang, mens du er online, så gemmes en kopi på denne enhed.`
  });

export const unknownMember = (o?: MessageOptions) =>
  t(o, { en: 'Unknown member', fi: 'Tuntematon jäsen', da: 'Ukendt medlem' });

export const undo = (o?: MessageOptions) => t(o, { en: 'Undo', fi: 'Peru', da: 'Fortryd' });

export const cancel = (o?: MessageOptions) => t(o, { en: 'Cancel', fi: 'Peruuta', da: 'Annuller' });

export const close = (o?: MessageOptions) => t(o, { en: 'Close', fi: 'Sulje', da: 'Luk' });

/** Field and column names of a ticket. */
export const subjectField = (o?: MessageOptions) => t(o, { en: 'Subject', fi: 'Aihe', da: 'Emne' });

export const requesterField = (o?: MessageOptions) =>
  t(o, { en: 'Requester', fi: 'Pyytäjä', da: 'Anmoder' });

export const priorityField = (o?: MessageOptions) =>
  t(o, { en: 'Priority', fi: 'Prioriteetti', da: 'Prioritet' });

// same in all languages: Danish says "status" too (Finnish: "tila").
export const statusField = (o?: MessageOptions) => t(o, { en: 'Status', fi: 'Tila', da: 'Status' });

export const assigneeField = (o?: MessageOptions) =>
  t(o, { en: 'Assignee', fi: 'Käsittelijä', da: 'Ansvarlig' });

export const availableOffline = (o?: MessageOptions) =>
  t(o, {
    en: 'Available offline',
    fi: 'Käytettävissä ilman yhteyttä',
    da: 'Tilgængelig offline'
  });

export type RoleName = 'owner' | 'admin' | 'agent' | 'light-agent' | 'viewer';

const ROLE: Record<RoleName, Texts> = {
  owner: { en: 'Owner', fi: 'Omistaja', da: 'Ejer' },
  admin: { en: 'Admin', fi: 'Ylläpitäjä', da: 'Administrator' },
  // same in all languages
  agent: { en: 'Agent', fi: 'Agentti', da: 'Agent' },
  'light-agent': { en: 'Light agent', fi: 'Kevytagentti', da: 'Begrænset agent' },
  viewer: { en: 'Viewer', fi: 'Katselija', da: 'Observatør' }
};

/** A role's name as people read it (never the raw id `light-agent`). */
export const roleLabel = (role: RoleName, o?: MessageOptions) => t(o, ROLE[role]);

/** A button that copies a link or a token to the clipboard. */
export const copy = (o?: MessageOptions) => t(o, { en: 'Copy', fi: 'Kopioi', da: 'Kopiér' });

export const copied = (o?: MessageOptions) =>
  t(o, { en: 'Copied', fi: 'Kopioitu', da: 'Kopieret' });

export const couldNotCopy = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not copy: select the text and copy it yourself',
    fi: 'Kopiointi epäonnistui: valitse teksti ja kopioi se itse',
    da: 'Kunne ikke kopiere: markér teksten, og kopiér den selv'
  });
