/** Saved views (the team's and one's own), their editor, and snoozing a ticket. */
import { t, type MessageOptions } from '../runtime';

export const savedViewsTitle = (o?: MessageOptions) =>
  t(o, { en: 'Saved views', fi: 'Tallennetut näkymät', da: 'Gemte visninger' });

export const teamViews = (o?: MessageOptions) =>
  t(o, { en: 'Team views', fi: 'Tiimin näkymät', da: 'Teamets visninger' });

export const myViews = (o?: MessageOptions) =>
  t(o, { en: 'My views', fi: 'Omat näkymät', da: 'Mine visninger' });

export const saveAsView = (o?: MessageOptions) =>
  t(o, { en: 'Save as view', fi: 'Tallenna näkymäksi', da: 'Gem som visning' });

export const newViewTitle = (o?: MessageOptions) =>
  t(o, { en: 'New view', fi: 'Uusi näkymä', da: 'Ny visning' });

export const editViewTitle = (p: { name: string }, o?: MessageOptions) =>
  t(o, {
    en: `Edit view “${p.name}”`,
    fi: `Muokkaa näkymää ”${p.name}”`,
    da: `Redigér visningen »${p.name}«`
  });

export const editView = (o?: MessageOptions) => t(o, { en: 'Edit', fi: 'Muokkaa', da: 'Redigér' });

export const viewNameLabel = (o?: MessageOptions) => t(o, { en: 'Name', fi: 'Nimi', da: 'Navn' });

export const baseListLabel = (o?: MessageOptions) =>
  t(o, { en: 'Start from', fi: 'Pohjana', da: 'Tag udgangspunkt i' });

export const allTickets = (o?: MessageOptions) =>
  t(o, { en: 'All tickets', fi: 'Kaikki tiketit', da: 'Alle sager' });

export const anyStatusHint = (o?: MessageOptions) =>
  t(o, {
    en: 'None ticked: any',
    fi: 'Ei valintoja: mikä tahansa',
    da: 'Intet valgt: alle'
  });

export const meAssignee = (o?: MessageOptions) =>
  t(o, { en: 'Me (whoever looks)', fi: 'Minä (katsoja)', da: 'Mig (den, der ser)' });

export const channelsLabel = (o?: MessageOptions) =>
  t(o, { en: 'Channel', fi: 'Kanava', da: 'Kanal' });

export const tagsModeLabel = (o?: MessageOptions) =>
  t(o, { en: 'Tags', fi: 'Tunnisteet', da: 'Mærker' });

export const tagsMode = (mode: 'any' | 'all' | 'none', o?: MessageOptions) =>
  t(
    o,
    {
      any: { en: 'has any of', fi: 'on jokin näistä', da: 'har et af' },
      all: { en: 'has all of', fi: 'on kaikki nämä', da: 'har alle' },
      none: { en: 'has none of', fi: 'ei ole mitään näistä', da: 'har ingen af' }
    }[mode]
  );

export const tagsInputHint = (o?: MessageOptions) =>
  t(o, {
    en: 'Tags separated by spaces',
    fi: 'Tunnisteet välilyönnein eroteltuina',
    da: 'Mærker adskilt af mellemrum'
  });

export const organisationContains = (o?: MessageOptions) =>
  t(o, {
    en: 'Organisation contains',
    fi: 'Organisaatio sisältää',
    da: 'Organisation indeholder'
  });

export const slaStateLabel = (o?: MessageOptions) =>
  t(o, { en: 'Service level (SLA)', fi: 'Palvelutaso (SLA)', da: 'Serviceniveau (SLA)' });

export const slaState = (state: 'any' | 'breached' | 'due-within' | 'none', o?: MessageOptions) =>
  t(
    o,
    {
      any: { en: 'Any', fi: 'Mikä tahansa', da: 'Alle' },
      breached: { en: 'Breached', fi: 'Ylittynyt', da: 'Overskredet' },
      'due-within': {
        en: 'Due within hours',
        fi: 'Erääntyy tuntien sisällä',
        da: 'Forfalder inden for timer'
      },
      none: { en: 'No SLA', fi: 'Ei palvelutasoa', da: 'Intet serviceniveau' }
    }[state]
  );

export const hoursLabel = (o?: MessageOptions) => t(o, { en: 'Hours', fi: 'Tuntia', da: 'Timer' });

export const createdLastDays = (o?: MessageOptions) =>
  t(o, {
    en: 'Created in the last days',
    fi: 'Luotu viime päivinä (päiviä)',
    da: 'Oprettet inden for de seneste dage'
  });

export const updatedLastDays = (o?: MessageOptions) =>
  t(o, {
    en: 'Updated in the last days',
    fi: 'Päivitetty viime päivinä (päiviä)',
    da: 'Opdateret inden for de seneste dage'
  });

export const customFieldsLegend = (o?: MessageOptions) =>
  t(o, { en: 'Custom fields', fi: 'Lisäkentät', da: 'Egne felter' });

export const fieldContains = (o?: MessageOptions) =>
  t(o, { en: 'contains', fi: 'sisältää', da: 'indeholder' });

export const fieldAtLeast = (o?: MessageOptions) =>
  t(o, { en: 'at least', fi: 'vähintään', da: 'mindst' });

export const fieldAtMost = (o?: MessageOptions) =>
  t(o, { en: 'at most', fi: 'enintään', da: 'højst' });

export const fieldFrom = (o?: MessageOptions) => t(o, { en: 'from', fi: 'alkaen', da: 'fra' });

export const fieldTo = (o?: MessageOptions) => t(o, { en: 'to', fi: 'asti', da: 'til' });

export const fieldAny = (o?: MessageOptions) => t(o, { en: 'Any', fi: 'Mikä tahansa', da: 'Alle' });

export const fieldTicked = (o?: MessageOptions) =>
  t(o, { en: 'Ticked', fi: 'Valittu', da: 'Markeret' });

export const fieldNotTicked = (o?: MessageOptions) =>
  t(o, { en: 'Not ticked', fi: 'Ei valittu', da: 'Ikke markeret' });

export const columnsLabel = (o?: MessageOptions) =>
  t(o, { en: 'Columns', fi: 'Sarakkeet', da: 'Kolonner' });

export const columnLabel = (column: 'due' | 'channel', o?: MessageOptions) =>
  t(
    o,
    {
      due: { en: 'Due', fi: 'Erääntyy', da: 'Forfalder' },
      channel: { en: 'Channel', fi: 'Kanava', da: 'Kanal' }
    }[column]
  );

export const shareWithTeam = (o?: MessageOptions) =>
  t(o, { en: 'Share with the team', fi: 'Jaa tiimille', da: 'Del med teamet' });

export const onlyYouSee = (o?: MessageOptions) =>
  t(o, {
    en: 'Only you see this view, on each of your devices.',
    fi: 'Vain sinä näet tämän näkymän, kaikilla laitteillasi.',
    da: 'Kun du ser denne visning, på alle dine enheder.'
  });

export const sharedWithTeam = (o?: MessageOptions) =>
  t(o, {
    en: 'Shared with the team.',
    fi: 'Jaettu tiimille.',
    da: 'Delt med teamet.'
  });

export const saveView = (o?: MessageOptions) =>
  t(o, { en: 'Save view', fi: 'Tallenna näkymä', da: 'Gem visning' });

export const deleteView = (o?: MessageOptions) =>
  t(o, { en: 'Delete view', fi: 'Poista näkymä', da: 'Slet visning' });

export const viewSaved = (p: { name: string }, o?: MessageOptions) =>
  t(o, {
    en: `View “${p.name}” saved.`,
    fi: `Näkymä ”${p.name}” tallennettu.`,
    da: `Visningen »${p.name}« er gemt.`
  });

export const viewDeleted = (p: { name: string }, o?: MessageOptions) =>
  t(o, {
    en: `View “${p.name}” deleted.`,
    fi: `Näkymä ”${p.name}” poistettu.`,
    da: `Visningen »${p.name}« er slettet.`
  });

export const couldNotSaveView = (p: { problem: string }, o?: MessageOptions) =>
  t(o, {
    en: `The view was not saved: ${p.problem}`,
    fi: `Näkymää ei tallennettu: ${p.problem}`,
    da: `Visningen blev ikke gemt: ${p.problem}`
  });

export const viewNeedsName = (o?: MessageOptions) =>
  t(o, {
    en: 'A view needs a name.',
    fi: 'Näkymä tarvitsee nimen.',
    da: 'En visning skal have et navn.'
  });

export const noSuchView = (o?: MessageOptions) =>
  t(o, {
    en: 'This view does not exist (any more).',
    fi: 'Tätä näkymää ei ole (enää).',
    da: 'Denne visning findes ikke (længere).'
  });

export const viewCountLabel = (p: { name: string; count: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.name}: ${p.count} tickets`,
    fi: `${p.name}: ${p.count} tikettiä`,
    da: `${p.name}: ${p.count} sager`
  });

// Snooze: "pending until" (glossary: siirrä myöhemmäksi / udsæt).

export const snoozeLabel = (o?: MessageOptions) =>
  t(o, { en: 'Snooze', fi: 'Siirrä myöhemmäksi', da: 'Udsæt' });

export const snoozeTomorrow = (o?: MessageOptions) =>
  t(o, { en: 'Tomorrow morning', fi: 'Huomisaamuna', da: 'I morgen tidlig' });

export const snoozeNextMonday = (o?: MessageOptions) =>
  t(o, { en: 'Next Monday', fi: 'Ensi maanantaina', da: 'Næste mandag' });

export const snoozeDateLabel = (o?: MessageOptions) =>
  t(o, { en: 'Or a date', fi: 'Tai päivämäärä', da: 'Eller en dato' });

export const snoozeUntilDate = (o?: MessageOptions) =>
  t(o, { en: 'Snooze until then', fi: 'Siirrä siihen asti', da: 'Udsæt til da' });

export const pendingUntil = (p: { until: string }, o?: MessageOptions) =>
  t(o, {
    en: `Pending until ${p.until}`,
    fi: `Odottaa ${p.until} asti`,
    da: `Afventer indtil ${p.until}`
  });

export const snoozeEndedDue = (o?: MessageOptions) =>
  t(o, {
    en: 'Snooze ended: due now',
    fi: 'Siirto päättyi: käsiteltävä nyt',
    da: 'Udsættelsen er slut: skal behandles nu'
  });

export const couldNotSnooze = (o?: MessageOptions) =>
  t(o, {
    en: 'The ticket could not be snoozed.',
    fi: 'Tikettiä ei voitu siirtää myöhemmäksi.',
    da: 'Sagen kunne ikke udsættes.'
  });

export const snoozeInPast = (o?: MessageOptions) =>
  t(o, {
    en: 'Pick a time in the future.',
    fi: 'Valitse tuleva ajankohta.',
    da: 'Vælg et tidspunkt i fremtiden.'
  });

// Personal macros (the macros page's "My macros").

export const myMacros = (o?: MessageOptions) =>
  t(o, { en: 'My macros', fi: 'Omat makrot', da: 'Mine makroer' });

export const myMacrosHint = (o?: MessageOptions) =>
  t(o, {
    en: 'Only you see and use these, on each of your devices; they sit beside the shared ones in the macro picker.',
    fi: 'Vain sinä näet ja käytät näitä, kaikilla laitteillasi; ne ovat makrovalitsimessa jaettujen rinnalla.',
    da: 'Kun du ser og bruger disse, på alle dine enheder; de står ved siden af de fælles i makrovælgeren.'
  });

export const newMyMacro = (o?: MessageOptions) =>
  t(o, { en: 'New macro of my own', fi: 'Uusi oma makro', da: 'Ny makro til mig selv' });
