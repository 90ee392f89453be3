/** A new workspace's first day: the checklist on the board and the empty states that guide. */
import { plural, t, type MessageOptions } from '../runtime';
import type { FirstRunStep } from '../../state/first-run.svelte';

export const gettingStarted = (o?: MessageOptions) =>
  t(o, { en: 'Getting started', fi: 'Näin pääset alkuun', da: 'Kom godt i gang' });

/** `2 of 4 done`. */
export const stepsDone = (p: { done: number; total: number }, o?: MessageOptions) =>
  plural(p.total, o, {
    en: { one: `${p.done} of # done`, other: `${p.done} of # done` },
    fi: { one: `${p.done}/# tehty`, other: `${p.done}/# tehty` },
    da: { one: `${p.done} af # klaret`, other: `${p.done} af # klaret` }
  });

export const hideChecklist = (o?: MessageOptions) =>
  t(o, { en: 'Hide this list', fi: 'Piilota lista', da: 'Skjul listen' });

export const stepDone = (o?: MessageOptions) => t(o, { en: 'Done', fi: 'Tehty', da: 'Klaret' });

const STEP_TITLE: Record<FirstRunStep, { en: string; fi: string; da: string }> = {
  mailbox: {
    en: 'Connect your support mailbox',
    fi: 'Yhdistä tuen postilaatikko',
    da: 'Forbind jeres supportpostkasse'
  },
  invite: { en: 'Invite your team', fi: 'Kutsu tiimisi', da: 'Invitér dit team' },
  hours: {
    en: 'Set your working hours',
    fi: 'Aseta työaikasi',
    da: 'Angiv din arbejdstid'
  },
  ticket: {
    en: 'Create your first ticket',
    fi: 'Luo ensimmäinen tiketti',
    da: 'Opret din første sag'
  }
};

export const stepTitle = (step: FirstRunStep, o?: MessageOptions) => t(o, STEP_TITLE[step]);

const STEP_HELP: Record<FirstRunStep, { en: string; fi: string; da: string }> = {
  mailbox: {
    en: 'Customer email becomes tickets, and replies go out from the same address.',
    fi: 'Asiakkaiden sähköpostit muuttuvat tiketeiksi, ja vastaukset lähtevät samasta osoitteesta.',
    da: 'Kundernes e-mails bliver til sager, og svar sendes fra samme adresse.'
  },
  invite: {
    en: 'Send your colleagues a link, and choose what each of them may do.',
    fi: 'Lähetä kollegoille linkki ja valitse, mitä kukin saa tehdä.',
    da: 'Send dine kolleger et link, og vælg, hvad hver af dem må.'
  },
  hours: {
    en: 'Your time zone and hours tell the team when you are on shift.',
    fi: 'Aikavyöhyke ja työaika kertovat tiimille, milloin olet vuorossa.',
    da: 'Din tidszone og arbejdstid viser teamet, hvornår du er på vagt.'
  },
  ticket: {
    en: 'Write one down from a phone call, or try Baton out on a test ticket.',
    fi: 'Kirjaa puhelu tiketiksi tai kokeile Batonia testitiketillä.',
    da: 'Skriv et telefonopkald ned som en sag, eller prøv Baton af på en testsag.'
  }
};

export const stepHelp = (step: FirstRunStep, o?: MessageOptions) => t(o, STEP_HELP[step]);

// Empty states --------------------------------------------------------------------------------

export const emptyBoardTitle = (o?: MessageOptions) =>
  t(o, { en: 'No tickets yet', fi: 'Ei vielä tikettejä', da: 'Ingen sager endnu' });

export const emptyBoardWriter = (o?: MessageOptions) =>
  t(o, {
    en: 'Tickets arrive here from your support mailbox, or create one yourself. Each card then moves from column to column as its status changes.',
    fi: 'Tiketit saapuvat tänne tuen postilaatikosta, tai voit luoda tiketin itse. Kortti siirtyy sarakkeesta toiseen, kun tiketin tila muuttuu.',
    da: 'Sager kommer hertil fra jeres supportpostkasse, eller du kan selv oprette en. Hvert kort flytter derefter fra kolonne til kolonne, når sagens status ændres.'
  });

export const emptyBoardReader = (o?: MessageOptions) =>
  t(o, {
    en: 'Tickets show up here as soon as your team creates them or customers write in.',
    fi: 'Tiketit näkyvät täällä heti, kun tiimi luo niitä tai asiakkaat kirjoittavat.',
    da: 'Sager vises her, så snart dit team opretter dem, eller kunder skriver.'
  });

export const createTicketAction = (o?: MessageOptions) =>
  t(o, { en: 'Create a ticket', fi: 'Luo tiketti', da: 'Opret en sag' });

export const connectMailboxAction = (o?: MessageOptions) =>
  t(o, { en: 'Connect a mailbox', fi: 'Yhdistä postilaatikko', da: 'Forbind en postkasse' });

/** A list or the triage list in a workspace that has no tickets at all. */
export const noTicketsAtAll = (o?: MessageOptions) =>
  t(o, {
    en: 'There are no tickets in this workspace yet. New ones from your mailbox or your team appear here.',
    fi: 'Tässä työtilassa ei ole vielä tikettejä. Uudet tiketit postilaatikosta tai tiimiltä näkyvät täällä.',
    da: 'Der er ingen sager i dette arbejdsområde endnu. Nye sager fra postkassen eller dit team vises her.'
  });

/** The team page when the member is the only one. */
export const aloneInTeam = (o?: MessageOptions) =>
  t(o, {
    en: 'You are the only one here so far. Invite your colleagues on the members page.',
    fi: 'Olet toistaiseksi ainoa jäsen. Kutsu kollegasi jäsenet-sivulla.',
    da: 'Du er den eneste her indtil videre. Invitér dine kolleger på siden med medlemmer.'
  });

export const aloneInTeamReader = (o?: MessageOptions) =>
  t(o, {
    en: 'You are the only one here so far. An owner or admin can invite the rest of the team.',
    fi: 'Olet toistaiseksi ainoa jäsen. Omistaja tai ylläpitäjä voi kutsua muun tiimin.',
    da: 'Du er den eneste her indtil videre. En ejer eller administrator kan invitere resten af teamet.'
  });

export const inviteTeamAction = (o?: MessageOptions) =>
  t(o, { en: 'Invite your team', fi: 'Kutsu tiimisi', da: 'Invitér dit team' });

// The sign-in and sign-up pages ----------------------------------------------------------------

/** Under the product name on the sign-in and sign-up pages. */
export const productTagline = (o?: MessageOptions) =>
  t(o, {
    en: 'The helpdesk for teams that hand over across time zones. Works offline.',
    fi: 'Tukipalvelu tiimeille, jotka luovuttavat työt aikavyöhykkeeltä toiselle. Toimii ilman yhteyttä.',
    da: 'Helpdesken for teams, der overdrager arbejdet på tværs af tidszoner. Virker offline.'
  });
