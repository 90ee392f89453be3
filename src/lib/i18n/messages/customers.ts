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
