/** Shifts: ending one (handover), starting one (what changed), the team's coverage. */
import { plural, t, type MessageOptions } from '../runtime';

// Navigation -----------------------------------------------------------------------------------

export const shiftNav = (o?: MessageOptions) => t(o, { en: 'Shift', fi: 'Vuoro', da: 'Vagt' });

export const endShiftTitle = (o?: MessageOptions) =>
  t(o, { en: 'End my shift', fi: 'Lopeta vuoroni', da: 'Afslut min vagt' });

export const startShiftTitle = (o?: MessageOptions) =>
  t(o, { en: 'Start my shift', fi: 'Aloita vuoroni', da: 'Start min vagt' });

// End my shift ---------------------------------------------------------------------------------

export const endShiftIntro = (o?: MessageOptions) =>
  t(o, {
    en: 'Write a handover note on each open ticket and hand it to whoever is on next, or back to the queue. Works offline too.',
    fi: 'Kirjoita jokaiseen avoimeen tikettiin luovutusmuistiinpano ja luovuta se seuraavalle vuorolle tai takaisin jonoon. Toimii myös ilman yhteyttä.',
    da: 'Skriv en overdragelsesnote på hver åben sag, og overdrag den til den næste på vagt eller tilbage i køen. Virker også offline.'
  });

export const onShiftNow = (o?: MessageOptions) =>
  t(o, { en: 'On shift now', fi: 'Vuorossa nyt', da: 'På vagt nu' });

export const nextOnShift = (o?: MessageOptions) =>
  t(o, { en: 'Next on shift', fi: 'Seuraavaksi vuorossa', da: 'Næste på vagt' });

export const nobodyElseOn = (o?: MessageOptions) =>
  t(o, {
    en: 'Nobody else is on shift now.',
    fi: 'Kukaan muu ei ole nyt vuorossa.',
    da: 'Ingen andre er på vagt nu.'
  });

export const nobodyNext = (o?: MessageOptions) =>
  t(o, {
    en: 'Nobody has working hours set.',
    fi: 'Kenellekään ei ole asetettu työaikaa.',
    da: 'Ingen har angivet arbejdstid.'
  });

export const localTimeIs = (p: { time: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.time} local time`,
    fi: `klo ${p.time} paikallista aikaa`,
    da: `kl. ${p.time} lokal tid`
  });

export const startsAt = (p: { when: string; time: string }, o?: MessageOptions) =>
  t(o, {
    en: `Starts ${p.when}, at ${p.time} local time`,
    fi: `Aloittaa ${p.when}, klo ${p.time} paikallista aikaa`,
    da: `Starter ${p.when}, kl. ${p.time} lokal tid`
  });

export const awayNow = (o?: MessageOptions) => t(o, { en: 'away', fi: 'poissa', da: 'fraværende' });

export const myOpenTickets = (o?: MessageOptions) =>
  t(o, { en: 'My open tickets', fi: 'Avoimet tikettini', da: 'Mine åbne sager' });

export const noOpenTickets = (o?: MessageOptions) =>
  t(o, {
    en: 'You have no open tickets: nothing to hand over.',
    fi: 'Sinulla ei ole avoimia tikettejä: ei luovutettavaa.',
    da: 'Du har ingen åbne sager: intet at overdrage.'
  });

export const handTo = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, {
    en: `Hand ${p.ticket} to`,
    fi: `Luovuta tiketti ${p.ticket}`,
    da: `Overdrag ${p.ticket} til`
  });

export const keepIt = (o?: MessageOptions) =>
  t(o, { en: 'Keep it', fi: 'Pidä itselläni', da: 'Behold den' });

export const backToQueue = (o?: MessageOptions) =>
  t(o, { en: 'Back to the queue', fi: 'Takaisin jonoon', da: 'Tilbage i køen' });

export const selectTicket = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, { en: `Select ${p.ticket}`, fi: `Valitse ${p.ticket}`, da: `Vælg ${p.ticket}` });

export const selectAll = (o?: MessageOptions) =>
  t(o, { en: 'Select all', fi: 'Valitse kaikki', da: 'Vælg alle' });

export const batchTo = (o?: MessageOptions) =>
  t(o, {
    en: 'Hand the selected tickets to',
    fi: 'Luovuta valitut tiketit',
    da: 'Overdrag de valgte sager til'
  });

export const applyToSelected = (count: number, o?: MessageOptions) =>
  plural(count, o, {
    en: { one: 'Set for # ticket', other: 'Set for # tickets' },
    fi: { one: 'Aseta # tiketille', other: 'Aseta # tiketille' },
    da: { one: 'Vælg for # sag', other: 'Vælg for # sager' }
  });

export const handoverNoteFor = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, {
    en: `Handover note for ${p.ticket}`,
    fi: `Luovutusmuistiinpano: ${p.ticket}`,
    da: `Overdragelsesnote til ${p.ticket}`
  });

export const handoverPlaceholder = (o?: MessageOptions) =>
  t(o, {
    en: 'Where it stands, what to do next…',
    fi: 'Missä mennään, mitä seuraavaksi…',
    da: 'Hvor sagen står, hvad der skal ske nu…'
  });

export const endShiftAction = (count: number, o?: MessageOptions) =>
  count === 0
    ? t(o, { en: 'End my shift', fi: 'Lopeta vuoroni', da: 'Afslut min vagt' })
    : plural(count, o, {
        en: {
          one: 'Hand over # ticket and end my shift',
          other: 'Hand over # tickets and end my shift'
        },
        fi: {
          one: 'Luovuta # tiketti ja lopeta vuoroni',
          other: 'Luovuta # tikettiä ja lopeta vuoroni'
        },
        da: {
          one: 'Overdrag # sag og afslut min vagt',
          other: 'Overdrag # sager og afslut min vagt'
        }
      });

export const handingOver = (o?: MessageOptions) =>
  t(o, { en: 'Handing over…', fi: 'Luovutetaan…', da: 'Overdrager…' });

export const shiftEndedAt = (p: { time: string }, o?: MessageOptions) =>
  t(o, {
    en: `Your shift ended at ${p.time}.`,
    fi: `Vuorosi päättyi klo ${p.time}.`,
    da: `Din vagt sluttede kl. ${p.time}.`
  });

export const handedOverCount = (count: number, o?: MessageOptions) =>
  plural(count, o, {
    en: { one: '# ticket handed over.', other: '# tickets handed over.' },
    fi: { one: '# tiketti luovutettu.', other: '# tikettiä luovutettu.' },
    da: { one: '# sag overdraget.', other: '# sager overdraget.' }
  });

export const syncsWhenOnline = (o?: MessageOptions) =>
  t(o, {
    en: 'You are offline: the handovers are saved on this device and sync when you are back online.',
    fi: 'Ei yhteyttä: luovutukset on tallennettu tälle laitteelle ja synkronoituvat, kun olet taas verkossa.',
    da: 'Du er offline: overdragelserne er gemt på denne enhed og synkroniseres, når du er online igen.'
  });

export const notOnDevice = (o?: MessageOptions) =>
  t(o, {
    en: 'Not on this device: connect to hand it over.',
    fi: 'Ei tällä laitteella: yhdistä verkkoon luovuttaaksesi sen.',
    da: 'Ikke på denne enhed: gå online for at overdrage den.'
  });

export const couldNotHandOverSome = (count: number, o?: MessageOptions) =>
  plural(count, o, {
    en: { one: 'Could not hand over # ticket.', other: 'Could not hand over # tickets.' },
    fi: { one: '# tikettiä ei voitu luovuttaa.', other: '# tikettiä ei voitu luovuttaa.' },
    da: { one: '# sag kunne ikke overdrages.', other: '# sager kunne ikke overdrages.' }
  });

export const couldNotEndShift = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not end the shift.',
    fi: 'Vuoroa ei voitu lopettaa.',
    da: 'Vagten kunne ikke afsluttes.'
  });

export const roleCannotHandOver = (o?: MessageOptions) =>
  t(o, {
    en: 'Your role cannot hand tickets over.',
    fi: 'Roolisi ei voi luovuttaa tikettejä.',
    da: 'Din rolle kan ikke overdrage sager.'
  });

export const goToStartShift = (o?: MessageOptions) =>
  t(o, {
    en: 'What changed since my last shift',
    fi: 'Mikä muuttui edellisen vuoroni jälkeen',
    da: 'Hvad er ændret siden min sidste vagt'
  });

export const goToEndShift = (o?: MessageOptions) =>
  t(o, {
    en: 'Hand over and end my shift',
    fi: 'Luovuta ja lopeta vuoroni',
    da: 'Overdrag og afslut min vagt'
  });

// Start my shift -------------------------------------------------------------------------------

export const changesSince = (p: { time: string }, o?: MessageOptions) =>
  t(o, {
    en: `What changed on your tickets and on tickets handed to you since you were last on (${p.time}).`,
    fi: `Mikä on muuttunut tiketeissäsi ja sinulle luovutetuissa tiketeissä sen jälkeen, kun olit viimeksi vuorossa (${p.time}).`,
    da: `Hvad der er ændret på dine sager og på sager overdraget til dig, siden du sidst var på vagt (${p.time}).`
  });

export const readingTickets = (o?: MessageOptions) =>
  t(o, { en: 'Reading your tickets…', fi: 'Luetaan tikettejäsi…', da: 'Læser dine sager…' });

export const noChanges = (o?: MessageOptions) =>
  t(o, {
    en: 'Nothing changed on your tickets since you were last on.',
    fi: 'Tiketteihisi ei ole tullut muutoksia sen jälkeen, kun olit viimeksi vuorossa.',
    da: 'Intet er ændret på dine sager, siden du sidst var på vagt.'
  });

export const notOnDeviceCount = (count: number, o?: MessageOptions) =>
  plural(count, o, {
    en: {
      one: '# ticket is not on this device: connect to see its changes.',
      other: '# tickets are not on this device: connect to see their changes.'
    },
    fi: {
      one: '# tiketti ei ole tällä laitteella: yhdistä verkkoon nähdäksesi sen muutokset.',
      other: '# tikettiä ei ole tällä laitteella: yhdistä verkkoon nähdäksesi niiden muutokset.'
    },
    da: {
      one: '# sag er ikke på denne enhed: gå online for at se dens ændringer.',
      other: '# sager er ikke på denne enhed: gå online for at se deres ændringer.'
    }
  });

export const relationMine = (o?: MessageOptions) => t(o, { en: 'Yours', fi: 'Sinun', da: 'Din' });

export const relationHandedToMe = (o?: MessageOptions) =>
  t(o, { en: 'Handed to you', fi: 'Luovutettu sinulle', da: 'Overdraget til dig' });

export const relationTakenFromMe = (o?: MessageOptions) =>
  t(o, { en: 'No longer yours', fi: 'Ei enää sinun', da: 'Ikke længere din' });

export const changedBy = (p: { by: string; when: string }, o?: MessageOptions) =>
  t(o, {
    en: `by ${p.by}, ${p.when}`,
    fi: `muutti ${p.by}, ${p.when}`,
    da: `af ${p.by}, ${p.when}`
  });

export const newMessages = (o?: MessageOptions) =>
  t(o, { en: 'New messages', fi: 'Uudet viestit', da: 'Nye beskeder' });

export const newNotes = (o?: MessageOptions) =>
  t(o, { en: 'New internal notes', fi: 'Uudet sisäiset muistiinpanot', da: 'Nye interne noter' });

export const handoverNoteField = (o?: MessageOptions) =>
  t(o, { en: 'Handover note', fi: 'Luovutusmuistiinpano', da: 'Overdragelsesnote' });

export const handoverSignedBy = (p: { by: string; when: string }, o?: MessageOptions) =>
  t(o, {
    en: `signed by ${p.by}, ${p.when}`,
    fi: `kuittasi ${p.by}, ${p.when}`,
    da: `underskrevet af ${p.by}, ${p.when}`
  });

export const handoverSignedForBy = (
  p: { by: string; to: string; when: string },
  o?: MessageOptions
) =>
  t(o, {
    en: `for ${p.to}, signed by ${p.by}, ${p.when}`,
    fi: `vastaanottaja ${p.to}, kuittasi ${p.by}, ${p.when}`,
    da: `til ${p.to}, underskrevet af ${p.by}, ${p.when}`
  });

export const emptyNote = (o?: MessageOptions) =>
  t(o, { en: '(empty)', fi: '(tyhjä)', da: '(tom)' });

export const tagAdded = (p: { tag: string }, o?: MessageOptions) =>
  t(o, { en: `added ${p.tag}`, fi: `lisätty ${p.tag}`, da: `tilføjet ${p.tag}` });

export const tagRemoved = (p: { tag: string }, o?: MessageOptions) =>
  t(o, { en: `removed ${p.tag}`, fi: `poistettu ${p.tag}`, da: `fjernet ${p.tag}` });

export const markAsRead = (o?: MessageOptions) =>
  t(o, { en: 'Mark all as read', fi: 'Merkitse kaikki luetuiksi', da: 'Markér alle som læst' });

export const markedAsRead = (o?: MessageOptions) =>
  t(o, {
    en: 'Marked as read: next time you see what changes from now on.',
    fi: 'Merkitty luetuiksi: seuraavalla kerralla näet tästä eteenpäin tulleet muutokset.',
    da: 'Markeret som læst: næste gang ser du ændringerne herfra.'
  });

// Coverage (the team page) ---------------------------------------------------------------------

export const coverageTitle = (o?: MessageOptions) =>
  t(o, { en: 'Coverage today', fi: 'Vuorot tänään', da: 'Dækning i dag' });

export const coverageIntro = (p: { zone: string }, o?: MessageOptions) =>
  t(o, {
    en: `Everyone’s working hours over the day, in your time (${p.zone}).`,
    fi: `Kaikkien työajat vuorokauden ajalta, sinun ajassasi (${p.zone}).`,
    da: `Alles arbejdstid over døgnet, i din tid (${p.zone}).`
  });

export const coverageGaps = (p: { list: string }, o?: MessageOptions) =>
  t(o, {
    en: `Nobody is on shift ${p.list}.`,
    fi: `Kukaan ei ole vuorossa ${p.list}.`,
    da: `Ingen er på vagt ${p.list}.`
  });

export const coverageNoGaps = (o?: MessageOptions) =>
  t(o, {
    en: 'Someone is on shift around the clock today.',
    fi: 'Tänään joku on vuorossa ympäri vuorokauden.',
    da: 'I dag er der nogen på vagt døgnet rundt.'
  });

export const timeRange = (p: { from: string; to: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.from}–${p.to}`,
    fi: `klo ${p.from}–${p.to}`,
    da: `kl. ${p.from}–${p.to}`
  });

export const notWorkingToday = (o?: MessageOptions) =>
  t(o, { en: 'not working today', fi: 'ei töissä tänään', da: 'arbejder ikke i dag' });

export const nowMarker = (p: { time: string }, o?: MessageOptions) =>
  t(o, { en: `Now, ${p.time}`, fi: `Nyt, klo ${p.time}`, da: `Nu, kl. ${p.time}` });

export const nobodyOnLegend = (o?: MessageOptions) =>
  t(o, { en: 'Nobody on shift', fi: 'Ei ketään vuorossa', da: 'Ingen på vagt' });
