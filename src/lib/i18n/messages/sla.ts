/** Service levels: the settings page (business calendars, SLA policies) and the SLA timers. */
import type { SlaMetric, SlaRisk, SlaState } from '../../domain/sla';
import type { TicketChannel } from '../../domain/schema';
import { t, type MessageOptions, type Texts } from '../runtime';

export const serviceLevelsTitle = (o?: MessageOptions) =>
  t(o, { en: 'Service levels', fi: 'Palvelutasot', da: 'Serviceniveauer' });

export const serviceLevelsIntro = (o?: MessageOptions) =>
  t(o, {
    en: 'When your team is open, and how soon customers get an answer. The clocks count business hours on the calendar a policy names.',
    fi: 'Milloin tiimi palvelee ja kuinka nopeasti asiakas saa vastauksen. Kellot laskevat palveluaikaa käytännön kalenterin mukaan.',
    da: 'Hvornår teamet har åbent, og hvor hurtigt kunderne får svar. Urene tæller åbningstid i den kalender, en politik angiver.'
  });

export const serviceLevelsForAdmins = (o?: MessageOptions) =>
  t(o, {
    en: 'Only owners and admins change service levels.',
    fi: 'Vain omistajat ja ylläpitäjät muuttavat palvelutasoja.',
    da: 'Kun ejere og administratorer ændrer serviceniveauer.'
  });

// Calendars

export const calendarsTitle = (o?: MessageOptions) =>
  t(o, { en: 'Business hours', fi: 'Palveluajat', da: 'Åbningstider' });

export const noCalendars = (o?: MessageOptions) =>
  t(o, {
    en: 'No calendars yet. A policy counts business hours on one.',
    fi: 'Kalentereita ei vielä ole. Käytäntö laskee palveluaikaa kalenterin mukaan.',
    da: 'Ingen kalendere endnu. En politik tæller åbningstid i en kalender.'
  });

export const addCalendar = (o?: MessageOptions) =>
  t(o, { en: 'Add a calendar', fi: 'Lisää kalenteri', da: 'Tilføj en kalender' });

export const calendarName = (o?: MessageOptions) =>
  t(o, { en: 'Calendar name', fi: 'Kalenterin nimi', da: 'Kalenderens navn' });

export const timeZoneLabel = (o?: MessageOptions) =>
  t(o, { en: 'Time zone', fi: 'Aikavyöhyke', da: 'Tidszone' });

export const openingHoursHint = (o?: MessageOptions) =>
  t(o, {
    en: 'Opening hours per day, e.g. 09:00–12:00, 13:00–17:00. Leave a day empty when closed.',
    fi: 'Palveluajat päivittäin, esim. 09:00–12:00, 13:00–17:00. Jätä suljettu päivä tyhjäksi.',
    da: 'Åbningstider pr. dag, fx 09:00–12:00, 13:00–17:00. Lad en lukket dag stå tom.'
  });

export const badHours = (p: { day: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.day}: write the hours as 09:00–17:00, separated by commas.`,
    fi: `${p.day}: kirjoita ajat muodossa 09:00–17:00 pilkuin eroteltuina.`,
    da: `${p.day}: skriv tiderne som 09:00–17:00, adskilt af kommaer.`
  });

export const holidaysLabel = (o?: MessageOptions) =>
  t(o, {
    en: 'Holidays (closed all day), one date a line: YYYY-MM-DD',
    fi: 'Pyhäpäivät (suljettu koko päivän), yksi päivämäärä riviä kohden: VVVV-KK-PP',
    da: 'Helligdage (lukket hele dagen), én dato pr. linje: ÅÅÅÅ-MM-DD'
  });

export const countryLabel = (o?: MessageOptions) => t(o, { en: 'Country', fi: 'Maa', da: 'Land' });

export const yearLabel = (o?: MessageOptions) => t(o, { en: 'Year', fi: 'Vuosi', da: 'År' });

export const alsoBankHolidays = (o?: MessageOptions) =>
  t(o, {
    en: 'Also bank holidays (e.g. Midsummer Eve and Christmas Eve in Finland)',
    fi: 'Myös pankkivapaapäivät (esim. juhannusaatto ja jouluaatto)',
    da: 'Også bankhelligdage (fx juleaftensdag)'
  });

export const fillPublicHolidays = (o?: MessageOptions) =>
  t(o, {
    en: "Fill from the country's public holidays",
    fi: 'Täytä maan yleisillä vapaapäivillä',
    da: 'Udfyld med landets helligdage'
  });

export const holidaysAdded = (p: { n: number }, o?: MessageOptions) =>
  t(o, {
    en: `${p.n} holidays in the list`,
    fi: `Listalla ${p.n} pyhäpäivää`,
    da: `${p.n} helligdage på listen`
  });

export const saveCalendar = (o?: MessageOptions) =>
  t(o, { en: 'Save calendar', fi: 'Tallenna kalenteri', da: 'Gem kalender' });

export const calendarInUse = (o?: MessageOptions) =>
  t(o, {
    en: 'A policy counts on this calendar',
    fi: 'Jokin käytäntö käyttää tätä kalenteria',
    da: 'En politik bruger denne kalender'
  });

export const closedDay = (o?: MessageOptions) =>
  t(o, { en: 'closed', fi: 'suljettu', da: 'lukket' });

export const holidayCount = (p: { n: number }, o?: MessageOptions) =>
  t(o, { en: `${p.n} holidays`, fi: `${p.n} pyhäpäivää`, da: `${p.n} helligdage` });

// Policies

export const policiesTitle = (o?: MessageOptions) =>
  t(o, { en: 'SLA policies', fi: 'Palvelutasokäytännöt', da: 'SLA-politikker' });

export const policiesIntro = (o?: MessageOptions) =>
  t(o, {
    en: 'Applied in order: a ticket gets the first policy whose conditions all hold.',
    fi: 'Käytetään järjestyksessä: tiketti saa ensimmäisen käytännön, jonka kaikki ehdot täyttyvät.',
    da: 'Bruges i rækkefølge: en sag får den første politik, hvis betingelser alle er opfyldt.'
  });

export const noPolicies = (o?: MessageOptions) =>
  t(o, {
    en: 'No policies yet: tickets have no SLA clocks.',
    fi: 'Käytäntöjä ei vielä ole: tiketeillä ei ole palvelutasokelloja.',
    da: 'Ingen politikker endnu: sager har ingen SLA-ure.'
  });

export const addPolicy = (o?: MessageOptions) =>
  t(o, { en: 'Add a policy', fi: 'Lisää käytäntö', da: 'Tilføj en politik' });

export const needCalendarFirst = (o?: MessageOptions) =>
  t(o, {
    en: 'Add a calendar first: a policy counts business hours on one.',
    fi: 'Lisää ensin kalenteri: käytäntö laskee palveluaikaa sen mukaan.',
    da: 'Tilføj først en kalender: en politik tæller åbningstid i en.'
  });

export const policyName = (o?: MessageOptions) =>
  t(o, { en: 'Policy name', fi: 'Käytännön nimi', da: 'Politikkens navn' });

export const conditionsTitle = (o?: MessageOptions) =>
  t(o, {
    en: 'Applies to (empty: any)',
    fi: 'Koskee (tyhjä: kaikkia)',
    da: 'Gælder for (tom: alle)'
  });

export const channelsLabel = (o?: MessageOptions) =>
  t(o, { en: 'Channels', fi: 'Kanavat', da: 'Kanaler' });

export const prioritiesLabel = (o?: MessageOptions) =>
  t(o, { en: 'Priorities', fi: 'Prioriteetit', da: 'Prioriteter' });

export const tagsAnyOf = (o?: MessageOptions) =>
  t(o, {
    en: 'Tags (any one of, separated by commas)',
    fi: 'Tunnisteet (mikä tahansa, pilkuin eroteltuina)',
    da: 'Mærker (et vilkårligt af dem, adskilt af kommaer)'
  });

const CHANNEL: Record<TicketChannel, Texts> = {
  email: { en: 'Email', fi: 'Sähköposti', da: 'E-mail' },
  // same in all languages
  web: { en: 'Web', fi: 'Verkko', da: 'Web' },
  phone: { en: 'Phone', fi: 'Puhelin', da: 'Telefon' },
  // same in all languages
  chat: { en: 'Chat', fi: 'Chat', da: 'Chat' },
  internal: { en: 'Internal', fi: 'Sisäinen', da: 'Intern' }
};

export const channelLabel = (channel: TicketChannel, o?: MessageOptions) => t(o, CHANNEL[channel]);

export const targetsTitle = (o?: MessageOptions) =>
  t(o, {
    en: 'Targets in minutes (empty: none)',
    fi: 'Tavoitteet minuutteina (tyhjä: ei tavoitetta)',
    da: 'Mål i minutter (tom: intet)'
  });

export const metricLabel = (metric: SlaMetric, o?: MessageOptions) =>
  t(
    o,
    {
      firstReply: { en: 'First reply', fi: 'Ensimmäinen vastaus', da: 'Første svar' },
      nextReply: { en: 'Next reply', fi: 'Seuraava vastaus', da: 'Næste svar' },
      resolution: { en: 'Resolution', fi: 'Ratkaisu', da: 'Løsning' }
    }[metric]
  );

export const timeKindLabel = (kind: 'business' | 'calendar', o?: MessageOptions) =>
  t(
    o,
    {
      business: { en: 'business hours', fi: 'palveluaikaa', da: 'åbningstid' },
      calendar: { en: 'round the clock', fi: 'kellon ympäri', da: 'døgnet rundt' }
    }[kind]
  );

export const calendarLabel = (o?: MessageOptions) =>
  t(o, { en: 'Calendar', fi: 'Kalenteri', da: 'Kalender' });

export const warnAtLabel = (o?: MessageOptions) =>
  t(o, {
    en: 'Warn at (% of the target)',
    fi: 'Varoita (% tavoitteesta)',
    da: 'Advar ved (% af målet)'
  });

export const pausesWhile = (o?: MessageOptions) =>
  t(o, {
    en: 'Resolution clock pauses while',
    fi: 'Ratkaisukello pysähtyy, kun tila on',
    da: 'Løsningsuret holder pause, mens sagen er'
  });

export const savePolicy = (o?: MessageOptions) =>
  t(o, { en: 'Save policy', fi: 'Tallenna käytäntö', da: 'Gem politik' });

export const moveUp = (p: { name: string }, o?: MessageOptions) =>
  t(o, { en: `Move ${p.name} up`, fi: `Siirrä ${p.name} ylemmäs`, da: `Flyt ${p.name} op` });

export const moveDown = (p: { name: string }, o?: MessageOptions) =>
  t(o, { en: `Move ${p.name} down`, fi: `Siirrä ${p.name} alemmas`, da: `Flyt ${p.name} ned` });

export const edit = (o?: MessageOptions) => t(o, { en: 'Edit', fi: 'Muokkaa', da: 'Redigér' });

export const remove = (o?: MessageOptions) => t(o, { en: 'Remove', fi: 'Poista', da: 'Fjern' });

export const saved = (o?: MessageOptions) => t(o, { en: 'Saved', fi: 'Tallennettu', da: 'Gemt' });

export const couldNotSave = (p: { problem: string }, o?: MessageOptions) =>
  t(o, {
    en: `Not saved: ${p.problem}`,
    fi: `Ei tallennettu: ${p.problem}`,
    da: `Ikke gemt: ${p.problem}`
  });

export const anyTicket = (o?: MessageOptions) =>
  t(o, { en: 'every ticket', fi: 'kaikki tiketit', da: 'alle sager' });

// Clocks

export const slaTitle = (o?: MessageOptions) =>
  t(o, { en: 'Service level', fi: 'Palvelutaso', da: 'Serviceniveau' });

export const clockState = (state: SlaState, o?: MessageOptions) =>
  t(
    o,
    {
      running: { en: 'running', fi: 'käynnissä', da: 'kører' },
      paused: { en: 'paused', fi: 'pysäytetty', da: 'på pause' },
      met: { en: 'met', fi: 'saavutettu', da: 'overholdt' },
      breached: { en: 'breached', fi: 'ylittynyt', da: 'overskredet' }
    }[state]
  );

export const riskLabel = (risk: SlaRisk, o?: MessageOptions) =>
  t(
    o,
    {
      ok: { en: 'on time', fi: 'ajallaan', da: 'til tiden' },
      warning: { en: 'due soon', fi: 'erääntyy pian', da: 'forfalder snart' },
      breached: { en: 'breached', fi: 'ylittynyt', da: 'overskredet' }
    }[risk]
  );

export const dueAtLabel = (p: { when: string }, o?: MessageOptions) =>
  t(o, { en: `due ${p.when}`, fi: `erääntyy ${p.when}`, da: `forfalder ${p.when}` });

export const timeLeft = (p: { duration: string }, o?: MessageOptions) =>
  t(o, { en: `${p.duration} left`, fi: `${p.duration} jäljellä`, da: `${p.duration} tilbage` });

export const overdueBy = (p: { duration: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.duration} overdue`,
    fi: `${p.duration} myöhässä`,
    da: `${p.duration} over tiden`
  });

export const policyApplies = (p: { name: string }, o?: MessageOptions) =>
  t(o, { en: `Policy: ${p.name}`, fi: `Käytäntö: ${p.name}`, da: `Politik: ${p.name}` });

/** The compact timer on cards and rows, read in full by screen readers (`dueBadgeLabel`). */
export const dueIn = (p: { duration: string }, o?: MessageOptions) =>
  t(o, { en: `in ${p.duration}`, fi: `${p.duration}`, da: `om ${p.duration}` });

export const dueBadgeLabel = (p: { when: string; risk: string }, o?: MessageOptions) =>
  // "SLA" is the Danish word too (glossary: serviceniveau (SLA)).
  // same in all languages
  t(o, {
    en: `SLA ${p.when}, ${p.risk}`,
    fi: `Palvelutaso ${p.when}, ${p.risk}`,
    da: `SLA ${p.when}, ${p.risk}`
  });
