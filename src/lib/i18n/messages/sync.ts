/** What the sync tells the member when the server refused or closed something. */
import { t, type MessageOptions } from '../runtime';

export const refusedOrigin = (o?: MessageOptions) =>
  t(o, {
    en: 'The server refused this page’s address (Origin).',
    fi: 'Palvelin ei hyväksynyt tämän sivun osoitetta (Origin).',
    da: 'Serveren afviste denne sides adresse (Origin).'
  });

export const serverRefused = (p: { detail: string }, o?: MessageOptions) =>
  t(o, {
    en: `The server refused: ${p.detail}`,
    fi: `Palvelin kieltäytyi: ${p.detail}`,
    da: `Serveren afviste: ${p.detail}`
  });

export const noAccess = (o?: MessageOptions) =>
  t(o, {
    en: 'You do not have access to this document.',
    fi: 'Sinulla ei ole pääsyä tähän asiakirjaan.',
    da: 'Du har ikke adgang til dette dokument.'
  });

export const documentMissing = (o?: MessageOptions) =>
  t(o, {
    en: 'This document does not exist.',
    fi: 'Tätä asiakirjaa ei ole.',
    da: 'Dette dokument findes ikke.'
  });

export const changeTooLarge = (o?: MessageOptions) =>
  t(o, {
    en: 'A change was too large for the server.',
    fi: 'Muutos oli palvelimelle liian suuri.',
    da: 'En ændring var for stor til serveren.'
  });

export const changeRefused = (p: { detail: string }, o?: MessageOptions) =>
  p.detail
    ? t(o, {
        en: `The server refused a change (${p.detail}).`,
        fi: `Palvelin hylkäsi muutoksen (${p.detail}).`,
        da: `Serveren afviste en ændring (${p.detail}).`
      })
    : t(o, {
        en: 'The server refused a change.',
        fi: 'Palvelin hylkäsi muutoksen.',
        da: 'Serveren afviste en ændring.'
      });

export const slowDown = (o?: MessageOptions) =>
  t(o, {
    en: 'Too many changes at once: the server asked to slow down. Retrying shortly.',
    fi: 'Liikaa muutoksia kerralla: palvelin pyysi hidastamaan. Yritetään pian uudelleen.',
    da: 'For mange ændringer på én gang: serveren bad om at sætte farten ned. Prøver igen om lidt.'
  });

export const connectionClosed = (p: { reason: string }, o?: MessageOptions) =>
  t(o, {
    en: `The server closed the connection (${p.reason}).`,
    fi: `Palvelin sulki yhteyden (${p.reason}).`,
    da: `Serveren lukkede forbindelsen (${p.reason}).`
  });

export const stoppedSyncing = (p: { problem: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.problem} Baton stopped syncing this document; reload to try again.`,
    fi: `${p.problem} Baton lopetti tämän asiakirjan synkronoinnin; lataa sivu uudelleen yrittääksesi uudestaan.`,
    da: `${p.problem} Baton stoppede synkroniseringen af dette dokument; genindlæs for at prøve igen.`
  });

export const changesDiscarded = (p: { problem: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.problem} Your unsynced changes to it were discarded; reloading it from the server.`,
    fi: `${p.problem} Synkronoimattomat muutoksesi siihen hylättiin; se ladataan uudelleen palvelimelta.`,
    da: `${p.problem} Dine ikke-synkroniserede ændringer blev kasseret; den hentes igen fra serveren.`
  });

export const documentTooLargeToSync = (o?: MessageOptions) =>
  t(o, {
    en: 'A document is too large to sync; its local changes stay on this device.',
    fi: 'Asiakirja on liian suuri synkronoitavaksi; sen paikalliset muutokset jäävät tälle laitteelle.',
    da: 'Et dokument er for stort til at blive synkroniseret; de lokale ændringer bliver på denne enhed.'
  });

export const changeNotSynced = (p: { detail: string }, o?: MessageOptions) =>
  t(o, {
    en: `Your change was not synced: ${p.detail}`,
    fi: `Muutostasi ei synkronoitu: ${p.detail}`,
    da: `Din ændring blev ikke synkroniseret: ${p.detail}`
  });

export const documentNameRefused = (o?: MessageOptions) =>
  t(o, {
    en: 'A document name was refused by the server.',
    fi: 'Palvelin ei hyväksynyt asiakirjan nimeä.',
    da: 'Serveren afviste et dokumentnavn.'
  });

export const syncAnswerMalformed = (o?: MessageOptions) =>
  t(o, {
    en: 'The sync answer was malformed.',
    fi: 'Synkronoinnin vastaus oli virheellinen.',
    da: 'Svaret fra synkroniseringen var ugyldigt.'
  });

export const undecodableAnswer = (o?: MessageOptions) =>
  t(o, {
    en: 'Undecodable base64.',
    fi: 'Vastausta ei voitu purkaa (base64).',
    da: 'Svaret kunne ikke afkodes (base64).'
  });

export const networkError = (o?: MessageOptions) =>
  t(o, { en: 'Network error', fi: 'Verkkovirhe', da: 'Netværksfejl' });
