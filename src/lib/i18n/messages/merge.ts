/**
 * Merging tickets and splitting messages off into a new one (`domain/merge.ts`): the dialogs,
 * the banners on a merged ticket and its target, the marks on the thread, the activity log's
 * sentences and what the customer is told. `ticket`, `source` and `target` are ticket labels
 * (`#3`, or a provisional `P-AB12CD`); `actor` is a member's name (or the log's marker).
 */
import { plural, t, type MessageOptions } from '../runtime';

export const mergeAction = (o?: MessageOptions) =>
  t(o, { en: 'Merge…', fi: 'Yhdistä…', da: 'Flet…' });

export const mergeDialogTitle = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, {
    en: `Merge ${p.ticket} into another ticket`,
    fi: `Yhdistä ${p.ticket} toiseen tikettiin`,
    da: `Flet ${p.ticket} ind i en anden sag`
  });

export const mergeDialogHelp = (o?: MessageOptions) =>
  t(o, {
    en: 'The other ticket gets its messages, notes, requester and tags; this one is closed and points to it.',
    fi: 'Toinen tiketti saa sen viestit, muistiinpanot, pyytäjän ja tunnisteet; tämä suljetaan ja viittaa siihen.',
    da: 'Den anden sag får dens beskeder, noter, anmoder og tags; denne lukkes og peger på den.'
  });

export const mergeSearchLabel = (o?: MessageOptions) =>
  t(o, {
    en: 'Find the ticket by number or subject',
    fi: 'Etsi tiketti numerolla tai aiheella',
    da: 'Find sagen efter nummer eller emne'
  });

export const mergeNoMatches = (o?: MessageOptions) =>
  t(o, {
    en: 'No other ticket matches.',
    fi: 'Mikään muu tiketti ei vastaa hakua.',
    da: 'Ingen anden sag passer.'
  });

export const mergeTellCustomer = (o?: MessageOptions) =>
  t(o, {
    en: 'Tell the customer (a public reply on the other ticket)',
    fi: 'Kerro asiakkaalle (julkinen vastaus toisessa tiketissä)',
    da: 'Fortæl kunden det (et offentligt svar på den anden sag)'
  });

export const mergeConfirm = (p: { target: string }, o?: MessageOptions) =>
  t(o, {
    en: `Merge into ${p.target}`,
    fi: `Yhdistä tikettiin ${p.target}`,
    da: `Flet ind i sag ${p.target}`
  });

export const mergeCancel = (o?: MessageOptions) =>
  t(o, { en: 'Cancel', fi: 'Peruuta', da: 'Annuller' });

export const merging = (o?: MessageOptions) =>
  t(o, { en: 'Merging…', fi: 'Yhdistetään…', da: 'Fletter…' });

export const mergedIntoBanner = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, {
    en: `Merged into ${p.ticket}`,
    fi: `Yhdistetty tikettiin ${p.ticket}`,
    da: `Flettet ind i sag ${p.ticket}`
  });

export const mergedFromBanner = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, {
    en: `Merged from ${p.ticket}`,
    fi: `Yhdistetty tiketistä ${p.ticket}`,
    da: `Flettet fra sag ${p.ticket}`
  });

/** A merge that lost to another made at the same time (a cycle, or a second target). */
export const mergeNotApplied = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, {
    en: `The merge with ${p.ticket} was not applied: a colleague merged these tickets the other way first.`,
    fi: `Yhdistämistä tiketin ${p.ticket} kanssa ei tehty: kollega yhdisti tiketit ensin toisin päin.`,
    da: `Fletningen med sag ${p.ticket} blev ikke udført: en kollega flettede sagerne den anden vej først.`
  });

export const mergeDone = (p: { source: string; target: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.source} is merged into ${p.target}.`,
    fi: `${p.source} on yhdistetty tikettiin ${p.target}.`,
    da: `${p.source} er flettet ind i sag ${p.target}.`
  });

export const undoMergeAction = (o?: MessageOptions) =>
  t(o, { en: 'Undo merge', fi: 'Peru yhdistäminen', da: 'Fortryd fletning' });

export const mergeUndone = (o?: MessageOptions) =>
  t(o, {
    en: 'The merge is undone.',
    fi: 'Yhdistäminen on peruttu.',
    da: 'Fletningen er fortrudt.'
  });

export const couldNotMerge = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not merge the tickets',
    fi: 'Tikettejä ei voitu yhdistää',
    da: 'Sagerne kunne ikke flettes'
  });

export const couldNotUndo = (o?: MessageOptions) =>
  t(o, { en: 'Could not undo', fi: 'Peruminen ei onnistunut', da: 'Kunne ikke fortrydes' });

export const changedSince = (o?: MessageOptions) =>
  t(o, {
    en: 'It cannot be undone any more: something else changed on these tickets since.',
    fi: 'Sitä ei voi enää perua: tiketeissä on sen jälkeen muuttunut muutakin.',
    da: 'Det kan ikke fortrydes længere: noget andet er ændret på sagerne siden.'
  });

export const targetNotOnDevice = (o?: MessageOptions) =>
  t(o, {
    en: 'That ticket is not on this device yet. Connect to the internet and try again.',
    fi: 'Tiketti ei ole vielä tällä laitteella. Yhdistä verkkoon ja yritä uudelleen.',
    da: 'Sagen er ikke på denne enhed endnu. Gå online, og prøv igen.'
  });

export const alreadyMerged = (o?: MessageOptions) =>
  t(o, {
    en: 'This ticket is already merged into another.',
    fi: 'Tämä tiketti on jo yhdistetty toiseen.',
    da: 'Denne sag er allerede flettet ind i en anden.'
  });

export const targetMerged = (o?: MessageOptions) =>
  t(o, {
    en: 'That ticket was merged into another one: merge into that one.',
    fi: 'Tiketti on yhdistetty toiseen tikettiin: yhdistä siihen.',
    da: 'Sagen er flettet ind i en anden sag: flet ind i den.'
  });

/** The public reply on the target when the customer is told (in the customer's language). */
export const mergeCustomerNotice = (p: { source: string; target: string }, o?: MessageOptions) =>
  t(o, {
    en: `Hello,\n\nYour request ${p.source} concerns the same matter as ${p.target}, so we have merged them. We will answer you here.`,
    fi: `Hei,\n\nPyyntösi ${p.source} koskee samaa asiaa kuin ${p.target}, joten yhdistimme ne. Vastaamme sinulle tässä viestiketjussa.`,
    da: `Hej\n\nDin henvendelse ${p.source} handler om det samme som ${p.target}, så vi har flettet dem sammen. Vi svarer dig her.`
  });

export const copiedFrom = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, { en: `From ${p.ticket}`, fi: `Tiketistä ${p.ticket}`, da: `Fra sag ${p.ticket}` });

export const splitTo = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, {
    en: `Split to ${p.ticket}`,
    fi: `Erotettu tikettiin ${p.ticket}`,
    da: `Udskilt til sag ${p.ticket}`
  });

export const splitFromBanner = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, {
    en: `Split from ${p.ticket}`,
    fi: `Erotettu tiketistä ${p.ticket}`,
    da: `Udskilt fra sag ${p.ticket}`
  });

export const splitAction = (o?: MessageOptions) =>
  t(o, { en: 'Split off…', fi: 'Erota…', da: 'Udskil…' });

export const splitDialogTitle = (o?: MessageOptions) =>
  t(o, {
    en: 'Split messages into a new ticket',
    fi: 'Erota viestit uudeksi tiketiksi',
    da: 'Udskil beskeder til en ny sag'
  });

export const splitDialogHelp = (o?: MessageOptions) =>
  t(o, {
    en: 'The new ticket gets copies of the messages you choose; they stay here too, marked.',
    fi: 'Uusi tiketti saa kopiot valitsemistasi viesteistä; ne jäävät myös tänne merkittyinä.',
    da: 'Den nye sag får kopier af de beskeder, du vælger; de bliver også her, markeret.'
  });

export const splitSubjectLabel = (o?: MessageOptions) =>
  t(o, { en: 'Subject of the new ticket', fi: 'Uuden tiketin aihe', da: 'Emne for den nye sag' });

export const splitMessagesLegend = (o?: MessageOptions) =>
  t(o, { en: 'Messages to split off', fi: 'Erotettavat viestit', da: 'Beskeder, der udskilles' });

export const splitConfirm = (p: { count: number }, o?: MessageOptions) =>
  plural(p.count, o, {
    en: { one: 'Split 1 message off', other: 'Split # messages off' },
    fi: { one: 'Erota 1 viesti', other: 'Erota # viestiä' },
    da: { one: 'Udskil 1 besked', other: 'Udskil # beskeder' }
  });

export const splitDone = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, {
    en: `The messages are split off into ${p.ticket}.`,
    fi: `Viestit on erotettu tikettiin ${p.ticket}.`,
    da: `Beskederne er udskilt til sag ${p.ticket}.`
  });

export const undoSplitAction = (o?: MessageOptions) =>
  t(o, { en: 'Undo split', fi: 'Peru erottaminen', da: 'Fortryd udskillelse' });

export const splitUndone = (o?: MessageOptions) =>
  t(o, {
    en: 'The split is undone.',
    fi: 'Erottaminen on peruttu.',
    da: 'Udskillelsen er fortrudt.'
  });

export const couldNotSplit = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not split the messages off',
    fi: 'Viestejä ei voitu erottaa',
    da: 'Beskederne kunne ikke udskilles'
  });
