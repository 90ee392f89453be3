/** The team: who is on, working hours, time zones. */
import { plural, t, type MessageOptions } from '../runtime';

export const everyDay = (o?: MessageOptions) =>
  t(o, { en: 'Every day', fi: 'Joka päivä', da: 'Alle dage' });

export const noWorkingDays = (o?: MessageOptions) =>
  t(o, { en: 'No working days', fi: 'Ei työpäiviä', da: 'Ingen arbejdsdage' });

// same in all languages: Danish teams say "team" (Finnish: "tiimi").
export const teamTitle = (o?: MessageOptions) => t(o, { en: 'Team', fi: 'Tiimi', da: 'Team' });

export const teamIntro = (o?: MessageOptions) =>
  t(o, {
    en: 'Who is on shift now, in their own time zones. Refreshed every 30 seconds.',
    fi: 'Kuka on nyt vuorossa, kunkin omalla aikavyöhykkeellä. Päivittyy 30 sekunnin välein.',
    da: 'Hvem der har vagt nu, i deres egne tidszoner. Opdateres hvert 30. sekund.'
  });

export const noMembersYet = (o?: MessageOptions) =>
  t(o, {
    en: 'No members in this workspace yet.',
    fi: 'Tässä työtilassa ei ole vielä jäseniä.',
    da: 'Der er endnu ingen medlemmer i dette arbejdsområde.'
  });

/** After the member's own name in the list. */
export const youMark = (o?: MessageOptions) => t(o, { en: '(you)', fi: '(sinä)', da: '(dig)' });

export const onShift = (o?: MessageOptions) =>
  t(o, { en: 'On shift', fi: 'Vuorossa', da: 'På vagt' });

export const offShift = (o?: MessageOptions) =>
  t(o, { en: 'Off shift', fi: 'Ei vuorossa', da: 'Ikke på vagt' });

export const localTime = (o?: MessageOptions) =>
  t(o, { en: 'Local time', fi: 'Paikallinen aika', da: 'Lokal tid' });

export const workingHours = (o?: MessageOptions) =>
  t(o, { en: 'Working hours', fi: 'Työaika', da: 'Arbejdstid' });

export const openTickets = (o?: MessageOptions) =>
  t(o, { en: 'Open tickets', fi: 'Avoimet tiketit', da: 'Åbne sager' });

/** The link on a member's open-ticket count: their open tickets, not everyone's. */
export const openTicketsOf = (p: { name: string; count: number }, o?: MessageOptions) =>
  plural(p.count, o, {
    en: { one: `# open ticket of ${p.name}`, other: `# open tickets of ${p.name}` },
    fi: {
      one: `# avoin tiketti, käsittelijä: ${p.name}`,
      other: `# avointa tikettiä, käsittelijä: ${p.name}`
    },
    da: { one: `# åben sag hos ${p.name}`, other: `# åbne sager hos ${p.name}` }
  });
