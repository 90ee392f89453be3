/**
 * "Take the next ticket": the button, its shortcut's line in the cheat sheet, and what the
 * member is told when the queue is empty or a colleague took the same ticket first. `ticket`
 * parameters are ticket labels (`#3`, or a provisional `P-AB12CD`); `name` is a member's name.
 */
import { t, type MessageOptions } from '../runtime';

export const nextTicket = (o?: MessageOptions) =>
  t(o, { en: 'Next ticket', fi: 'Seuraava tiketti', da: 'Næste sag' });

/** The button's accessible description: what pressing it does. */
export const nextTicketHelp = (o?: MessageOptions) =>
  t(o, {
    en: 'Takes the most urgent ticket of my queue, assigns it to me and opens it',
    fi: 'Ottaa jonon kiireellisimmän tiketin itselle ja avaa sen',
    da: 'Tager den mest presserende sag i min kø, tildeler den til mig og åbner den'
  });

export const takingNextTicket = (o?: MessageOptions) =>
  t(o, { en: 'Taking the next ticket…', fi: 'Otetaan seuraava tiketti…', da: 'Tager næste sag…' });

/** The `n` line of the keyboard cheat sheet. */
export const helpNextTicket = (o?: MessageOptions) =>
  t(o, {
    en: 'Take the next ticket of my queue (assigned to me and opened)',
    fi: 'Ota jonon seuraava tiketti (itselle ja auki)',
    da: 'Tag næste sag i min kø (tildelt mig og åbnet)'
  });

export const queueEmpty = (o?: MessageOptions) =>
  t(o, {
    en: 'Your queue is empty: no unassigned ticket waits for you.',
    fi: 'Jonosi on tyhjä: yksikään tiketti ei odota käsittelijää.',
    da: 'Din kø er tom: ingen sag venter på en ansvarlig.'
  });

/** Offline, and none of the tickets of the queue is kept on this device. */
export const queueNotOnDevice = (o?: MessageOptions) =>
  t(o, {
    en: 'None of the tickets in your queue is on this device. It syncs when you are online.',
    fi: 'Yksikään jonosi tiketeistä ei ole tällä laitteella. Ne synkronoituvat, kun olet verkossa.',
    da: 'Ingen af sagerne i din kø er på denne enhed. De synkroniseres, når du er online.'
  });

export const tookTicket = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.ticket} is yours now.`,
    fi: `Tiketti ${p.ticket} on nyt sinun.`,
    da: `Sag ${p.ticket} er din nu.`
  });

/** A colleague's claim on the same ticket came first; the member is given the next one. */
export const lostToAndMoved = (p: { ticket: string; name: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.name} took ${p.ticket} first. Here is your next ticket.`,
    fi: `Tiketin ${p.ticket} otti ensin ${p.name}. Tässä seuraava tikettisi.`,
    da: `${p.name} tog sag ${p.ticket} først. Her er din næste sag.`
  });

/** The same, while the member is elsewhere: they are told, not moved. */
export const lostTo = (p: { ticket: string; name: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.name} took ${p.ticket} first: it is not yours.`,
    fi: `Tiketin ${p.ticket} otti ensin ${p.name}: se ei ole sinun.`,
    da: `${p.name} tog sag ${p.ticket} først: den er ikke din.`
  });

/** Lost to a change that named nobody (the ticket went back to the queue). */
export const lostAndMoved = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, {
    en: `Someone else changed ${p.ticket} first. Here is your next ticket.`,
    fi: `Joku muu muutti tikettiä ${p.ticket} ensin. Tässä seuraava tikettisi.`,
    da: `Nogen andre ændrede sag ${p.ticket} først. Her er din næste sag.`
  });

export const lost = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, {
    en: `Someone else changed ${p.ticket} first: it is not yours.`,
    fi: `Joku muu muutti tikettiä ${p.ticket} ensin: se ei ole sinun.`,
    da: `Nogen andre ændrede sag ${p.ticket} først: den er ikke din.`
  });

export const couldNotTakeNext = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not take the next ticket',
    fi: 'Seuraavaa tikettiä ei voitu ottaa',
    da: 'Kunne ikke tage næste sag'
  });
