/**
 * The ticket page: header, quick actions, composer, properties, handover note, presence and
 * the activity log. Words follow `docs/glossary.md` (tiketti, käsittelijä, luovutus… / sag,
 * ansvarlig, overdragelse…).
 *
 * An activity line is one sentence per kind with the actor as a parameter, since Finnish and
 * Danish place the names and values differently (`activitySentence`).
 */
import {
  TICKET_PRIORITIES,
  type ActivityEntry,
  type TicketChannel,
  type TicketPriority
} from '../../domain/schema';
import { isTicketStatus } from '../../domain/ticket-status';
import { SLA_METRICS, type SlaMetric } from '../../domain/sla';
import type { Locale } from '../locales';
import { localeFor, plural, t, type MessageOptions, type Texts } from '../runtime';
import { formatDate } from '../format';
import { priorityLabel, statusLabel } from './common';
import { metricLabel } from './sla';
import { automationActivity } from './automations';
import { automationEffects } from '../../domain/automation-record';

const listFormats = new Map<Locale, Intl.ListFormat>();

/** `Aino, Joy and Liam` / `Aino, Joy ja Liam` / `Aino, Joy og Liam`. */
function listOf(items: readonly string[], o: MessageOptions | undefined): string {
  const locale = localeFor(o);
  let format = listFormats.get(locale);
  if (!format) listFormats.set(locale, (format = new Intl.ListFormat(locale)));
  return format.format(items);
}

/** Puts a parameter into a text that `plural` chose (split/join: no `$&` surprises). */
function fill(text: string, name: string, value: string): string {
  return text.split(`{${name}}`).join(value);
}

export const ticketPageTitle = (o?: MessageOptions) =>
  t(o, { en: 'Ticket · Baton', fi: 'Tiketti · Baton', da: 'Sag · Baton' });

// Header -------------------------------------------------------------------------------------

/** Beside a provisional reference (`P-7K2M9Q`) until the server gives the ticket its number. */
export const numberPending = (o?: MessageOptions) =>
  t(o, { en: 'number pending', fi: 'numero tulossa', da: 'nummer på vej' });

/**
 * How a ticket came in, as an adverb each language places itself (`via email`,
 * `sähköpostitse`, `via e-mail`); used as the `via` of `openedVia` / `openedViaBy`.
 */
export const viaChannel = (channel: TicketChannel, o?: MessageOptions) => {
  const texts: Record<TicketChannel, Texts> = {
    email: { en: 'via email', fi: 'sähköpostitse', da: 'via e-mail' },
    web: { en: 'via the web', fi: 'verkon kautta', da: 'via web' },
    phone: { en: 'by phone', fi: 'puhelimitse', da: 'via telefon' },
    // same in all languages: Danish says "via chat" too
    chat: { en: 'via chat', fi: 'chatissa', da: 'via chat' },
    internal: { en: 'internally', fi: 'sisäisesti', da: 'internt' }
  };
  return t(o, texts[channel]);
};

export const openedVia = (p: { ago: string; via: string }, o?: MessageOptions) =>
  t(o, {
    en: `Opened ${p.ago} ${p.via}`,
    fi: `Avattu ${p.ago} ${p.via}`,
    da: `Oprettet ${p.ago} ${p.via}`
  });

export const openedViaBy = (
  p: { ago: string; via: string; requester: string },
  o?: MessageOptions
) =>
  t(o, {
    en: `Opened ${p.ago} ${p.via} by ${p.requester}`,
    fi: `Pyytäjä ${p.requester} avasi tiketin ${p.ago} ${p.via}`,
    da: `Oprettet ${p.ago} ${p.via} af ${p.requester}`
  });

/** Who did something when the member or customer is not known here any more. */
export const someone = (o?: MessageOptions) => t(o, { en: 'Someone', fi: 'Joku', da: 'Nogen' });

// Quick actions (the phone's thumb bar) and shared buttons -------------------------------------

export const quickActions = (o?: MessageOptions) =>
  t(o, { en: 'Quick actions', fi: 'Pikatoiminnot', da: 'Hurtige handlinger' });

/** The verb on a button that starts a reply. */
export const replyAction = (o?: MessageOptions) => t(o, { en: 'Reply', fi: 'Vastaa', da: 'Svar' });

/** The button that starts an internal note. */
export const noteAction = (o?: MessageOptions) =>
  t(o, { en: 'Note', fi: 'Muistiinpano', da: 'Intern note' });

/** Assign the ticket to oneself. */
export const takeIt = (o?: MessageOptions) =>
  t(o, { en: 'Take it', fi: 'Ota itselle', da: 'Tag den' });

// Errors (the toast reads "<context>: <reason>") -----------------------------------------------

export const couldNotAssign = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not assign the ticket',
    fi: 'Käsittelijän vaihto epäonnistui',
    da: 'Sagen kunne ikke tildeles'
  });

export const couldNotChangeStatus = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not change the status',
    fi: 'Tilan muutos epäonnistui',
    da: 'Status kunne ikke ændres'
  });

export const couldNotChangePriority = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not change the priority',
    fi: 'Prioriteetin muutos epäonnistui',
    da: 'Prioriteten kunne ikke ændres'
  });

export const couldNotAddTag = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not add the tag',
    fi: 'Tunnisteen lisäys epäonnistui',
    da: 'Mærket kunne ikke tilføjes'
  });

export const couldNotRemoveTag = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not remove the tag',
    fi: 'Tunnisteen poisto epäonnistui',
    da: 'Mærket kunne ikke fjernes'
  });

export const couldNotHandOver = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not hand the ticket over',
    fi: 'Tiketin luovutus epäonnistui',
    da: 'Sagen kunne ikke overdrages'
  });

export const couldNotSendReply = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not send the reply',
    fi: 'Vastauksen lähetys epäonnistui',
    da: 'Svaret kunne ikke sendes'
  });

export const couldNotAddNote = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not add the note',
    fi: 'Muistiinpanon lisäys epäonnistui',
    da: 'Noten kunne ikke tilføjes'
  });

// Layout and page states -----------------------------------------------------------------------

export const ticketDetails = (o?: MessageOptions) =>
  t(o, { en: 'Ticket details', fi: 'Tiketin tiedot', da: 'Sagsdetaljer' });

export const ticketProperties = (o?: MessageOptions) =>
  t(o, { en: 'Ticket properties', fi: 'Tiketin ominaisuudet', da: 'Sagens egenskaber' });

export const openingTicket = (o?: MessageOptions) =>
  t(o, { en: 'Opening the ticket…', fi: 'Avataan tikettiä…', da: 'Åbner sagen…' });

export const loadingTicketFromServer = (o?: MessageOptions) =>
  t(o, {
    en: 'Loading the ticket from the server…',
    fi: 'Ladataan tikettiä palvelimelta…',
    da: 'Henter sagen fra serveren…'
  });

export const notAvailableOfflineTitle = (o?: MessageOptions) =>
  t(o, {
    en: 'Not available offline',
    fi: 'Ei käytettävissä ilman yhteyttä',
    da: 'Ikke tilgængelig offline'
  });

export const notOpenedOnThisDevice = (o?: MessageOptions) =>
  t(o, {
    en: 'This ticket has not been opened on this device yet, so there is no copy of it here. It will load as soon as you are back online.',
    fi: 'Tätä tikettiä ei ole vielä avattu tällä laitteella, joten siitä ei ole täällä kopiota. Tiketti latautuu heti, kun yhteys palaa.',
    da: 'Sagen er ikke åbnet på denne enhed endnu, så der er ingen kopi af den her. Den indlæses, så snart du er online igen.'
  });

export const ticketNotFound = (o?: MessageOptions) =>
  t(o, { en: 'Ticket not found', fi: 'Tikettiä ei löytynyt', da: 'Sagen blev ikke fundet' });

export const ticketNotFoundHelp = (o?: MessageOptions) =>
  t(o, {
    en: 'The server has no ticket with this id, or you cannot see it.',
    fi: 'Palvelimella ei ole tikettiä tällä tunnisteella, tai sen katseluun ei ole oikeutta.',
    da: 'Serveren har ingen sag med dette id, eller du har ikke adgang til den.'
  });

export const backToBoard = (o?: MessageOptions) =>
  t(o, { en: 'Back to the board', fi: 'Takaisin taululle', da: 'Tilbage til tavlen' });

// Thread ---------------------------------------------------------------------------------------

export const conversation = (o?: MessageOptions) =>
  t(o, { en: 'Conversation', fi: 'Keskustelu', da: 'Samtale' });

export const customerMessage = (o?: MessageOptions) =>
  t(o, { en: 'Customer', fi: 'Asiakas', da: 'Kunde' });

export const publicReply = (o?: MessageOptions) =>
  t(o, { en: 'Public reply', fi: 'Julkinen vastaus', da: 'Offentligt svar' });

export const internalNote = (o?: MessageOptions) =>
  t(o, { en: 'Internal note', fi: 'Sisäinen muistiinpano', da: 'Intern note' });

export const noMessagesYet = (o?: MessageOptions) =>
  t(o, { en: 'No messages yet.', fi: 'Ei vielä viestejä.', da: 'Ingen beskeder endnu.' });

// Composer -------------------------------------------------------------------------------------

export const composerLabel = (o?: MessageOptions) =>
  t(o, {
    en: 'Write a reply or note',
    fi: 'Kirjoita vastaus tai muistiinpano',
    da: 'Skriv et svar eller en note'
  });

export const messageType = (o?: MessageOptions) =>
  t(o, { en: 'Message type', fi: 'Viestin tyyppi', da: 'Beskedtype' });

/** The composer's mode: a public reply (a noun, beside "Internal note"). */
export const replyMode = (o?: MessageOptions) => t(o, { en: 'Reply', fi: 'Vastaus', da: 'Svar' });

export const replyDraftLabel = (o?: MessageOptions) =>
  t(o, {
    en: 'Public reply (shared draft)',
    fi: 'Julkinen vastaus (yhteinen luonnos)',
    da: 'Offentligt svar (fælles udkast)'
  });

export const replyPlaceholder = (o?: MessageOptions) =>
  t(o, {
    en: 'Write a reply to the customer… (shared live with your team)',
    fi: 'Kirjoita vastaus asiakkaalle… (tiimi näkee luonnoksen reaaliajassa)',
    da: 'Skriv et svar til kunden… (deles live med dit team)'
  });

export const recipientsSummary = (o?: MessageOptions) =>
  t(o, { en: 'To / CC', fi: 'Vastaanottaja / kopio', da: 'Til / Cc' });

export const recipientsHint = (o?: MessageOptions) =>
  t(o, {
    en: 'Leave empty to reply to the customer and everyone on their last message.',
    fi: 'Jätä tyhjäksi, niin vastaus menee asiakkaalle ja kaikille hänen viimeisimmän viestinsä vastaanottajille.',
    da: 'Lad felterne være tomme for at svare kunden og alle på kundens seneste besked.'
  });

export const toField = (o?: MessageOptions) => t(o, { en: 'To', fi: 'Vastaanottaja', da: 'Til' });

export const ccField = (o?: MessageOptions) => t(o, { en: 'CC', fi: 'Kopio', da: 'Cc' });

export const noteLabel = (o?: MessageOptions) =>
  t(o, {
    en: 'Internal note (only your team sees it)',
    fi: 'Sisäinen muistiinpano (näkyy vain tiimille)',
    da: 'Intern note (kun dit team kan se den)'
  });

export const notePlaceholder = (o?: MessageOptions) =>
  t(o, {
    en: 'Write an internal note… (only your team sees it)',
    fi: 'Kirjoita sisäinen muistiinpano… (näkyy vain tiimille)',
    da: 'Skriv en intern note… (kun dit team kan se den)'
  });

/** `<kbd>` marks key names; rendered by `RichText`. */
export const sendShortcut = (o?: MessageOptions) =>
  t(o, {
    en: '<kbd>Ctrl</kbd>+<kbd>Enter</kbd> to send',
    fi: '<kbd>Ctrl</kbd>+<kbd>Enter</kbd> lähettää',
    da: '<kbd>Ctrl</kbd>+<kbd>Enter</kbd> sender'
  });

export const sendReply = (o?: MessageOptions) =>
  t(o, { en: 'Send reply', fi: 'Lähetä vastaus', da: 'Send svar' });

export const addNote = (o?: MessageOptions) =>
  t(o, { en: 'Add note', fi: 'Lisää muistiinpano', da: 'Tilføj note' });

/** Who is writing in the shared reply draft right now: `Aino and Joy are typing a reply…`. */
export const typingReply = (p: { names: readonly string[] }, o?: MessageOptions) =>
  fill(
    plural(p.names.length, o, {
      en: { one: '{names} is typing a reply…', other: '{names} are typing a reply…' },
      fi: { one: '{names} kirjoittaa vastausta…', other: '{names} kirjoittavat vastausta…' },
      da: { one: '{names} skriver et svar…', other: '{names} skriver et svar…' }
    }),
    'names',
    listOf(p.names, o)
  );

// Recipients (the To and CC fields) -------------------------------------------------------------

export const recipientsNeedTo = (o?: MessageOptions) =>
  t(o, {
    en: 'Add at least one address to To.',
    fi: 'Lisää vähintään yksi osoite Vastaanottaja-kenttään.',
    da: 'Tilføj mindst én adresse i Til.'
  });

export const notAnEmailAddress = (p: { address: string }, o?: MessageOptions) =>
  t(o, {
    en: `"${p.address}" is not an email address.`,
    fi: `”${p.address}” ei ole sähköpostiosoite.`,
    da: `»${p.address}« er ikke en e-mailadresse.`
  });

export const tooManyRecipients = (p: { max: string }, o?: MessageOptions) =>
  t(o, {
    en: `At most ${p.max} addresses in To and in CC.`,
    fi: `Enintään ${p.max} osoitetta Vastaanottaja- ja Kopio-kenttään.`,
    da: `Højst ${p.max} adresser i Til og i Cc.`
  });

// Properties -----------------------------------------------------------------------------------

export const detailsTitle = (o?: MessageOptions) =>
  t(o, { en: 'Details', fi: 'Tiedot', da: 'Detaljer' });

// Danish says "Status" too; Finnish differs.
// same in all languages
export const statusField = (o?: MessageOptions) => t(o, { en: 'Status', fi: 'Tila', da: 'Status' });

export const priorityField = (o?: MessageOptions) =>
  t(o, { en: 'Priority', fi: 'Prioriteetti', da: 'Prioritet' });

export const assigneeField = (o?: MessageOptions) =>
  t(o, { en: 'Assignee', fi: 'Käsittelijä', da: 'Ansvarlig' });

export const requesterField = (o?: MessageOptions) =>
  t(o, { en: 'Requester', fi: 'Pyytäjä', da: 'Anmoder' });

export const noRequester = (o?: MessageOptions) =>
  t(o, { en: 'No requester', fi: 'Ei pyytäjää', da: 'Ingen anmoder' });

export const noTags = (o?: MessageOptions) =>
  t(o, { en: 'No tags', fi: 'Ei tunnisteita', da: 'Ingen mærker' });

export const removeTag = (p: { tag: string }, o?: MessageOptions) =>
  t(o, {
    en: `Remove tag ${p.tag}`,
    fi: `Poista tunniste ${p.tag}`,
    da: `Fjern mærket ${p.tag}`
  });

export const addTagLabel = (o?: MessageOptions) =>
  t(o, { en: 'Add a tag', fi: 'Lisää tunniste', da: 'Tilføj et mærke' });

export const addButton = (o?: MessageOptions) => t(o, { en: 'Add', fi: 'Lisää', da: 'Tilføj' });

export const invalidTag = (p: { max: string }, o?: MessageOptions) =>
  t(o, {
    en: `Tags are one word, without spaces or commas (at most ${p.max} characters).`,
    fi: `Tunniste on yksi sana ilman välilyöntejä tai pilkkuja (enintään ${p.max} merkkiä).`,
    da: `Et mærke er ét ord uden mellemrum eller kommaer (højst ${p.max} tegn).`
  });

// Handover -------------------------------------------------------------------------------------

export const handoverTitle = (o?: MessageOptions) =>
  t(o, { en: 'Handover note', fi: 'Luovutusmuistiinpano', da: 'Overdragelsesnote' });

export const handoverTextLabel = (o?: MessageOptions) =>
  t(o, {
    en: 'Handover note for the next shift',
    fi: 'Luovutusmuistiinpano seuraavalle vuorolle',
    da: 'Overdragelsesnote til næste vagt'
  });

export const handoverPlaceholder = (o?: MessageOptions) =>
  t(o, {
    en: 'What should the next person know? (shared live)',
    fi: 'Mitä seuraavan pitää tietää? (jaettu reaaliajassa)',
    da: 'Hvad skal den næste vide? (deles live)'
  });

export const handoverSigned = (p: { by: string; ago: string }, o?: MessageOptions) =>
  t(o, {
    en: `Signed by ${p.by} ${p.ago}.`,
    fi: `Kuitannut ${p.by} ${p.ago}.`,
    da: `Underskrevet af ${p.by} ${p.ago}.`
  });

export const handoverSignedFor = (p: { by: string; ago: string; to: string }, o?: MessageOptions) =>
  t(o, {
    en: `Signed by ${p.by} ${p.ago}, for ${p.to}.`,
    fi: `Kuitannut ${p.by} ${p.ago}, vastaanottaja ${p.to}.`,
    da: `Underskrevet af ${p.by} ${p.ago}, til ${p.to}.`
  });

export const handOverTo = (o?: MessageOptions) =>
  t(o, { en: 'Hand over to', fi: 'Luovuta käyttäjälle', da: 'Overdrag til' });

export const handOverToAnyone = (o?: MessageOptions) =>
  t(o, {
    en: 'Hand over to… (anyone)',
    fi: 'Luovuta… (kenelle tahansa)',
    da: 'Overdrag til… (hvem som helst)'
  });

/** A member in the handover list, with their own local time. */
export const memberOnShift = (p: { name: string; time: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.name} — on shift (${p.time})`,
    fi: `${p.name} — vuorossa (${p.time})`,
    da: `${p.name} — på vagt (${p.time})`
  });

export const memberOffShift = (p: { name: string; time: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.name} — off (${p.time})`,
    fi: `${p.name} — ei vuorossa (${p.time})`,
    da: `${p.name} — ikke på vagt (${p.time})`
  });

export const handOver = (o?: MessageOptions) =>
  t(o, { en: 'Hand over', fi: 'Luovuta', da: 'Overdrag' });

export const handedOverTo = (p: { name: string }, o?: MessageOptions) =>
  t(o, {
    en: `Handed over to ${p.name}.`,
    fi: `Luovutettu käyttäjälle ${p.name}.`,
    da: `Overdraget til ${p.name}.`
  });

export const handoverNoteSigned = (o?: MessageOptions) =>
  t(o, {
    en: 'Handover note signed.',
    fi: 'Luovutusmuistiinpano kuitattu.',
    da: 'Overdragelsesnoten er underskrevet.'
  });

// Presence -------------------------------------------------------------------------------------

export const nobodyElseHere = (o?: MessageOptions) =>
  t(o, { en: 'Nobody else is here', fi: 'Muita ei ole paikalla', da: 'Ingen andre er her' });

export const alsoViewing = (p: { names: readonly string[] }, o?: MessageOptions) =>
  fill(
    t(o, {
      en: 'Also viewing: {names}',
      fi: 'Myös katsomassa: {names}',
      da: 'Kigger også med: {names}'
    }),
    'names',
    listOf(p.names, o)
  );

export const alsoHere = (o?: MessageOptions) =>
  t(o, { en: 'Also here', fi: 'Myös paikalla', da: 'Også her' });

export const peerTyping = (p: { name: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.name} (typing)`,
    fi: `${p.name} (kirjoittaa)`,
    da: `${p.name} (skriver)`
  });

// Activity -------------------------------------------------------------------------------------

export const activityTitle = (o?: MessageOptions) =>
  t(o, { en: 'Activity', fi: 'Tapahtumat', da: 'Aktivitet' });

export const showLess = (o?: MessageOptions) =>
  t(o, { en: 'Show less', fi: 'Näytä vähemmän', da: 'Vis færre' });

export const showAll = (p: { count: string }, o?: MessageOptions) =>
  t(o, {
    en: `Show all ${p.count}`,
    fi: `Näytä kaikki ${p.count}`,
    da: `Vis alle ${p.count}`
  });

const isPriority = (v: unknown): v is TicketPriority =>
  (TICKET_PRIORITIES as readonly unknown[]).includes(v);

/**
 * One activity entry as a sentence: one text per kind (and per variant: "took it" when the
 * actor assigned themselves, "set" when there was no earlier value). `actor` is put in as
 * given (the log passes a marker to set the name in bold); member ids in values become names
 * through `nameOf`, statuses and priorities their labels.
 */
export const activitySentence = (
  entry: ActivityEntry,
  names: {
    actor: string;
    nameOf: (id: string) => string;
    /** A `field` entry's field label and values as the reader sees them (custom fields). */
    field?: (entry: ActivityEntry) => { label: string; from: string; to: string } | null;
  },
  o?: MessageOptions
): string => {
  const actor = names.actor;
  const text = (v: ActivityEntry['to']) => (v === null || v === undefined ? '' : String(v));
  const status = (v: ActivityEntry['to']) => (isTicketStatus(v) ? statusLabel(v, o) : text(v));
  const priority = (v: ActivityEntry['to']) => (isPriority(v) ? priorityLabel(v, o) : text(v));
  const hasFrom = entry.from !== null && entry.from !== undefined;
  switch (entry.kind) {
    case 'created':
      return t(o, {
        en: `${actor} created the ticket`,
        fi: `${actor} loi tiketin`,
        da: `${actor} oprettede sagen`
      });
    case 'numbered': {
      const ticket = `#${text(entry.to)}`;
      return t(o, {
        en: `${actor} numbered it ${ticket}`,
        fi: `${actor} antoi tiketille numeron ${ticket}`,
        da: `${actor} gav sagen nummer ${ticket}`
      });
    }
    case 'subject': {
      const subject = text(entry.to);
      return t(o, {
        en: `${actor} changed the subject to “${subject}”`,
        fi: `${actor} muutti aiheeksi ”${subject}”`,
        da: `${actor} ændrede emnet til »${subject}«`
      });
    }
    case 'status': {
      const to = status(entry.to);
      if (!hasFrom) {
        return t(o, {
          en: `${actor} set the status to ${to}`,
          fi: `${actor} asetti tilaksi ${to}`,
          da: `${actor} satte status til ${to}`
        });
      }
      const from = status(entry.from);
      return t(o, {
        en: `${actor} changed status from ${from} to ${to}`,
        fi: `${actor} muutti tilan: ${from} → ${to}`,
        da: `${actor} ændrede status fra ${from} til ${to}`
      });
    }
    case 'priority': {
      const to = priority(entry.to);
      if (!hasFrom) {
        return t(o, {
          en: `${actor} set the priority to ${to}`,
          fi: `${actor} asetti prioriteetiksi ${to}`,
          da: `${actor} satte prioritet til ${to}`
        });
      }
      const from = priority(entry.from);
      return t(o, {
        en: `${actor} changed priority from ${from} to ${to}`,
        fi: `${actor} muutti prioriteetin: ${from} → ${to}`,
        da: `${actor} ændrede prioritet fra ${from} til ${to}`
      });
    }
    case 'assignee': {
      if (typeof entry.to !== 'string') {
        return t(o, {
          en: `${actor} unassigned it`,
          fi: `${actor} poisti käsittelijän`,
          da: `${actor} fjernede den ansvarlige`
        });
      }
      if (entry.to === entry.actorId) {
        return t(o, {
          en: `${actor} took it`,
          fi: `${actor} otti tiketin itselleen`,
          da: `${actor} tog sagen`
        });
      }
      const assignee = names.nameOf(entry.to);
      return t(o, {
        en: `${actor} assigned it to ${assignee}`,
        fi: `${actor} antoi tiketin käyttäjälle ${assignee}`,
        da: `${actor} tildelte sagen til ${assignee}`
      });
    }
    case 'requester':
      return t(o, {
        en: `${actor} changed the requester`,
        fi: `${actor} vaihtoi pyytäjän`,
        da: `${actor} ændrede anmoderen`
      });
    case 'tag-added': {
      const tag = text(entry.to);
      return t(o, {
        en: `${actor} added tag ${tag}`,
        fi: `${actor} lisäsi tunnisteen ${tag}`,
        da: `${actor} tilføjede mærket ${tag}`
      });
    }
    case 'tag-removed': {
      const tag = text(entry.from);
      return t(o, {
        en: `${actor} removed tag ${tag}`,
        fi: `${actor} poisti tunnisteen ${tag}`,
        da: `${actor} fjernede mærket ${tag}`
      });
    }
    case 'reply':
      return t(o, {
        en: `${actor} sent a public reply`,
        fi: `${actor} lähetti julkisen vastauksen`,
        da: `${actor} sendte et offentligt svar`
      });
    case 'note':
      return t(o, {
        en: `${actor} added an internal note`,
        fi: `${actor} lisäsi sisäisen muistiinpanon`,
        da: `${actor} tilføjede en intern note`
      });
    case 'inbound':
      // The actor is the customer who wrote in.
      return t(o, {
        en: `${actor} sent a message`,
        fi: `${actor} lähetti viestin`,
        da: `${actor} sendte en besked`
      });
    case 'handover': {
      if (typeof entry.to !== 'string') {
        return t(o, {
          en: `${actor} wrote a handover note`,
          fi: `${actor} kirjoitti luovutusmuistiinpanon`,
          da: `${actor} skrev en overdragelsesnote`
        });
      }
      const to = names.nameOf(entry.to);
      return t(o, {
        en: `${actor} handed it over to ${to}`,
        fi: `${actor} luovutti tiketin käyttäjälle ${to}`,
        da: `${actor} overdrog sagen til ${to}`
      });
    }
    case 'sla-breach': {
      const metric = isSlaMetric(entry.from) ? metricLabel(entry.from, o) : text(entry.from);
      return t(o, {
        en: `${actor}: the ${metric.toLowerCase()} target was breached`,
        fi: `${actor}: tavoite ylittyi (${metric.toLowerCase()})`,
        da: `${actor}: målet for ${metric.toLowerCase()} blev overskredet`
      });
    }
    case 'routed': {
      // Routing's reason (`domain/routing.ts`): `from` the mode, `to` the skills it needed.
      const mode =
        entry.from === 'round-robin'
          ? t(o, {
              en: 'in turn among the agents on shift',
              fi: 'vuorotellen vuorossa oleville agenteille',
              da: 'på skift mellem agenterne på vagt'
            })
          : t(o, {
              en: 'to the agent on shift with the fewest open tickets',
              fi: 'vuorossa olevalle agentille, jolla on vähiten avoimia tikettejä',
              da: 'til agenten på vagt med færrest åbne sager'
            });
      const skills = text(entry.to);
      if (skills === '') {
        return t(o, {
          en: `${actor} assigned it by routing: ${mode}`,
          fi: `${actor} antoi tiketin reitityksellä: ${mode}`,
          da: `${actor} tildelte sagen ved fordeling: ${mode}`
        });
      }
      return t(o, {
        en: `${actor} assigned it by routing: ${mode}; skills needed: ${skills}`,
        fi: `${actor} antoi tiketin reitityksellä: ${mode}; vaaditut taidot: ${skills}`,
        da: `${actor} tildelte sagen ved fordeling: ${mode}; krævede færdigheder: ${skills}`
      });
    }
    case 'away': {
      // `workers/away-reassign.ts`: `from` the member who is away, `to` the kind of period.
      const away = names.nameOf(text(entry.from));
      if (entry.to === 'out-of-office') {
        return t(o, {
          en: `${actor} moved it on: ${away} is out of the office`,
          fi: `${actor} siirsi tiketin: ${away} on poissa toimistolta`,
          da: `${actor} flyttede sagen: ${away} er ikke på kontoret`
        });
      }
      return t(o, {
        en: `${actor} moved it on: ${away} is on vacation`,
        fi: `${actor} siirsi tiketin: ${away} on lomalla`,
        da: `${actor} flyttede sagen: ${away} holder ferie`
      });
    }
    case 'snooze': {
      // `snooze.ts`: `to` the time it comes back, or `from` 'ended' (the server's).
      if (entry.from === 'ended') {
        return t(o, {
          en: 'Snooze ended: the ticket is open again',
          fi: 'Siirto päättyi: tiketti on taas avoin',
          da: 'Udsættelsen er slut: sagen er åben igen'
        });
      }
      const until = typeof entry.to === 'number' ? formatDate(entry.to, 'short', o) : '';
      return t(o, {
        en: `${actor} snoozed it until ${until}`,
        fi: `${actor} siirsi tiketin myöhemmäksi: odottaa ${until} asti`,
        da: `${actor} udsatte sagen til ${until}`
      });
    }
    case 'rating': {
      // `server/surveys/answers.ts`: `from` the survey's kind, `to` the customer's score.
      if (entry.from === 'nps') {
        return t(o, {
          en: `${actor}: the customer answered the NPS survey: ${text(entry.to)}`,
          fi: `${actor}: asiakas vastasi NPS-kyselyyn: ${text(entry.to)}`,
          da: `${actor}: kunden besvarede NPS-undersøgelsen: ${text(entry.to)}`
        });
      }
      if (entry.to === 'good' || entry.to === 'bad') {
        return entry.to === 'good'
          ? t(o, {
              en: `${actor}: the customer rated the support good`,
              fi: `${actor}: asiakas arvioi tuen hyväksi`,
              da: `${actor}: kunden vurderede hjælpen som god`
            })
          : t(o, {
              en: `${actor}: the customer rated the support bad`,
              fi: `${actor}: asiakas arvioi tuen huonoksi`,
              da: `${actor}: kunden vurderede hjælpen som dårlig`
            });
      }
      return t(o, {
        en: `${actor}: the customer rated the support ${text(entry.to)} of 5`,
        fi: `${actor}: asiakas arvioi tuen: ${text(entry.to)}/5`,
        da: `${actor}: kunden vurderede hjælpen til ${text(entry.to)} af 5`
      });
    }
    case 'sla-policy': {
      // `ticket-sla.ts` `recordSlaPolicy`: `to` the policy's name when it was recorded.
      if (typeof entry.to !== 'string') {
        return t(o, {
          en: `${actor}: no service level applies any more`,
          fi: `${actor}: mikään palvelutaso ei ole enää voimassa`,
          da: `${actor}: intet serviceniveau gælder længere`
        });
      }
      const policy = entry.to;
      return t(o, {
        en: `${actor}: service level “${policy}” applies`,
        fi: `${actor}: palvelutaso ”${policy}” on voimassa`,
        da: `${actor}: serviceniveauet »${policy}« gælder`
      });
    }
    case 'merge':
    case 'split': {
      // `merge.ts`: `from` the side, `to` the other ticket's id (its label through `nameOf`).
      const other = names.nameOf(text(entry.to));
      if (entry.kind === 'merge' && entry.from === 'into') {
        return t(o, {
          en: `${actor} merged this ticket into ${other}`,
          fi: `${actor} yhdisti tämän tiketin tikettiin ${other}`,
          da: `${actor} flettede denne sag ind i sag ${other}`
        });
      }
      if (entry.kind === 'merge' && entry.from === 'from') {
        return t(o, {
          en: `${actor} merged ${other} into this ticket`,
          fi: `${actor} yhdisti tiketin ${other} tähän tikettiin`,
          da: `${actor} flettede sag ${other} ind i denne sag`
        });
      }
      if (entry.kind === 'merge') {
        return t(o, {
          en: `${actor} undid the merge with ${other}`,
          fi: `${actor} perui yhdistämisen tiketin ${other} kanssa`,
          da: `${actor} fortrød fletningen med sag ${other}`
        });
      }
      if (entry.from === 'to') {
        return t(o, {
          en: `${actor} split messages off into ${other}`,
          fi: `${actor} erotti viestejä tikettiin ${other}`,
          da: `${actor} udskilte beskeder til sag ${other}`
        });
      }
      if (entry.from === 'from') {
        return t(o, {
          en: `${actor} split this ticket off ${other}`,
          fi: `${actor} erotti tämän tiketin tiketistä ${other}`,
          da: `${actor} udskilte denne sag fra sag ${other}`
        });
      }
      return t(o, {
        en: `${actor} undid the split with ${other}`,
        fi: `${actor} perui erottamisen tiketin ${other} kanssa`,
        da: `${actor} fortrød udskillelsen med sag ${other}`
      });
    }
    case 'article-inserted':
      // `article-link.ts`: `from` the article's id, `to` 'link' or 'text'.
      return entry.to === 'text'
        ? t(o, {
            en: `${actor} put a knowledge-base article's text into the reply`,
            fi: `${actor} lisäsi vastaukseen tietämyskannan artikkelin tekstin`,
            da: `${actor} satte teksten fra en artikel i vidensbasen ind i svaret`
          })
        : t(o, {
            en: `${actor} put a link to a knowledge-base article into the reply`,
            fi: `${actor} lisäsi vastaukseen linkin tietämyskannan artikkeliin`,
            da: `${actor} satte et link til en artikel i vidensbasen ind i svaret`
          });
    case 'automation':
      // `automation.ts`: `from` the rule's name, `to` what it did; the actor is Baton.
      return automationActivity(entry, automationEffects(entry.to), o);
    case 'field': {
      // A custom field's value; the field's label and the values as the reader sees them.
      const shown = names.field?.(entry) ?? {
        label: entry.field ?? '',
        from: text(entry.from),
        to: text(entry.to)
      };
      const label = shown.label;
      if (shown.to === '') {
        return t(o, {
          en: `${actor} cleared ${label}`,
          fi: `${actor} tyhjensi kentän ${label}`,
          da: `${actor} ryddede feltet ${label}`
        });
      }
      if (shown.from === '') {
        return t(o, {
          en: `${actor} set ${label} to ${shown.to}`,
          fi: `${actor} asetti kentän ${label} arvoksi ${shown.to}`,
          da: `${actor} satte ${label} til ${shown.to}`
        });
      }
      return t(o, {
        en: `${actor} changed ${label} from ${shown.from} to ${shown.to}`,
        fi: `${actor} muutti kentän ${label}: ${shown.from} → ${shown.to}`,
        da: `${actor} ændrede ${label} fra ${shown.from} til ${shown.to}`
      });
    }
  }
};

function isSlaMetric(value: unknown): value is SlaMetric {
  return (SLA_METRICS as readonly unknown[]).includes(value);
}

// What went wrong with a change to a ticket (`TicketError.problem`, see `state/ticket-problems.ts`).

export const problemNotATicket = (o?: MessageOptions) =>
  t(o, {
    en: 'This ticket has not reached this device yet. Try again in a moment.',
    fi: 'Tiketti ei ole vielä tullut tälle laitteelle. Yritä hetken päästä uudelleen.',
    da: 'Sagen er ikke nået frem til denne enhed endnu. Prøv igen om lidt.'
  });

export const problemAlreadyCreated = (o?: MessageOptions) =>
  t(o, {
    en: 'This ticket already exists.',
    fi: 'Tiketti on jo olemassa.',
    da: 'Sagen findes allerede.'
  });

export const problemInvalidTicket = (o?: MessageOptions) =>
  t(o, {
    en: 'The ticket could not be created: check the subject and the fields.',
    fi: 'Tikettiä ei voitu luoda: tarkista aihe ja kentät.',
    da: 'Sagen kunne ikke oprettes: tjek emnet og felterne.'
  });

export const problemInvalidTag = (p: { tag: string }, o?: MessageOptions) =>
  t(o, {
    en: `“${p.tag}” is not a tag: tags have no spaces or commas and at most 40 characters.`,
    fi: `”${p.tag}” ei kelpaa tunnisteeksi: tunnisteessa ei ole välilyöntejä eikä pilkkuja, ja siinä on enintään 40 merkkiä.`,
    da: `“${p.tag}” er ikke et gyldigt mærke: mærker har ingen mellemrum eller kommaer og højst 40 tegn.`
  });

export const problemTooManyTags = (p: { max: number }, o?: MessageOptions) =>
  t(o, {
    en: `A ticket has at most ${p.max} tags.`,
    fi: `Tiketillä voi olla enintään ${p.max} tunnistetta.`,
    da: `En sag kan højst have ${p.max} mærker.`
  });

export const problemEmptyMessage = (o?: MessageOptions) =>
  t(o, {
    en: 'A message needs some text (at most 100,000 characters).',
    fi: 'Viestissä pitää olla tekstiä (enintään 100 000 merkkiä).',
    da: 'En besked skal have noget tekst (højst 100.000 tegn).'
  });

export const problemInvalidHandover = (o?: MessageOptions) =>
  t(o, {
    en: 'Hand over to a member of the workspace, or to nobody.',
    fi: 'Luovuta työtilan jäsenelle tai ei kenellekään.',
    da: 'Overdrag til et medlem af arbejdsområdet eller til ingen.'
  });

export const problemInvalidChange = (o?: MessageOptions) =>
  t(o, {
    en: 'That change is not valid for a ticket.',
    fi: 'Tätä muutosta ei voi tehdä tikettiin.',
    da: 'Den ændring er ikke gyldig for en sag.'
  });
