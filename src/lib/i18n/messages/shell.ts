/**
 * The app around the pages: starting up, the phone's bottom navigation, the sync indicator,
 * toasts, the update prompt, and what a member's role does not allow.
 */
import { plural, t, type MessageOptions } from '../runtime';

export const openingBaton = (o?: MessageOptions) =>
  t(o, { en: 'Opening Baton…', fi: 'Avataan Batonia…', da: 'Åbner Baton…' });

export const couldNotStart = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not start Baton',
    fi: 'Batonin käynnistys epäonnistui',
    da: 'Baton kunne ikke starte'
  });

export const couldNotCheckSignIn = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not check who is signed in',
    fi: 'Kirjautuneen käyttäjän tarkistus epäonnistui',
    da: 'Det kunne ikke tjekkes, hvem der er logget ind'
  });

export const couldNotSwitchWorkspace = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not switch workspace',
    fi: 'Työtilan vaihto epäonnistui',
    da: 'Arbejdsområdet kunne ikke skiftes'
  });

// The phone's bottom navigation.

export const sections = (o?: MessageOptions) =>
  t(o, { en: 'Sections', fi: 'Osiot', da: 'Sektioner' });

/** The bottom navigation's "new ticket". */
export const newShort = (o?: MessageOptions) => t(o, { en: 'New', fi: 'Uusi', da: 'Ny' });

// The sync indicator.

// same in all languages: Danish says "offline" (the glossary), Finnish does not.
export const offline = (o?: MessageOptions) =>
  t(o, { en: 'Offline', fi: 'Ei yhteyttä', da: 'Offline' });

export const syncing = (o?: MessageOptions) =>
  t(o, { en: 'Syncing…', fi: 'Synkronoidaan…', da: 'Synkroniserer…' });

// same in all languages: Danish says "online" (the glossary), Finnish does not.
export const online = (o?: MessageOptions) => t(o, { en: 'Online', fi: 'Verkossa', da: 'Online' });

export const unsyncedChanges = (count: number, o?: MessageOptions) =>
  plural(count, o, {
    en: { one: '# local change not yet synced', other: '# local changes not yet synced' },
    fi: {
      one: '# paikallinen muutos ei vielä synkronoitu',
      other: '# paikallista muutosta ei vielä synkronoitu'
    },
    da: {
      one: '# lokal ændring ikke synkroniseret endnu',
      other: '# lokale ændringer ikke synkroniseret endnu'
    }
  });

export const savedOnDevice = (o?: MessageOptions) =>
  t(o, {
    en: 'Changes are saved on this device and sync when the connection is back.',
    fi: 'Muutokset tallentuvat tälle laitteelle ja synkronoituvat, kun yhteys palaa.',
    da: 'Ændringer gemmes på denne enhed og synkroniseres, når forbindelsen er tilbage.'
  });

export const connected = (o?: MessageOptions) =>
  t(o, {
    en: 'Connected to the server.',
    fi: 'Yhteys palvelimeen toimii.',
    da: 'Forbundet til serveren.'
  });

/** `error` is what the server or the network said, as it said it. */
export const syncFailed = (p: { error: string }, o?: MessageOptions) =>
  t(o, {
    en: `Sync failed: ${p.error}`,
    fi: `Synkronointi epäonnistui: ${p.error}`,
    da: `Synkroniseringen mislykkedes: ${p.error}`
  });

// Toasts and the update prompt.

export const dismiss = (o?: MessageOptions) =>
  t(o, { en: 'Dismiss', fi: 'Sulje ilmoitus', da: 'Luk besked' });

export const updateAvailable = (o?: MessageOptions) =>
  t(o, {
    en: 'Update available — reload to use the new version.',
    fi: 'Päivitys saatavilla — lataa sivu uudelleen, niin uusi versio otetaan käyttöön.',
    da: 'Der er en opdatering — genindlæs for at bruge den nye version.'
  });

export const reload = (o?: MessageOptions) =>
  t(o, { en: 'Reload', fi: 'Lataa uudelleen', da: 'Genindlæs' });

export const reloading = (o?: MessageOptions) =>
  t(o, { en: 'Reloading…', fi: 'Ladataan uudelleen…', da: 'Genindlæser…' });

export const later = (o?: MessageOptions) => t(o, { en: 'Later', fi: 'Myöhemmin', da: 'Senere' });

// What a role does not allow (`NotAllowedError`).

export const lightAgentMayOnlyNote = (o?: MessageOptions) =>
  t(o, {
    en: 'As a light agent you can add internal notes, nothing else.',
    fi: 'Kevytagenttina voit lisätä vain sisäisiä muistiinpanoja.',
    da: 'Som begrænset agent kan du kun tilføje interne noter.'
  });

export const readOnlyAccess = (o?: MessageOptions) =>
  t(o, {
    en: 'You have read-only access to this workspace.',
    fi: 'Sinulla on tähän työtilaan vain lukuoikeus.',
    da: 'Du har kun læseadgang til dette arbejdsområde.'
  });

// The header.

export const goToBoard = (o?: MessageOptions) =>
  t(o, { en: 'Baton, go to the board', fi: 'Baton, siirry taululle', da: 'Baton, gå til tavlen' });

export const mainNavigation = (o?: MessageOptions) =>
  t(o, { en: 'Main', fi: 'Päävalikko', da: 'Hovedmenu' });

export const navMailbox = (o?: MessageOptions) =>
  t(o, { en: 'Mailbox', fi: 'Postilaatikko', da: 'Postkasse' });

export const navMembers = (o?: MessageOptions) =>
  t(o, { en: 'Members', fi: 'Jäsenet', da: 'Medlemmer' });

export const navAudit = (o?: MessageOptions) =>
  t(o, { en: 'Audit', fi: 'Tapahtumaloki', da: 'Revisionslog' });

export const signOut = (o?: MessageOptions) =>
  t(o, { en: 'Sign out', fi: 'Kirjaudu ulos', da: 'Log ud' });

export const yourProfile = (p: { name: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.name}, your profile`,
    fi: `${p.name}, oma profiili`,
    da: `${p.name}, din profil`
  });

export const skipToContent = (o?: MessageOptions) =>
  t(o, { en: 'Skip to content', fi: 'Siirry sisältöön', da: 'Spring til indholdet' });

export const readOnlyNote = (o?: MessageOptions) =>
  t(o, {
    en: 'You have read-only access to this workspace: you can read everything, but not change it.',
    fi: 'Sinulla on tähän työtilaan vain lukuoikeus: voit lukea kaiken, mutta et muuttaa mitään.',
    da: 'Du har kun læseadgang til dette arbejdsområde: du kan læse alt, men ikke ændre noget.'
  });

export const readOnlyLegend = (o?: MessageOptions) =>
  t(o, { en: 'Read-only', fi: 'Vain luku', da: 'Kun læsning' });

export const lightAgentNote = (o?: MessageOptions) =>
  t(o, {
    en: 'As a light agent you can read tickets and add internal notes.',
    fi: 'Kevytagenttina voit lukea tikettejä ja lisätä sisäisiä muistiinpanoja.',
    da: 'Som begrænset agent kan du læse sager og tilføje interne noter.'
  });

export const sessionEnded = (o?: MessageOptions) =>
  t(o, {
    en: 'Your session has ended. Please sign in again.',
    fi: 'Istuntosi on päättynyt. Kirjaudu uudelleen sisään.',
    da: 'Din session er udløbet. Log ind igen.'
  });

export const somethingWentWrong = (o?: MessageOptions) =>
  t(o, {
    en: 'Something went wrong.',
    fi: 'Jokin meni vikaan.',
    da: 'Noget gik galt.'
  });
