/** The dashboard: cards, charts, their tables, filters, drill-down and exports. */
import type { ReportDimension, ReportNumber, ShiftId } from '../../domain/report';
import { plural, t, type MessageOptions, type Texts } from '../runtime';

export const reportsTitle = (o?: MessageOptions) =>
  t(o, { en: 'Reports', fi: 'Raportit', da: 'Rapporter' });

// same in all languages: Danish says "team" too.
export const teamDashboard = (o?: MessageOptions) => t(o, { en: 'Team', fi: 'Tiimi', da: 'Team' });

export const myDashboard = (o?: MessageOptions) =>
  t(o, { en: 'My tickets', fi: 'Omat tiketit', da: 'Mine sager' });

export const reportsIntro = (o?: MessageOptions) =>
  t(o, {
    en: 'How the team is doing: this period against the one before, in the team’s time zone. Select a number to see the tickets behind it.',
    fi: 'Miten tiimillä menee: tämä jakso edelliseen verrattuna, tiimin aikavyöhykkeellä. Valitse luku nähdäksesi sen takana olevat tiketit.',
    da: 'Hvordan det går for teamet: denne periode mod den forrige, i teamets tidszone. Vælg et tal for at se sagerne bag det.'
  });

export const personalIntro = (o?: MessageOptions) =>
  t(o, {
    en: 'Your own tickets: this period against the one before. Select a number to see the tickets behind it.',
    fi: 'Omat tikettisi: tämä jakso edelliseen verrattuna. Valitse luku nähdäksesi sen takana olevat tiketit.',
    da: 'Dine egne sager: denne periode mod den forrige. Vælg et tal for at se sagerne bag det.'
  });

export const reportsForbidden = (o?: MessageOptions) =>
  t(o, {
    en: 'Your role has no reports.',
    fi: 'Roolillasi ei ole raportteja.',
    da: 'Din rolle har ingen rapporter.'
  });

export const reportsFailed = (o?: MessageOptions) =>
  t(o, {
    en: 'The report could not be loaded, and this device has no earlier copy of it.',
    fi: 'Raporttia ei voitu ladata, eikä tällä laitteella ole siitä aiempaa kopiota.',
    da: 'Rapporten kunne ikke hentes, og denne enhed har ingen tidligere kopi af den.'
  });

/** Shown over numbers from the device's cache: `ago` is e.g. "5 minutes ago". */
export const cachedAsOf = (ago: string, o?: MessageOptions) =>
  t(o, {
    en: `Offline: these numbers are from ${ago}.`,
    fi: `Ei yhteyttä: nämä luvut ovat ajalta ${ago}.`,
    da: `Offline: disse tal er fra ${ago}.`
  });

export const updatedAt = (ago: string, o?: MessageOptions) =>
  t(o, { en: `Updated ${ago}`, fi: `Päivitetty ${ago}`, da: `Opdateret ${ago}` });

export const loadingReport = (o?: MessageOptions) =>
  t(o, { en: 'Updating…', fi: 'Päivitetään…', da: 'Opdaterer…' });

// ---- Filters ----

export const periodField = (o?: MessageOptions) =>
  t(o, { en: 'Period', fi: 'Jakso', da: 'Periode' });

export type PeriodChoice = 'this-week' | 'last-7' | 'last-30' | 'this-month' | 'last-365';

const PERIODS: Record<PeriodChoice, Texts> = {
  'this-week': { en: 'This week', fi: 'Tämä viikko', da: 'Denne uge' },
  'last-7': { en: 'Last 7 days', fi: 'Viimeiset 7 päivää', da: 'Seneste 7 dage' },
  'last-30': { en: 'Last 30 days', fi: 'Viimeiset 30 päivää', da: 'Seneste 30 dage' },
  'this-month': { en: 'This month', fi: 'Tämä kuukausi', da: 'Denne måned' },
  'last-365': { en: 'Last 12 months', fi: 'Viimeiset 12 kuukautta', da: 'Seneste 12 måneder' }
};
export const periodLabel = (period: PeriodChoice, o?: MessageOptions) => t(o, PERIODS[period]);

export const unitField = (o?: MessageOptions) =>
  t(o, { en: 'Trend by', fi: 'Kehitys', da: 'Udvikling pr.' });

const UNITS: Record<'day' | 'week' | 'month', Texts> = {
  day: { en: 'Day', fi: 'Päivittäin', da: 'Dag' },
  week: { en: 'Week', fi: 'Viikoittain', da: 'Uge' },
  month: { en: 'Month', fi: 'Kuukausittain', da: 'Måned' }
};
export const unitLabel = (unit: 'day' | 'week' | 'month', o?: MessageOptions) => t(o, UNITS[unit]);

// same in all languages: Danish says "agent" too.
export const agentField = (o?: MessageOptions) => t(o, { en: 'Agent', fi: 'Agentti', da: 'Agent' });
export const channelField = (o?: MessageOptions) =>
  t(o, { en: 'Channel', fi: 'Kanava', da: 'Kanal' });
export const priorityField = (o?: MessageOptions) =>
  t(o, { en: 'Priority', fi: 'Prioriteetti', da: 'Prioritet' });
export const tagField = (o?: MessageOptions) => t(o, { en: 'Tag', fi: 'Tunniste', da: 'Mærke' });
export const anyValue = (o?: MessageOptions) => t(o, { en: 'Any', fi: 'Kaikki', da: 'Alle' });
export const timeZoneNote = (zone: string, o?: MessageOptions) =>
  t(o, {
    en: `Days and weeks in ${zone}.`,
    fi: `Päivät ja viikot aikavyöhykkeellä ${zone}.`,
    da: `Dage og uger i ${zone}.`
  });

// ---- Cards ----

const NUMBERS: Record<ReportNumber, Texts> = {
  created: { en: 'Created', fi: 'Luotu', da: 'Oprettet' },
  solved: { en: 'Solved', fi: 'Ratkaistu', da: 'Løst' },
  backlog: { en: 'Open at the end', fi: 'Avoinna lopussa', da: 'Åbne ved slut' },
  slaAchieved: { en: 'SLA achieved', fi: 'SLA täyttyi', da: 'SLA overholdt' },
  slaBreached: { en: 'SLA breached', fi: 'SLA ylittyi', da: 'SLA overskredet' },
  fcr: {
    en: 'First-contact resolution',
    fi: 'Ratkaistu ensimmäisellä vastauksella',
    da: 'Løst ved første kontakt'
  },
  reopened: { en: 'Reopened', fi: 'Avattu uudelleen', da: 'Genåbnet' },
  escalated: { en: 'Escalations', fi: 'Eskalaatiot', da: 'Eskaleringer' },
  csatRated: { en: 'CSAT answers', fi: 'CSAT-vastaukset', da: 'CSAT-svar' },
  npsAnswered: { en: 'NPS answers', fi: 'NPS-vastaukset', da: 'NPS-svar' }
};
export const numberLabel = (number: ReportNumber, o?: MessageOptions) => t(o, NUMBERS[number]);

export const firstReplyCard = (o?: MessageOptions) =>
  t(o, {
    en: 'First reply (median, business hours)',
    fi: 'Ensimmäinen vastaus (mediaani, palveluaikaa)',
    da: 'Første svar (median, åbningstid)'
  });
export const resolutionCard = (o?: MessageOptions) =>
  t(o, {
    en: 'Resolution (median, business hours)',
    fi: 'Ratkaisu (mediaani, palveluaikaa)',
    da: 'Løsning (median, åbningstid)'
  });
export const csatCard = (o?: MessageOptions) =>
  t(o, {
    en: 'Satisfaction (CSAT, good of rated)',
    fi: 'Tyytyväisyys (CSAT, hyviä arvioista)',
    da: 'Tilfredshed (CSAT, gode af vurderede)'
  });
export const responseRateCard = (o?: MessageOptions) =>
  t(o, {
    en: 'CSAT response rate',
    fi: 'CSAT-vastausprosentti',
    da: 'CSAT-svarprocent'
  });
export const npsCard = (o?: MessageOptions) =>
  t(o, {
    en: 'NPS (promoters − detractors)',
    fi: 'NPS (suosittelijat − arvostelijat)',
    da: 'NPS (anbefalere − kritikere)'
  });
export const satisfactionTitle = (o?: MessageOptions) =>
  t(o, {
    en: 'Satisfaction over time',
    fi: 'Tyytyväisyys ajan mittaan',
    da: 'Tilfredshed over tid'
  });
// same in all languages: CSAT and NPS are the names.
export const csatPercentColumn = (o?: MessageOptions) =>
  t(o, { en: 'CSAT %', fi: 'CSAT %', da: 'CSAT %' });
// same in all languages: CSAT and NPS are the names.
export const npsColumn = (o?: MessageOptions) => t(o, { en: 'NPS', fi: 'NPS', da: 'NPS' });
export const slaPercentCard = (o?: MessageOptions) =>
  t(o, { en: 'SLA achieved', fi: 'SLA täyttyi', da: 'SLA overholdt' });

/** "vs 12 the period before" under a card's number. */
export const previousValue = (value: string, o?: MessageOptions) =>
  t(o, {
    en: `${value} the period before`,
    fi: `edellisellä jaksolla ${value}`,
    da: `${value} i perioden før`
  });

export const noValue = (o?: MessageOptions) => t(o, { en: '–', fi: '–', da: '–' });

export const showTickets = (label: string, value: string, o?: MessageOptions) =>
  t(o, {
    en: `${label}: ${value}. Show the tickets`,
    fi: `${label}: ${value}. Näytä tiketit`,
    da: `${label}: ${value}. Vis sagerne`
  });

// ---- Charts and their tables ----

export const trendTitle = (o?: MessageOptions) =>
  t(o, {
    en: 'Created, solved and SLA breaches',
    fi: 'Luodut, ratkaistut ja SLA-ylitykset',
    da: 'Oprettet, løst og SLA-overskridelser'
  });

const DIMENSIONS: Record<ReportDimension, Texts> = {
  agent: { en: 'By agent', fi: 'Agenteittain', da: 'Pr. agent' },
  channel: { en: 'By channel', fi: 'Kanavittain', da: 'Pr. kanal' },
  tag: { en: 'By tag', fi: 'Tunnisteittain', da: 'Pr. mærke' },
  priority: { en: 'By priority', fi: 'Prioriteeteittain', da: 'Pr. prioritet' },
  organisation: { en: 'By organisation', fi: 'Organisaatioittain', da: 'Pr. organisation' },
  customer: { en: 'By customer', fi: 'Asiakkaittain', da: 'Pr. kunde' }
};
export const dimensionTitle = (dimension: ReportDimension, o?: MessageOptions) =>
  t(o, DIMENSIONS[dimension]);

export const showTable = (o?: MessageOptions) =>
  t(o, { en: 'Show as a table', fi: 'Näytä taulukkona', da: 'Vis som tabel' });
export const showChart = (o?: MessageOptions) =>
  t(o, { en: 'Show as a chart', fi: 'Näytä kaaviona', da: 'Vis som diagram' });
export const periodColumn = (o?: MessageOptions) =>
  t(o, { en: 'Period', fi: 'Jakso', da: 'Periode' });
export const nameColumn = (o?: MessageOptions) => t(o, { en: 'Name', fi: 'Nimi', da: 'Navn' });
export const unassignedLabel = (o?: MessageOptions) =>
  t(o, { en: 'Unassigned', fi: 'Ei käsittelijää', da: 'Ikke tildelt' });
export const noOrganisation = (o?: MessageOptions) =>
  t(o, { en: 'No organisation', fi: 'Ei organisaatiota', da: 'Ingen organisation' });
export const noRequester = (o?: MessageOptions) =>
  t(o, { en: 'No requester', fi: 'Ei pyytäjää', da: 'Ingen anmoder' });
export const otherCustomers = (o?: MessageOptions) =>
  t(o, { en: 'All other customers', fi: 'Muut asiakkaat', da: 'Alle andre kunder' });

// ---- Shifts ----

export const shiftsTitle = (o?: MessageOptions) =>
  t(o, { en: 'By shift', fi: 'Vuoroittain', da: 'Pr. vagt' });
export const shiftsNote = (zone: string, o?: MessageOptions) =>
  t(o, {
    en: `Shifts of the team’s day in ${zone}: night 00–08, day 08–16, evening 16–24. Each event counts in the shift it happened in.`,
    fi: `Tiimin päivän vuorot aikavyöhykkeellä ${zone}: yö 00–08, päivä 08–16, ilta 16–24. Jokainen tapahtuma lasketaan vuoroon, jonka aikana se tapahtui.`,
    da: `Vagter i teamets døgn i ${zone}: nat 00–08, dag 08–16, aften 16–24. Hver hændelse tælles i den vagt, hvor den skete.`
  });
const SHIFT_NAMES: Record<ShiftId, Texts> = {
  night: { en: 'Night', fi: 'Yö', da: 'Nat' },
  day: { en: 'Day', fi: 'Päivä', da: 'Dag' },
  evening: { en: 'Evening', fi: 'Ilta', da: 'Aften' }
};
export const shiftName = (shift: ShiftId, o?: MessageOptions) => t(o, SHIFT_NAMES[shift]);
export const shiftColumn = (o?: MessageOptions) => t(o, { en: 'Shift', fi: 'Vuoro', da: 'Vagt' });
export const firstRepliesColumn = (o?: MessageOptions) =>
  t(o, { en: 'First replies', fi: 'Ensimmäiset vastaukset', da: 'Første svar' });
export const handoversColumn = (o?: MessageOptions) =>
  t(o, { en: 'Handovers', fi: 'Luovutukset', da: 'Overdragelser' });

export const nothingInPeriod = (o?: MessageOptions) =>
  t(o, {
    en: 'Nothing in this period.',
    fi: 'Ei mitään tällä jaksolla.',
    da: 'Intet i denne periode.'
  });

// ---- Drill-down and exports ----

export const ticketsBehind = (label: string, count: number, o?: MessageOptions) =>
  plural(count, o, {
    en: { one: `${label}: # ticket`, other: `${label}: # tickets` },
    fi: { one: `${label}: # tiketti`, other: `${label}: # tikettiä` },
    da: { one: `${label}: # sag`, other: `${label}: # sager` }
  });

export const moreTicketsInCsv = (o?: MessageOptions) =>
  t(o, {
    en: 'More tickets match: the CSV export has them all.',
    fi: 'Tikettejä on enemmän: CSV-vienti sisältää ne kaikki.',
    da: 'Flere sager passer: CSV-eksporten har dem alle.'
  });

export const closeList = (o?: MessageOptions) => t(o, { en: 'Close', fi: 'Sulje', da: 'Luk' });

export const exportReport = (o?: MessageOptions) =>
  t(o, { en: 'Export report (CSV)', fi: 'Vie raportti (CSV)', da: 'Eksportér rapport (CSV)' });

export const exportReportXlsx = (o?: MessageOptions) =>
  t(o, {
    en: 'Export .xlsx',
    fi: 'Vie .xlsx-tiedostoksi',
    da: 'Eksportér .xlsx'
  });
export const exportTickets = (o?: MessageOptions) =>
  t(o, { en: 'Export tickets (CSV)', fi: 'Vie tiketit (CSV)', da: 'Eksportér sager (CSV)' });

export const subjectColumn = (o?: MessageOptions) =>
  t(o, { en: 'Subject', fi: 'Aihe', da: 'Emne' });
// same in all languages: Danish says "status" too (Finnish: "tila").
export const statusColumn = (o?: MessageOptions) =>
  t(o, { en: 'Status', fi: 'Tila', da: 'Status' });
export const assigneeColumn = (o?: MessageOptions) =>
  t(o, { en: 'Assignee', fi: 'Käsittelijä', da: 'Ansvarlig' });
export const createdColumn = (o?: MessageOptions) =>
  t(o, { en: 'Created', fi: 'Luotu', da: 'Oprettet' });
export const drillFailed = (o?: MessageOptions) =>
  t(o, {
    en: 'The tickets could not be loaded.',
    fi: 'Tikettejä ei voitu ladata.',
    da: 'Sagerne kunne ikke hentes.'
  });

// ---- The weekly email ----

export const weeklySubject = (workspace: string, week: string, o?: MessageOptions) =>
  t(o, {
    en: `${workspace}: the week of ${week}`,
    fi: `${workspace}: viikko ${week}`,
    da: `${workspace}: ugen ${week}`
  });

export const weeklyIntro = (o?: MessageOptions) =>
  t(o, {
    en: 'How the team did last week, against the week before:',
    fi: 'Näin tiimillä meni viime viikolla edelliseen viikkoon verrattuna:',
    da: 'Sådan gik det for teamet i sidste uge, mod ugen før:'
  });

export const weeklyLine = (label: string, now: string, before: string, o?: MessageOptions) =>
  t(o, {
    en: `${label}: ${now} (the week before: ${before})`,
    fi: `${label}: ${now} (edellisellä viikolla: ${before})`,
    da: `${label}: ${now} (ugen før: ${before})`
  });

export const weeklyOpenDashboard = (o?: MessageOptions) =>
  t(o, {
    en: 'The dashboard has the details:',
    fi: 'Tarkemmat tiedot löytyvät raporteista:',
    da: 'Detaljerne står i rapporterne:'
  });
