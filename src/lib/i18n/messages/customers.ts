/** A customer's page: their tickets. */
import { plural, t, type MessageOptions } from '../runtime';

export const customerTitle = (o?: MessageOptions) =>
  t(o, { en: 'Customer', fi: 'Asiakas', da: 'Kunde' });

/** `5 tickets, 2 open`: one phrase; Danish agrees "åben" with the open count. */
export const customerTicketCounts = (p: { total: number; open: number }, o?: MessageOptions) => {
  const open = plural(p.open, o, {
    en: { one: '# open', other: '# open' },
    fi: { one: '# avoinna', other: '# avoinna' },
    da: { one: '# åben', other: '# åbne' }
  });
  return plural(p.total, o, {
    en: { one: `# ticket, ${open}`, other: `# tickets, ${open}` },
    fi: { one: `# tiketti, ${open}`, other: `# tikettiä, ${open}` },
    da: { one: `# sag, ${open}`, other: `# sager, ${open}` }
  });
};

/** Under a ticket in the customer's list: `3 messages · updated 2 hours ago`. */
export const messagesUpdated = (p: { count: number; ago: string }, o?: MessageOptions) =>
  plural(p.count, o, {
    en: { one: `# message · updated ${p.ago}`, other: `# messages · updated ${p.ago}` },
    fi: { one: `# viesti · päivitetty ${p.ago}`, other: `# viestiä · päivitetty ${p.ago}` },
    da: { one: `# besked · opdateret ${p.ago}`, other: `# beskeder · opdateret ${p.ago}` }
  });

export const noActiveTickets = (o?: MessageOptions) =>
  t(o, { en: 'No active tickets.', fi: 'Ei aktiivisia tikettejä.', da: 'Ingen aktive sager.' });

export const noSuchCustomer = (o?: MessageOptions) =>
  t(o, { en: 'No such customer.', fi: 'Asiakasta ei löydy.', da: 'Kunden findes ikke.' });

/** The tooltip of the requester's name in a ticket: it opens the customer's page. */
export const customerTickets = (p: { name: string }, o?: MessageOptions) =>
  t(o, {
    en: `All tickets from ${p.name}`,
    fi: `Kaikki tiketit asiakkaalta ${p.name}`,
    da: `Alle sager fra ${p.name}`
  });

export const customerLanguageLabel = (o?: MessageOptions) =>
  t(o, {
    en: 'Writes to us in',
    fi: 'Asiakkaan kieli',
    da: 'Kundens sprog'
  });

export const customerLanguageHint = (o?: MessageOptions) =>
  t(o, {
    en: 'Baton’s own emails to this customer (the line under each reply) are written in this language.',
    fi: 'Batonin omat viestit tälle asiakkaalle (rivi jokaisen vastauksen alla) kirjoitetaan tällä kielellä.',
    da: 'Batons egne mails til denne kunde (linjen under hvert svar) skrives på dette sprog.'
  });

export const detectFromMessages = (o?: MessageOptions) =>
  t(o, {
    en: 'As detected from their messages',
    fi: 'Tunnistetaan viesteistä',
    da: 'Som genkendt i deres beskeder'
  });

export const customerLanguageSaved = (o?: MessageOptions) =>
  t(o, { en: 'Language saved.', fi: 'Kieli tallennettu.', da: 'Sproget er gemt.' });

export const couldNotSaveCustomerLanguage = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not save the language',
    fi: 'Kielen tallennus epäonnistui',
    da: 'Sproget kunne ikke gemmes'
  });

// The customer's details, edited on their page and shown beside each of their tickets.

export const customerNameLabel = (o?: MessageOptions) =>
  t(o, { en: 'Name', fi: 'Nimi', da: 'Navn' });

// same in all languages: Danish says "organisation" too (the glossary; Finnish: "organisaatio").
export const organisationLabel = (o?: MessageOptions) =>
  t(o, { en: 'Organisation', fi: 'Organisaatio', da: 'Organisation' });

export const customerNotesLabel = (o?: MessageOptions) =>
  t(o, {
    en: 'Notes about the customer',
    fi: 'Muistiinpanot asiakkaasta',
    da: 'Noter om kunden'
  });

export const customerNotesHint = (o?: MessageOptions) =>
  t(o, {
    en: 'Seen by the team only, beside each of their tickets.',
    fi: 'Näkyy vain tiimille, jokaisen hänen tikettinsä vieressä.',
    da: 'Kun synlige for teamet, ved siden af hver af kundens sager.'
  });

export const saveCustomer = (o?: MessageOptions) =>
  t(o, { en: 'Save customer', fi: 'Tallenna asiakas', da: 'Gem kunde' });

export const customerSaved = (o?: MessageOptions) =>
  t(o, { en: 'Customer saved.', fi: 'Asiakas tallennettu.', da: 'Kunden er gemt.' });

export const couldNotSaveCustomer = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not save the customer',
    fi: 'Asiakasta ei voitu tallentaa',
    da: 'Kunden kunne ikke gemmes'
  });

/** A refused field, named: `Name: …`. */
export const customerNameRequired = (o?: MessageOptions) =>
  t(o, {
    en: 'Name: write the customer’s name.',
    fi: 'Nimi: kirjoita asiakkaan nimi.',
    da: 'Navn: skriv kundens navn.'
  });

export const customerFieldTooLong = (p: { field: string; max: number }, o?: MessageOptions) =>
  t(o, {
    en: `${p.field}: at most ${p.max} characters.`,
    fi: `${p.field}: enintään ${p.max} merkkiä.`,
    da: `${p.field}: højst ${p.max} tegn.`
  });

/** The ticket sidebar's section about the requester. */
export const aboutCustomer = (o?: MessageOptions) =>
  t(o, { en: 'Customer', fi: 'Asiakas', da: 'Kunde' });

export const otherTicketsTitle = (o?: MessageOptions) =>
  t(o, { en: 'Their other tickets', fi: 'Muut tiketit', da: 'Kundens andre sager' });

export const noOtherTickets = (o?: MessageOptions) =>
  t(o, { en: 'No other tickets.', fi: 'Ei muita tikettejä.', da: 'Ingen andre sager.' });

export const allCustomerTickets = (count: number, o?: MessageOptions) =>
  plural(count, o, {
    en: { one: 'All # ticket', other: 'All # tickets' },
    fi: { one: 'Kaikki # tiketti', other: 'Kaikki # tikettiä' },
    da: { one: 'Alle # sag', other: 'Alle # sager' }
  });

export const editCustomer = (o?: MessageOptions) =>
  t(o, { en: 'Edit customer', fi: 'Muokkaa asiakasta', da: 'Redigér kunde' });
