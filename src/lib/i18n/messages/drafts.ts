/**
 * Private and shared reply drafts (`domain/private-draft.ts`): the composer's draft switch,
 * "X is writing a reply", and the question before sending over a colleague's newer reply.
 * Glossary: reply draft = vastausluonnos / svarudkast.
 */
import { t, type MessageOptions } from '../runtime';

export const privateDraftLabel = (o?: MessageOptions) =>
  t(o, {
    en: 'Your private draft: only you see it until you send or share it.',
    fi: 'Oma vastausluonnoksesi: vain sinä näet sen, kunnes lähetät tai jaat sen.',
    da: 'Dit private svarudkast: kun du ser det, indtil du sender eller deler det.'
  });

export const sharedDraftLabel = (o?: MessageOptions) =>
  t(o, {
    en: 'Shared draft: everyone on the ticket sees it and may edit it.',
    fi: 'Jaettu vastausluonnos: kaikki tiketin käsittelijät näkevät sen ja voivat muokata sitä.',
    da: 'Delt svarudkast: alle på sagen ser det og kan redigere det.'
  });

export const shareDraft = (o?: MessageOptions) =>
  t(o, {
    en: 'Share for co-editing',
    fi: 'Jaa yhteismuokkaukseen',
    da: 'Del til fælles redigering'
  });

export const writePrivately = (o?: MessageOptions) =>
  t(o, {
    en: 'Write privately',
    fi: 'Kirjoita omaa luonnosta',
    da: 'Skriv privat'
  });

export const sharedDraftWaiting = (o?: MessageOptions) =>
  t(o, {
    en: 'There is a shared draft on this ticket.',
    fi: 'Tiketissä on jaettu vastausluonnos.',
    da: 'Der er et delt svarudkast på sagen.'
  });

export const openSharedDraft = (o?: MessageOptions) =>
  t(o, {
    en: 'Open the shared draft',
    fi: 'Avaa jaettu luonnos',
    da: 'Åbn det delte udkast'
  });

/** "Aino Virtanen is writing a reply"; several names joined by the caller. */
export const writingReply = (p: { names: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.names} is writing a reply`,
    fi: `${p.names} kirjoittaa vastausta`,
    da: `${p.names} skriver et svar`
  });

export const writingNote = (p: { names: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.names} is writing an internal note`,
    fi: `${p.names} kirjoittaa sisäistä muistiinpanoa`,
    da: `${p.names} skriver en intern note`
  });

/** "Maya Thompson replied 2 minutes ago — review before sending?" */
export const repliedMeanwhile = (p: { name: string; ago: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.name} replied ${p.ago} — review before sending?`,
    fi: `${p.name} vastasi ${p.ago} — tarkistatko ennen lähettämistä?`,
    da: `${p.name} svarede ${p.ago} — vil du gennemse det, før du sender?`
  });

export const reviewReply = (o?: MessageOptions) =>
  t(o, { en: 'Review', fi: 'Tarkista', da: 'Gennemse' });

export const sendAnyway = (o?: MessageOptions) =>
  t(o, { en: 'Send anyway', fi: 'Lähetä silti', da: 'Send alligevel' });

export const heldUntilOnline = (o?: MessageOptions) =>
  t(o, {
    en: 'Offline: the reply goes once you are back online and no colleague has replied meanwhile.',
    fi: 'Ei yhteyttä: vastaus lähtee, kun yhteys palaa, ellei kollega ole vastannut sillä välin.',
    da: 'Offline: svaret sendes, når du er online igen, og ingen kollega har svaret imens.'
  });

export const cancelHeldSend = (o?: MessageOptions) =>
  t(o, { en: 'Do not send', fi: 'Älä lähetä', da: 'Send ikke' });

export const couldNotShareDraft = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not share the draft',
    fi: 'Luonnosta ei voitu jakaa',
    da: 'Udkastet kunne ikke deles'
  });
