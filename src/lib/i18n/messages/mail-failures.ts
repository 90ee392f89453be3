/**
 * Mail that could not become a ticket ("could not import"), the mailbox's rules for machine and
 * list mail, and what an agent is told about a message Baton could not read with certainty.
 */
import { plural, t, type MessageOptions } from '../runtime';

export const couldNotImportTitle = (o?: MessageOptions) =>
  t(o, { en: 'Could not import', fi: 'Tuonti epäonnistui', da: 'Kunne ikke importeres' });

export const couldNotImportIntro = (o?: MessageOptions) =>
  t(o, {
    en: 'Messages the mailbox delivered that could not become a ticket. Nothing is thrown away: download a message to read it, or try it again after changing the mailbox rules.',
    fi: 'Postilaatikkoon tulleet viestit, joista ei voitu tehdä tikettiä. Mitään ei heitetä pois: lataa viesti luettavaksi tai yritä uudelleen, kun olet muuttanut postilaatikon sääntöjä.',
    da: 'Beskeder, som postkassen modtog, men som ikke kunne blive til en sag. Intet smides væk: hent en besked for at læse den, eller prøv igen, når du har ændret postkassens regler.'
  });

export const couldNotImportLink = (o?: MessageOptions) =>
  t(o, {
    en: 'Messages that could not be imported',
    fi: 'Viestit, joita ei voitu tuoda',
    da: 'Beskeder, der ikke kunne importeres'
  });

export const nothingHeld = (o?: MessageOptions) =>
  t(o, {
    en: 'Every message became a ticket.',
    fi: 'Jokaisesta viestistä tuli tiketti.',
    da: 'Hver besked blev til en sag.'
  });

export const couldNotLoadHeld = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not load the messages that could not be imported',
    fi: 'Tuomatta jääneitä viestejä ei voitu ladata',
    da: 'Beskederne, der ikke kunne importeres, kunne ikke indlæses'
  });

export const heldReason = (
  p: { reason: 'empty' | 'too-large' | 'unreadable' | 'no-sender' | 'failed' },
  o?: MessageOptions
) =>
  ({
    empty: () => t(o, { en: 'Empty', fi: 'Tyhjä', da: 'Tom' }),
    'too-large': () =>
      t(o, {
        en: 'Too large to read',
        fi: 'Liian suuri luettavaksi',
        da: 'For stor til at læse'
      }),
    unreadable: () =>
      t(o, {
        en: 'Not a readable email',
        fi: 'Ei luettava sähköposti',
        da: 'Ikke en læsbar e-mail'
      }),
    'no-sender': () =>
      t(o, {
        en: 'Names no sender to answer',
        fi: 'Vastaanottajaa vastaukselle ei ole',
        da: 'Nævner ingen afsender at svare'
      }),
    failed: () =>
      t(o, {
        en: 'Failed again and again',
        fi: 'Epäonnistui toistuvasti',
        da: 'Mislykkedes igen og igen'
      })
  })[p.reason]();

export const heldFrom = (p: { sender: string }, o?: MessageOptions) =>
  t(o, { en: `From: ${p.sender}`, fi: `Lähettäjä: ${p.sender}`, da: `Fra: ${p.sender}` });

export const heldNoSubject = (o?: MessageOptions) =>
  t(o, { en: '(no subject)', fi: '(ei aihetta)', da: '(intet emne)' });

export const heldTries = (p: { count: number }, o?: MessageOptions) =>
  plural(p.count, o, {
    en: { one: 'Tried once', other: 'Tried # times' },
    fi: { one: 'Yritetty kerran', other: 'Yritetty # kertaa' },
    da: { one: 'Forsøgt én gang', other: 'Forsøgt # gange' }
  });

export const downloadRaw = (o?: MessageOptions) =>
  t(o, { en: 'Download message', fi: 'Lataa viesti', da: 'Hent besked' });

export const retryImport = (o?: MessageOptions) =>
  t(o, { en: 'Try again', fi: 'Yritä uudelleen', da: 'Prøv igen' });

export const retryImported = (o?: MessageOptions) =>
  t(o, {
    en: 'Imported: the message is a ticket now',
    fi: 'Tuotu: viestistä tuli tiketti',
    da: 'Importeret: beskeden er nu en sag'
  });

export const retryIgnored = (o?: MessageOptions) =>
  t(o, {
    en: 'The mailbox rules leave this message out',
    fi: 'Postilaatikon säännöt jättävät tämän viestin pois',
    da: 'Postkassens regler udelader denne besked'
  });

export const retryStillHeld = (o?: MessageOptions) =>
  t(o, {
    en: 'Still could not import it',
    fi: 'Tuonti epäonnistui edelleen',
    da: 'Den kunne stadig ikke importeres'
  });

export const couldNotRetry = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not try the message again',
    fi: 'Viestiä ei voitu yrittää uudelleen',
    da: 'Beskeden kunne ikke prøves igen'
  });

// Mailbox rules ---------------------------------------------------------------------------------

export const mailRules = (o?: MessageOptions) =>
  t(o, {
    en: 'Forms, ticket systems and lists',
    fi: 'Lomakkeet, tikettijärjestelmät ja listat',
    da: 'Formularer, sagssystemer og lister'
  });

export const replyToRule = (o?: MessageOptions) =>
  t(o, {
    en: 'When a message names a Reply-To address, the requester is',
    fi: 'Kun viestissä on Reply-To-osoite, pyytäjä on',
    da: 'Når en besked har en Reply-To-adresse, er anmoderen'
  });

export const replyToAlways = (o?: MessageOptions) =>
  t(o, {
    en: 'the Reply-To address, as mail programs answer',
    fi: 'Reply-To-osoite, kuten sähköpostiohjelmat vastaavat',
    da: 'Reply-To-adressen, sådan som mailprogrammer svarer'
  });

export const replyToNoReply = (o?: MessageOptions) =>
  t(o, {
    en: 'the Reply-To address only when the sender is a no-reply or form address',
    fi: 'Reply-To-osoite vain, kun lähettäjä on no-reply- tai lomakeosoite',
    da: 'Reply-To-adressen kun, når afsenderen er en no-reply- eller formularadresse'
  });

export const replyToNever = (o?: MessageOptions) =>
  t(o, {
    en: 'always the sender (From)',
    fi: 'aina lähettäjä (From)',
    da: 'altid afsenderen (From)'
  });

export const autoGeneratedRule = (o?: MessageOptions) =>
  t(o, {
    en: 'Mail marked as sent by a machine (a customer’s own ticket system, alerts)',
    fi: 'Koneen lähettämäksi merkitty posti (asiakkaan oma tikettijärjestelmä, hälytykset)',
    da: 'Post markeret som sendt af en maskine (kundens eget sagssystem, alarmer)'
  });

export const hearIt = (o?: MessageOptions) =>
  t(o, { en: 'becomes tickets', fi: 'tulee tiketeiksi', da: 'bliver til sager' });

export const ignoreIt = (o?: MessageOptions) =>
  t(o, { en: 'is left out', fi: 'jätetään pois', da: 'udelades' });

export const listMailRule = (o?: MessageOptions) =>
  t(o, {
    en: 'Mail through mailing lists',
    fi: 'Postituslistojen kautta tuleva posti',
    da: 'Post via mailinglister'
  });

export const listReplies = (o?: MessageOptions) =>
  t(o, {
    en: 'joins tickets it answers; starts none',
    fi: 'liittyy tiketteihin, joihin se vastaa; ei aloita uusia',
    da: 'føjes til sager, den svarer på; starter ingen'
  });

export const heardListsField = (o?: MessageOptions) =>
  t(o, {
    en: 'Lists always heard (a list id or address per line, e.g. a customer team’s address)',
    fi: 'Aina kuunneltavat listat (listan tunniste tai osoite riveittäin, esim. asiakastiimin osoite)',
    da: 'Lister, der altid høres (et liste-id eller en adresse pr. linje, f.eks. en kundes teamadresse)'
  });

export const automaticReplyNote = (o?: MessageOptions) =>
  t(o, {
    en: 'An automatic reply (out of office). It did not reopen the ticket.',
    fi: 'Automaattinen vastaus (poissaolo). Se ei avannut tikettiä uudelleen.',
    da: 'Et automatisk svar (fravær). Det genåbnede ikke sagen.'
  });

export const senderUnclear = (p: { header: string }, o?: MessageOptions) =>
  t(o, {
    en: `The sender’s address could not be read with certainty (“${p.header}”), so Baton did not guess. Choose whom to answer:`,
    fi: `Lähettäjän osoitetta ei voitu lukea varmasti (”${p.header}”), joten Baton ei arvannut. Valitse, kenelle vastataan:`,
    da: `Afsenderens adresse kunne ikke læses med sikkerhed (“${p.header}”), så Baton gættede ikke. Vælg, hvem der skal have svar:`
  });

export const replyDelayed = (p: { reason: string }, o?: MessageOptions) =>
  t(o, {
    en: `A reply is delayed; the server is still trying: ${p.reason}`,
    fi: `Vastaus viivästyy; palvelin yrittää yhä: ${p.reason}`,
    da: `Et svar er forsinket; serveren prøver stadig: ${p.reason}`
  });
