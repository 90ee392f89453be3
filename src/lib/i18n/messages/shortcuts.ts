/**
 * The keyboard flow: the `?` cheat sheet (what each key does; the keys themselves are drawn
 * from `$lib/state/shortcuts`) and what the shortcuts say when they cannot act.
 */
import { t, type MessageOptions } from '../runtime';

export const keyboardShortcuts = (o?: MessageOptions) =>
  t(o, { en: 'Keyboard shortcuts', fi: 'Pikanäppäimet', da: 'Tastaturgenveje' });

/** Between two keys pressed one after the other: `g` then `b`. */
export const keyThen = (o?: MessageOptions) => t(o, { en: 'then', fi: 'sitten', da: 'så' });

/** Between two keys that do it: `↑` or `↓`. */
export const keyOr = (o?: MessageOptions) => t(o, { en: 'or', fi: 'tai', da: 'eller' });

// Group titles.

export const anywhere = (o?: MessageOptions) =>
  t(o, { en: 'Anywhere', fi: 'Kaikkialla', da: 'Overalt' });

export const onATicket = (o?: MessageOptions) =>
  t(o, { en: 'On a ticket', fi: 'Tiketissä', da: 'I en sag' });

export const onTheBoard = (o?: MessageOptions) =>
  t(o, { en: 'On the board', fi: 'Taululla', da: 'På tavlen' });

// What each key does.

export const helpNext = (o?: MessageOptions) =>
  t(o, {
    en: 'Next ticket (in a list or on the board; on a ticket: open the next)',
    fi: 'Seuraava tiketti (listassa tai taululla; tiketissä: avaa seuraava)',
    da: 'Næste sag (i en liste eller på tavlen; i en sag: åbn den næste)'
  });

export const helpPrevious = (o?: MessageOptions) =>
  t(o, { en: 'Previous ticket', fi: 'Edellinen tiketti', da: 'Forrige sag' });

export const helpOpen = (o?: MessageOptions) =>
  t(o, {
    en: 'Open the focused ticket',
    fi: 'Avaa valittu tiketti',
    da: 'Åbn den valgte sag'
  });

export const helpSearch = (o?: MessageOptions) =>
  t(o, {
    en: 'Search by subject or #number',
    fi: 'Hae aiheella tai #numerolla',
    da: 'Søg på emne eller #nummer'
  });

export const helpAssignMe = (o?: MessageOptions) =>
  t(o, {
    en: 'Assign the focused or open ticket to me',
    fi: 'Ota valittu tai avoinna oleva tiketti itselle',
    da: 'Tildel den valgte eller åbne sag til mig'
  });

export const helpGoBoard = (o?: MessageOptions) =>
  t(o, { en: 'Go to the board', fi: 'Siirry taululle', da: 'Gå til tavlen' });

export const helpGoLists = (o?: MessageOptions) =>
  t(o, {
    en: 'Go to my open tickets',
    fi: 'Siirry omiin avoimiin tiketteihin',
    da: 'Gå til mine åbne sager'
  });

export const helpGoTriage = (o?: MessageOptions) =>
  t(o, { en: 'Go to triage', fi: 'Siirry lajitteluun', da: 'Gå til sortering' });

export const helpHelp = (o?: MessageOptions) =>
  t(o, { en: 'Show this list', fi: 'Näytä tämä lista', da: 'Vis denne liste' });

export const helpReply = (o?: MessageOptions) =>
  t(o, {
    en: 'Write a public reply',
    fi: 'Kirjoita julkinen vastaus',
    da: 'Skriv et offentligt svar'
  });

export const helpNote = (o?: MessageOptions) =>
  t(o, {
    en: 'Write an internal note',
    fi: 'Kirjoita sisäinen muistiinpano',
    da: 'Skriv en intern note'
  });

export const helpStatus = (o?: MessageOptions) =>
  t(o, { en: 'Change the status', fi: 'Vaihda tila', da: 'Skift status' });

export const helpSend = (o?: MessageOptions) =>
  t(o, {
    en: 'Send the reply or note',
    fi: 'Lähetä vastaus tai muistiinpano',
    da: 'Send svaret eller noten'
  });

export const helpLeaveField = (o?: MessageOptions) =>
  t(o, {
    en: 'Leave the text field; again: back to the list',
    fi: 'Poistu tekstikentästä; uudelleen: takaisin listaan',
    da: 'Forlad tekstfeltet; igen: tilbage til listen'
  });

export const helpMoveLeft = (o?: MessageOptions) =>
  t(o, {
    en: 'Move the focused card one status left',
    fi: 'Siirrä valittu kortti yksi tila vasemmalle',
    da: 'Flyt det valgte kort én status til venstre'
  });

export const helpMoveRight = (o?: MessageOptions) =>
  t(o, {
    en: 'Move the focused card one status right',
    fi: 'Siirrä valittu kortti yksi tila oikealle',
    da: 'Flyt det valgte kort én status til højre'
  });

export const helpCardUpDown = (o?: MessageOptions) =>
  t(o, {
    en: 'Previous or next card in the column',
    fi: 'Sarakkeen edellinen tai seuraava kortti',
    da: 'Forrige eller næste kort i kolonnen'
  });

// What a shortcut says when it cannot act.

export const lastTicket = (o?: MessageOptions) =>
  t(o, {
    en: 'This is the last ticket.',
    fi: 'Tämä on viimeinen tiketti.',
    da: 'Dette er den sidste sag.'
  });

export const firstTicket = (o?: MessageOptions) =>
  t(o, {
    en: 'This is the first ticket.',
    fi: 'Tämä on ensimmäinen tiketti.',
    da: 'Dette er den første sag.'
  });

export const alreadyMine = (o?: MessageOptions) =>
  t(o, {
    en: 'This ticket is already yours.',
    fi: 'Tämä tiketti on jo sinulla.',
    da: 'Denne sag er allerede din.'
  });

export const ticketAlreadyMine = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.ticket} is already yours.`,
    fi: `Tiketti ${p.ticket} on jo sinulla.`,
    da: `Sag ${p.ticket} er allerede din.`
  });

export const focusTicketFirst = (o?: MessageOptions) =>
  t(o, {
    en: 'Focus a ticket first (j / k), then press a.',
    fi: 'Valitse ensin tiketti (j / k) ja paina sitten a.',
    da: 'Vælg først en sag (j / k), og tryk så a.'
  });

export const notOffline = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.ticket} is not available offline.`,
    fi: `Tiketti ${p.ticket} ei ole käytettävissä ilman yhteyttä.`,
    da: `Sag ${p.ticket} er ikke tilgængelig offline.`
  });

export const couldNotUndo = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, {
    en: `Could not undo ${p.ticket}`,
    fi: `Tiketin ${p.ticket} muutoksen peruminen epäonnistui`,
    da: `Ændringen af sag ${p.ticket} kunne ikke fortrydes`
  });

export const couldNotAssign = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, {
    en: `Could not assign ${p.ticket}`,
    fi: `Tiketin ${p.ticket} ottaminen itselle epäonnistui`,
    da: `Sag ${p.ticket} kunne ikke tildeles`
  });

export const openTicketForStatus = (o?: MessageOptions) =>
  t(o, {
    en: 'Open a ticket to change its status (s).',
    fi: 'Avaa tiketti, niin voit vaihtaa sen tilan (s).',
    da: 'Åbn en sag for at skifte dens status (s).'
  });

export const openTicketToReply = (o?: MessageOptions) =>
  t(o, {
    en: 'Open a ticket to reply (r).',
    fi: 'Avaa tiketti, niin voit vastata (r).',
    da: 'Åbn en sag for at svare (r).'
  });

export const openTicketForNote = (o?: MessageOptions) =>
  t(o, {
    en: 'Open a ticket to write a note (n).',
    fi: 'Avaa tiketti, niin voit kirjoittaa muistiinpanon (n).',
    da: 'Åbn en sag for at skrive en note (n).'
  });
