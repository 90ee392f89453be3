/** The archive: its settings page, archived tickets in a customer's history and the archive list. */
import { t, type MessageOptions } from '../runtime';

export const archiveTitle = (o?: MessageOptions) =>
  t(o, { en: 'Archive', fi: 'Arkisto', da: 'Arkiv' });

export const archiveIntro = (o?: MessageOptions) =>
  t(o, {
    en: 'Solved and closed tickets leave the board and the lists after a while, so that they stay fast on every device. An archived ticket keeps everything: search finds it, the customer’s history lists it, and it opens as before. A customer who writes again, or an agent who reopens it, brings it back.',
    fi: 'Ratkaistut ja suljetut tiketit poistuvat taululta ja listoilta jonkin ajan kuluttua, jotta ne pysyvät nopeina kaikilla laitteilla. Arkistoitu tiketti säilyttää kaiken: haku löytää sen, asiakkaan historia näyttää sen ja se avautuu kuten ennenkin. Kun asiakas kirjoittaa uudelleen tai agentti avaa tiketin uudelleen, se palaa takaisin.',
    da: 'Løste og lukkede sager forlader tavlen og listerne efter et stykke tid, så de forbliver hurtige på alle enheder. En arkiveret sag beholder alt: søgningen finder den, kundens historik viser den, og den åbner som før. Skriver kunden igen, eller genåbner en agent den, kommer den tilbage.'
  });

export const archiveEnabledLabel = (o?: MessageOptions) =>
  t(o, {
    en: 'Archive solved and closed tickets',
    fi: 'Arkistoi ratkaistut ja suljetut tiketit',
    da: 'Arkivér løste og lukkede sager'
  });

export const archiveAfterDaysLabel = (o?: MessageOptions) =>
  t(o, {
    en: 'Days after the ticket was solved or closed',
    fi: 'Päivää tiketin ratkaisemisen tai sulkemisen jälkeen',
    da: 'Dage efter at sagen blev løst eller lukket'
  });

export const saveArchive = (o?: MessageOptions) => t(o, { en: 'Save', fi: 'Tallenna', da: 'Gem' });

export const archiveSaved = (o?: MessageOptions) =>
  t(o, {
    en: 'Archive settings saved.',
    fi: 'Arkiston asetukset tallennettu.',
    da: 'Arkivindstillingerne er gemt.'
  });

export const couldNotSaveArchive = (p: { problem: string }, o?: MessageOptions) =>
  t(o, {
    en: `Could not save the archive settings: ${p.problem}`,
    fi: `Arkiston asetuksia ei voitu tallentaa: ${p.problem}`,
    da: `Arkivindstillingerne kunne ikke gemmes: ${p.problem}`
  });

export const archiveReadOnly = (o?: MessageOptions) =>
  t(o, {
    en: 'Only owners and admins change these settings.',
    fi: 'Vain omistajat ja ylläpitäjät voivat muuttaa näitä asetuksia.',
    da: 'Kun ejere og administratorer kan ændre disse indstillinger.'
  });

export const archivedTicketsTitle = (o?: MessageOptions) =>
  t(o, { en: 'Archived tickets', fi: 'Arkistoidut tiketit', da: 'Arkiverede sager' });

export const noArchivedTickets = (o?: MessageOptions) =>
  t(o, {
    en: 'No archived tickets.',
    fi: 'Ei arkistoituja tikettejä.',
    da: 'Ingen arkiverede sager.'
  });

export const showMoreArchived = (o?: MessageOptions) =>
  t(o, { en: 'Show more', fi: 'Näytä lisää', da: 'Vis flere' });

export const archiveOffline = (o?: MessageOptions) =>
  t(o, {
    en: 'Archived tickets are listed when you are online.',
    fi: 'Arkistoidut tiketit näytetään, kun olet verkossa.',
    da: 'Arkiverede sager vises, når du er online.'
  });

export const archiveLoadFailed = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not load the archived tickets.',
    fi: 'Arkistoituja tikettejä ei voitu ladata.',
    da: 'De arkiverede sager kunne ikke indlæses.'
  });

export const archiveFilterLabel = (o?: MessageOptions) =>
  t(o, {
    en: 'Find by number or subject',
    fi: 'Etsi numerolla tai aiheella',
    da: 'Find efter nummer eller emne'
  });

export const seeArchivedTickets = (o?: MessageOptions) =>
  t(o, {
    en: 'See the archived tickets',
    fi: 'Näytä arkistoidut tiketit',
    da: 'Se de arkiverede sager'
  });
