/**
 * @mentions and side conversations (fi "sivukeskustelu", da "sidesamtale"): the member picker
 * in notes and side messages, the side conversations on a ticket, the Mentions tab of the inbox.
 */
import { plural, t, type MessageOptions } from '../runtime';

export const mentionSuggestions = (o?: MessageOptions) =>
  t(o, {
    en: 'Members to mention',
    fi: 'Mainittavat jäsenet',
    da: 'Medlemmer, der kan nævnes'
  });

export const mentionHint = (o?: MessageOptions) =>
  t(o, {
    en: 'Type @ to mention a colleague: they are notified.',
    fi: 'Kirjoita @ mainitaksesi kollegan: hän saa ilmoituksen.',
    da: 'Skriv @ for at nævne en kollega: vedkommende får besked.'
  });

export const noMemberMatches = (o?: MessageOptions) =>
  t(o, {
    en: 'No member matches.',
    fi: 'Yksikään jäsen ei vastaa hakua.',
    da: 'Intet medlem passer til søgningen.'
  });

export const mentionsCount = (p: { count: number }, o?: MessageOptions) =>
  plural(p.count, o, {
    en: { one: '1 member is notified', other: `${p.count} members are notified` },
    fi: { one: '1 jäsen saa ilmoituksen', other: `${p.count} jäsentä saa ilmoituksen` },
    da: { one: '1 medlem får besked', other: `${p.count} medlemmer får besked` }
  });

// Side conversations

export const sideConversationsTitle = (o?: MessageOptions) =>
  t(o, { en: 'Side conversations', fi: 'Sivukeskustelut', da: 'Sidesamtaler' });

export const sideConversationsIntro = (o?: MessageOptions) =>
  t(o, {
    en: 'Internal chats about this ticket with colleagues or an expert. The customer never sees them.',
    fi: 'Sisäisiä keskusteluja tästä tiketistä kollegoiden tai asiantuntijan kanssa. Asiakas ei näe niitä.',
    da: 'Interne samtaler om denne sag med kolleger eller en ekspert. Kunden ser dem aldrig.'
  });

export const startSideConversation = (o?: MessageOptions) =>
  t(o, {
    en: 'Start a side conversation',
    fi: 'Aloita sivukeskustelu',
    da: 'Start en sidesamtale'
  });

export const sideSubject = (o?: MessageOptions) => t(o, { en: 'Subject', fi: 'Aihe', da: 'Emne' });

export const sideWith = (o?: MessageOptions) => t(o, { en: 'With', fi: 'Kenen kanssa', da: 'Med' });

export const sideFirstMessage = (o?: MessageOptions) =>
  t(o, { en: 'Message', fi: 'Viesti', da: 'Besked' });

export const sideStart = (o?: MessageOptions) => t(o, { en: 'Start', fi: 'Aloita', da: 'Begynd' });

export const sideCancel = (o?: MessageOptions) =>
  t(o, { en: 'Cancel', fi: 'Peruuta', da: 'Annuller' });

export const sideAnswer = (o?: MessageOptions) => t(o, { en: 'Answer', fi: 'Vastaa', da: 'Svar' });

export const sideAnswerLabel = (p: { subject: string }, o?: MessageOptions) =>
  t(o, {
    en: `Answer in “${p.subject}”`,
    fi: `Vastaa keskusteluun ”${p.subject}”`,
    da: `Svar i “${p.subject}”`
  });

export const sideParticipants = (p: { names: string }, o?: MessageOptions) =>
  t(o, {
    en: `With ${p.names}`,
    fi: `Mukana: ${p.names}`,
    da: `Med ${p.names}`
  });

export const sideAddPeople = (o?: MessageOptions) =>
  t(o, { en: 'Add people', fi: 'Lisää henkilöitä', da: 'Tilføj personer' });

export const sideAddTo = (p: { subject: string }, o?: MessageOptions) =>
  t(o, {
    en: `Add to “${p.subject}”`,
    fi: `Lisää keskusteluun ”${p.subject}”`,
    da: `Tilføj til “${p.subject}”`
  });

export const sideAdd = (o?: MessageOptions) => t(o, { en: 'Add', fi: 'Lisää', da: 'Tilføj' });

export const sideEveryoneIn = (o?: MessageOptions) =>
  t(o, {
    en: 'Every member is in this conversation already.',
    fi: 'Kaikki jäsenet ovat jo mukana keskustelussa.',
    da: 'Alle medlemmer er allerede med i samtalen.'
  });

/** The line in a side conversation when someone was added to it later. */
export const sideAdded = (p: { who: string; names: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.who} added ${p.names}`,
    fi: `${p.who} lisäsi keskusteluun: ${p.names}`,
    da: `${p.who} tilføjede ${p.names}`
  });

export const couldNotAddPeople = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not add them to the conversation.',
    fi: 'Henkilöitä ei voitu lisätä keskusteluun.',
    da: 'De kunne ikke føjes til samtalen.'
  });

export const sideNotParticipant = (o?: MessageOptions) =>
  t(o, {
    en: 'You read this conversation; only those in it write here.',
    fi: 'Voit lukea tämän keskustelun; vain siihen kutsutut kirjoittavat.',
    da: 'Du kan læse samtalen; kun deltagerne skriver her.'
  });

export const noSideConversations = (o?: MessageOptions) =>
  t(o, {
    en: 'No side conversations yet.',
    fi: 'Sivukeskusteluja ei vielä ole.',
    da: 'Ingen sidesamtaler endnu.'
  });

export const couldNotStartSideConversation = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not start the side conversation.',
    fi: 'Sivukeskustelua ei voitu aloittaa.',
    da: 'Sidesamtalen kunne ikke startes.'
  });

export const couldNotSendSideMessage = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not send the message.',
    fi: 'Viestiä ei voitu lähettää.',
    da: 'Beskeden kunne ikke sendes.'
  });

export const sideProblem = (
  problem:
    | 'empty-subject'
    | 'no-participants'
    | 'empty-message'
    | 'not-found'
    | 'not-allowed'
    | 'too-many',
  o?: MessageOptions
) =>
  t(
    o,
    {
      'empty-subject': {
        en: 'Give the conversation a subject.',
        fi: 'Anna keskustelulle aihe.',
        da: 'Giv samtalen et emne.'
      },
      'no-participants': {
        en: 'Choose whom to talk with (up to 20).',
        fi: 'Valitse, kenen kanssa keskustelet (enintään 20).',
        da: 'Vælg, hvem du vil tale med (højst 20).'
      },
      'empty-message': { en: 'Write a message.', fi: 'Kirjoita viesti.', da: 'Skriv en besked.' },
      'not-found': {
        en: 'This conversation is not on the ticket.',
        fi: 'Tätä keskustelua ei ole tiketissä.',
        da: 'Samtalen findes ikke på sagen.'
      },
      'too-many': {
        en: 'A side conversation holds at most 40 members.',
        fi: 'Sivukeskustelussa voi olla enintään 40 jäsentä.',
        da: 'En sidesamtale kan have højst 40 medlemmer.'
      },
      'not-allowed': {
        en: 'Only those in the conversation write here.',
        fi: 'Vain keskustelun osallistujat kirjoittavat tähän.',
        da: 'Kun samtalens deltagere skriver her.'
      }
    }[problem]
  );

// The inbox

export const inboxAll = (o?: MessageOptions) => t(o, { en: 'All', fi: 'Kaikki', da: 'Alle' });

export const inboxMentions = (o?: MessageOptions) =>
  t(o, { en: 'Mentions', fi: 'Maininnat', da: 'Omtaler' });

export const inboxFilter = (o?: MessageOptions) =>
  t(o, {
    en: 'Show notifications',
    fi: 'Näytä ilmoitukset',
    da: 'Vis notifikationer'
  });

export const noMentions = (o?: MessageOptions) =>
  t(o, {
    en: 'Nobody has mentioned you yet. Notes and side conversations that mention you show up here.',
    fi: 'Kukaan ei ole vielä maininnut sinua. Sinut mainitsevat muistiinpanot ja sivukeskustelut näkyvät täällä.',
    da: 'Ingen har nævnt dig endnu. Noter og sidesamtaler, der nævner dig, vises her.'
  });
