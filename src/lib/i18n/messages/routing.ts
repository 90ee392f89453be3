/** Routing: the settings page (assignment mode, capacity, skill rules). */
import type { RoutingMode } from '../../domain/settings';
import { t, type MessageOptions, type Texts } from '../runtime';

export const routingTitle = (o?: MessageOptions) =>
  t(o, { en: 'Routing', fi: 'Reititys', da: 'Fordeling' });

export const settingsNavigation = (o?: MessageOptions) =>
  t(o, { en: 'Settings', fi: 'Asetukset', da: 'Indstillinger' });

export const routingIntro = (o?: MessageOptions) =>
  t(o, {
    en: 'Who gets a new ticket. Baton gives it only to agents who are on shift, have the skills the ticket needs and have room for more; waiting tickets go out as soon as someone comes on shift or solves one.',
    fi: 'Kuka saa uuden tiketin. Baton antaa sen vain agentille, joka on vuorossa, jolla on tiketin vaatimat taidot ja jolla on tilaa uusille; odottavat tiketit jaetaan heti, kun joku tulee vuoroon tai ratkaisee tiketin.',
    da: 'Hvem der får en ny sag. Baton giver den kun til agenter, der er på vagt, har de færdigheder, sagen kræver, og har plads til flere; ventende sager fordeles, så snart nogen møder på vagt eller løser en sag.'
  });

export const routingReadOnly = (o?: MessageOptions) =>
  t(o, {
    en: 'Only owners and admins change routing.',
    fi: 'Vain omistajat ja ylläpitäjät muuttavat reititystä.',
    da: 'Kun ejere og administratorer ændrer fordelingen.'
  });

export const assignmentTitle = (o?: MessageOptions) =>
  t(o, { en: 'Assignment', fi: 'Jakotapa', da: 'Tildeling' });

const MODE: Record<RoutingMode, Texts> = {
  manual: { en: 'Manual', fi: 'Käsin', da: 'Manuel' },
  'round-robin': { en: 'Round robin', fi: 'Vuorotellen', da: 'På skift' },
  'least-loaded': { en: 'Least loaded', fi: 'Vähiten kuormitettu', da: 'Mindst belastet' }
};

export const modeLabel = (mode: RoutingMode, o?: MessageOptions) => t(o, MODE[mode]);

const MODE_HINT: Record<RoutingMode, Texts> = {
  manual: {
    en: 'Agents take tickets themselves; Baton assigns nothing.',
    fi: 'Agentit ottavat tiketit itse; Baton ei jaa mitään.',
    da: 'Agenterne tager selv sagerne; Baton tildeler intet.'
  },
  'round-robin': {
    en: 'In turn among the agents on shift.',
    fi: 'Vuorotellen vuorossa oleville agenteille.',
    da: 'På skift mellem agenterne på vagt.'
  },
  'least-loaded': {
    en: 'To the agent on shift with the fewest open tickets.',
    fi: 'Vuorossa olevalle agentille, jolla on vähiten avoimia tikettejä.',
    da: 'Til agenten på vagt med færrest åbne sager.'
  }
};

export const modeHint = (mode: RoutingMode, o?: MessageOptions) => t(o, MODE_HINT[mode]);

export const capacityLabel = (o?: MessageOptions) =>
  t(o, {
    en: 'Open tickets per agent, at most',
    fi: 'Avoimia tikettejä agentilla enintään',
    da: 'Åbne sager pr. agent, højst'
  });

export const capacityHint = (o?: MessageOptions) =>
  t(o, { en: 'Empty: no limit.', fi: 'Tyhjä: ei rajaa.', da: 'Tom: ingen grænse.' });

export const noLimit = (o?: MessageOptions) =>
  t(o, { en: 'no limit', fi: 'ei rajaa', da: 'ingen grænse' });

export const saveAssignment = (o?: MessageOptions) =>
  t(o, { en: 'Save assignment', fi: 'Tallenna jakotapa', da: 'Gem tildeling' });

export const routingSaved = (o?: MessageOptions) =>
  t(o, { en: 'Routing saved', fi: 'Reititys tallennettu', da: 'Fordelingen er gemt' });

export const couldNotSaveRouting = (p: { problem: string }, o?: MessageOptions) =>
  t(o, {
    en: `Could not save: ${p.problem}`,
    fi: `Tallennus epäonnistui: ${p.problem}`,
    da: `Kunne ikke gemme: ${p.problem}`
  });

export const nextInTurn = (p: { name: string }, o?: MessageOptions) =>
  t(o, {
    en: `Next in turn: after ${p.name}`,
    fi: `Seuraava vuorossa: ${p.name} jälkeen`,
    da: `Næste på skift: efter ${p.name}`
  });

// Skill rules

export const skillRulesTitle = (o?: MessageOptions) =>
  t(o, { en: 'Skill rules', fi: 'Taitosäännöt', da: 'Færdighedsregler' });

export const skillRulesIntro = (o?: MessageOptions) =>
  t(o, {
    en: 'A ticket that meets every condition of a rule goes only to agents who have all of its skills. Members list their skills in their profile.',
    fi: 'Tiketti, joka täyttää säännön kaikki ehdot, menee vain agentille, jolla on kaikki säännön taidot. Jäsenet kertovat taitonsa profiilissaan.',
    da: 'En sag, der opfylder alle betingelser i en regel, går kun til agenter, der har alle reglens færdigheder. Medlemmerne angiver deres færdigheder i deres profil.'
  });

export const noSkillRules = (o?: MessageOptions) =>
  t(o, {
    en: 'No skill rules: any agent on shift may get any ticket.',
    fi: 'Ei taitosääntöjä: kuka tahansa vuorossa oleva agentti voi saada minkä tahansa tiketin.',
    da: 'Ingen færdighedsregler: enhver agent på vagt kan få enhver sag.'
  });

export const addSkillRule = (o?: MessageOptions) =>
  t(o, { en: 'Add a skill rule', fi: 'Lisää taitosääntö', da: 'Tilføj en færdighedsregel' });

export const ruleName = (o?: MessageOptions) =>
  t(o, { en: 'Rule name', fi: 'Säännön nimi', da: 'Reglens navn' });

export const ruleConditions = (o?: MessageOptions) =>
  t(o, {
    en: 'When the ticket (at least one condition)',
    fi: 'Kun tiketti (vähintään yksi ehto)',
    da: 'Når sagen (mindst én betingelse)'
  });

export const ruleChannels = (o?: MessageOptions) =>
  t(o, { en: 'came by', fi: 'tuli kanavasta', da: 'kom via' });

export const ruleLanguages = (o?: MessageOptions) =>
  t(o, {
    en: 'is written in',
    fi: 'on kirjoitettu kielellä',
    da: 'er skrevet på'
  });

export const ruleTags = (o?: MessageOptions) =>
  t(o, {
    en: 'has one of these tags (comma-separated)',
    fi: 'on jokin näistä tunnisteista (pilkuin eroteltuina)',
    da: 'har et af disse mærker (adskilt med komma)'
  });

export const ruleSkills = (o?: MessageOptions) =>
  t(o, {
    en: 'it needs these skills (comma-separated)',
    fi: 'se vaatii nämä taidot (pilkuin eroteltuina)',
    da: 'kræver den disse færdigheder (adskilt med komma)'
  });

export const saveRule = (o?: MessageOptions) =>
  t(o, { en: 'Save rule', fi: 'Tallenna sääntö', da: 'Gem regel' });

export const editRule = (o?: MessageOptions) => t(o, { en: 'Edit', fi: 'Muokkaa', da: 'Redigér' });

export const removeRule = (o?: MessageOptions) => t(o, { en: 'Remove', fi: 'Poista', da: 'Fjern' });

export const ruleSummary = (p: { when: string; skills: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.when} → needs ${p.skills}`,
    fi: `${p.when} → vaatii: ${p.skills}`,
    da: `${p.when} → kræver ${p.skills}`
  });
