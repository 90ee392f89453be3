/**
 * Email in a ticket's thread: senders and recipients, follow-ups, bounces, remote images,
 * attachments and the delivery state of a public reply. Reasons from mail servers (a bounce,
 * a failed delivery) are shown as they came: they are the server's words, not Baton's.
 */
import { plural, t, type MessageOptions } from '../runtime';

/** The addresses an email went to, beside the sender. */
export const mailTo = (p: { addresses: string }, o?: MessageOptions) =>
  t(o, {
    en: `to ${p.addresses}`,
    fi: `vastaanottaja: ${p.addresses}`,
    da: `til ${p.addresses}`
  });

export const mailCc = (p: { addresses: string }, o?: MessageOptions) =>
  t(o, { en: `cc ${p.addresses}`, fi: `kopio: ${p.addresses}`, da: `cc: ${p.addresses}` });

export const followsUpClosedTicket = (o?: MessageOptions) =>
  t(o, {
    en: 'This message follows up a closed ticket.',
    fi: 'Viesti jatkaa suljettua tikettiä.',
    da: 'Beskeden følger op på en lukket sag.'
  });

export const openEarlierTicket = (o?: MessageOptions) =>
  t(o, {
    en: 'Open the earlier ticket',
    fi: 'Avaa aiempi tiketti',
    da: 'Åbn den tidligere sag'
  });

/** `reason` is the receiving server's own text. */
export const replyBounced = (p: { reason: string }, o?: MessageOptions) =>
  t(o, {
    en: `A reply could not be delivered: ${p.reason}`,
    fi: `Vastausta ei voitu toimittaa: ${p.reason}`,
    da: `Et svar kunne ikke leveres: ${p.reason}`
  });

export const remoteImagesBlocked = (o?: MessageOptions) =>
  t(o, {
    en: 'Remote images are blocked.',
    fi: 'Etäkuvat on estetty.',
    da: 'Eksterne billeder er blokeret.'
  });

export const showImages = (o?: MessageOptions) =>
  t(o, { en: 'Show images', fi: 'Näytä kuvat', da: 'Vis billeder' });

/** The title of the frame that shows an email's HTML. */
export const messageFrom = (p: { sender: string }, o?: MessageOptions) =>
  t(o, {
    en: `Message from ${p.sender}`,
    fi: `Viesti lähettäjältä ${p.sender}`,
    da: `Besked fra ${p.sender}`
  });

export const showQuotedText = (o?: MessageOptions) =>
  t(o, { en: 'Show quoted text', fi: 'Näytä lainattu teksti', da: 'Vis citeret tekst' });

/** The recipients a public reply was sent to. */
export const replySentTo = (p: { to: string }, o?: MessageOptions) =>
  t(o, {
    en: `To ${p.to}`,
    fi: `Vastaanottaja: ${p.to}`,
    da: `Til ${p.to}`
  });

export const replySentToCc = (p: { to: string; cc: string }, o?: MessageOptions) =>
  t(o, {
    en: `To ${p.to} · cc ${p.cc}`,
    fi: `Vastaanottaja: ${p.to} · kopio: ${p.cc}`,
    da: `Til ${p.to} · cc: ${p.cc}`
  });

// Attachments --------------------------------------------------------------------------------

/** File sizes; the number is formatted by the caller (`formatNumber`). */
export const sizeBytes = (p: { n: string }, o?: MessageOptions) =>
  t(o, { en: `${p.n} B`, fi: `${p.n} t`, da: `${p.n} B` });

export const sizeKilobytes = (p: { n: string }, o?: MessageOptions) =>
  t(o, { en: `${p.n} KB`, fi: `${p.n} kt`, da: `${p.n} kB` });

// Danish writes MB as English does; Finnish says Mt.
// same in all languages
export const sizeMegabytes = (p: { n: string }, o?: MessageOptions) =>
  t(o, { en: `${p.n} MB`, fi: `${p.n} Mt`, da: `${p.n} MB` });

export const attachmentTooLarge = (o?: MessageOptions) =>
  t(o, {
    en: 'too large, not stored',
    fi: 'liian suuri, ei tallennettu',
    da: 'for stor, ikke gemt'
  });

// Delivery -----------------------------------------------------------------------------------

export const deliveryQueued = (o?: MessageOptions) =>
  t(o, { en: 'Queued', fi: 'Jonossa', da: 'I kø' });

export const deliveryFailed = (o?: MessageOptions) =>
  t(o, { en: 'Not delivered', fi: 'Ei toimitettu', da: 'Ikke leveret' });

export const deliveryAttempts = (count: number, o?: MessageOptions) =>
  plural(count, o, {
    en: { one: '# attempt', other: '# attempts' },
    fi: { one: '# yritys', other: '# yritystä' },
    da: { one: '# forsøg', other: '# forsøg' }
  });
