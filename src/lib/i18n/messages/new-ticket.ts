/** The new-ticket form. */
import { formatNumber } from '../format';
import { t, type MessageOptions } from '../runtime';

export const newTicket = (o?: MessageOptions) =>
  t(o, { en: 'New ticket', fi: 'Uusi tiketti', da: 'Ny sag' });

export const offlineNewTicket = (o?: MessageOptions) =>
  t(o, {
    en: 'You are offline. The ticket is saved on this device with a provisional reference and gets its number when it syncs.',
    fi: 'Ei yhteyttä. Tiketti tallennetaan tälle laitteelle väliaikaisella tunnuksella, ja se saa numeron, kun se synkronoituu.',
    da: 'Du er offline. Sagen gemmes på denne enhed med en midlertidig reference og får sit nummer, når den synkroniseres.'
  });

export const subjectRequired = (o?: MessageOptions) =>
  t(o, {
    en: 'A ticket needs a subject.',
    fi: 'Tiketillä pitää olla aihe.',
    da: 'En sag skal have et emne.'
  });

export const subjectTooLong = (p: { max: number }, o?: MessageOptions) => {
  const max = formatNumber(p.max, o);
  return t(o, {
    en: `The subject is longer than ${max} characters.`,
    fi: `Aihe on yli ${max} merkkiä pitkä.`,
    da: `Emnet er længere end ${max} tegn.`
  });
};

/** The requester choice for a ticket without one. */
export const noRequesterChoice = (o?: MessageOptions) =>
  t(o, { en: 'None', fi: 'Ei pyytäjää', da: 'Ingen' });

export const firstMessage = (o?: MessageOptions) =>
  t(o, {
    en: 'First message (saved as an internal note)',
    fi: 'Ensimmäinen viesti (tallennetaan sisäisenä muistiinpanona)',
    da: 'Første besked (gemmes som intern note)'
  });

export const creating = (o?: MessageOptions) =>
  t(o, { en: 'Creating…', fi: 'Luodaan…', da: 'Opretter…' });

export const createTicket = (o?: MessageOptions) =>
  t(o, { en: 'Create ticket', fi: 'Luo tiketti', da: 'Opret sag' });

export const couldNotCreate = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not create the ticket',
    fi: 'Tiketin luonti epäonnistui',
    da: 'Sagen kunne ikke oprettes'
  });
