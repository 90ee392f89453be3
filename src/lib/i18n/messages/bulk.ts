/**
 * Bulk selection and actions on the lists and the board (fi "valitse", "N valittu"; da "vælg",
 * "N valgt").
 */
import { plural, t, type MessageOptions } from '../runtime';

export const selectTicket = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, { en: `Select ${p.ticket}`, fi: `Valitse ${p.ticket}`, da: `Vælg ${p.ticket}` });

export const selectAllShown = (o?: MessageOptions) =>
  t(o, {
    en: 'Select all tickets shown',
    fi: 'Valitse kaikki näkyvät tiketit',
    da: 'Vælg alle viste sager'
  });

export const selectAllInList = (count: number, o?: MessageOptions) =>
  plural(count, o, {
    en: { one: 'Select the # ticket in this list', other: 'Select all # in this list' },
    fi: { one: 'Valitse tämän listan # tiketti', other: 'Valitse kaikki # tässä listassa' },
    da: { one: 'Vælg den # sag i denne liste', other: 'Vælg alle # i denne liste' }
  });

export const selectedCount = (count: number, o?: MessageOptions) =>
  plural(count, o, {
    en: { one: '# selected', other: '# selected' },
    fi: { one: '# valittu', other: '# valittu' },
    da: { one: '# valgt', other: '# valgt' }
  });

export const clearSelection = (o?: MessageOptions) =>
  t(o, { en: 'Clear selection', fi: 'Poista valinnat', da: 'Ryd valg' });

export const selectMode = (o?: MessageOptions) => t(o, { en: 'Select', fi: 'Valitse', da: 'Vælg' });

export const bulkActionsLabel = (o?: MessageOptions) =>
  t(o, {
    en: 'Actions for the selected tickets',
    fi: 'Toiminnot valituille tiketeille',
    da: 'Handlinger for de valgte sager'
  });

export const bulkAssign = (o?: MessageOptions) =>
  t(o, { en: 'Assign to…', fi: 'Käsittelijäksi…', da: 'Tildel til…' });

export const bulkToMe = (o?: MessageOptions) => t(o, { en: 'Me', fi: 'Minä', da: 'Mig' });

export const bulkToQueue = (o?: MessageOptions) =>
  t(o, {
    en: 'Back to the queue (unassigned)',
    fi: 'Takaisin jonoon (ei käsittelijää)',
    da: 'Tilbage i køen (ikke tildelt)'
  });

export const bulkStatus = (o?: MessageOptions) =>
  // same in all languages (Danish says status too)
  t(o, { en: 'Status…', fi: 'Tila…', da: 'Status…' });

export const bulkPriority = (o?: MessageOptions) =>
  t(o, { en: 'Priority…', fi: 'Prioriteetti…', da: 'Prioritet…' });

export const bulkTags = (o?: MessageOptions) =>
  t(o, { en: 'Tags…', fi: 'Tunnisteet…', da: 'Mærker…' });

export const bulkAddTags = (o?: MessageOptions) =>
  t(o, { en: 'Add tags', fi: 'Lisää tunnisteet', da: 'Tilføj mærker' });

export const bulkRemoveTags = (o?: MessageOptions) =>
  t(o, { en: 'Remove tags', fi: 'Poista tunnisteet', da: 'Fjern mærker' });

export const bulkTagsHint = (o?: MessageOptions) =>
  t(o, { en: 'Separate with commas', fi: 'Erota pilkuilla', da: 'Adskil med kommaer' });

export const bulkApply = (o?: MessageOptions) => t(o, { en: 'Apply', fi: 'Käytä', da: 'Anvend' });

export const bulkCancel = (o?: MessageOptions) =>
  t(o, { en: 'Cancel', fi: 'Peruuta', da: 'Annuller' });

export const bulkMacro = (o?: MessageOptions) => t(o, { en: 'Macro…', fi: 'Makro…', da: 'Makro…' });

export const bulkMerge = (o?: MessageOptions) =>
  t(o, { en: 'Merge…', fi: 'Yhdistä…', da: 'Flet…' });

export const bulkWorking = (p: { done: number; total: number }, o?: MessageOptions) =>
  t(o, {
    en: `Changing tickets: ${p.done} of ${p.total}`,
    fi: `Muutetaan tikettejä: ${p.done}/${p.total}`,
    da: `Ændrer sager: ${p.done} af ${p.total}`
  });

export const bulkChanged = (count: number, o?: MessageOptions) =>
  plural(count, o, {
    en: { one: 'Changed # ticket', other: 'Changed # tickets' },
    fi: { one: 'Muutettiin # tiketti', other: 'Muutettiin # tikettiä' },
    da: { one: 'Ændrede # sag', other: 'Ændrede # sager' }
  });

export const bulkNothingToChange = (o?: MessageOptions) =>
  t(o, {
    en: 'Nothing to change: the tickets already were so.',
    fi: 'Ei muutettavaa: tiketit olivat jo näin.',
    da: 'Intet at ændre: sagerne var allerede sådan.'
  });

export const bulkUnavailable = (count: number, o?: MessageOptions) =>
  plural(count, o, {
    en: {
      one: '# ticket is not on this device while offline and was left as it is.',
      other: '# tickets are not on this device while offline and were left as they are.'
    },
    fi: {
      one: '# tiketti ei ole tällä laitteella yhteyden ollessa poikki, eikä sitä muutettu.',
      other: '# tikettiä ei ole tällä laitteella yhteyden ollessa poikki, eikä niitä muutettu.'
    },
    da: {
      one: '# sag er ikke på denne enhed uden forbindelse og blev ikke ændret.',
      other: '# sager er ikke på denne enhed uden forbindelse og blev ikke ændret.'
    }
  });

export const bulkFailed = (p: { count: number; reason: string }, o?: MessageOptions) =>
  plural(p.count, o, {
    en: { one: `# ticket not changed: ${p.reason}`, other: `# tickets not changed: ${p.reason}` },
    fi: {
      one: `# tikettiä ei muutettu: ${p.reason}`,
      other: `# tikettiä ei muutettu: ${p.reason}`
    },
    da: {
      one: `# sag blev ikke ændret: ${p.reason}`,
      other: `# sager blev ikke ændret: ${p.reason}`
    }
  });

export const bulkUndone = (count: number, o?: MessageOptions) =>
  plural(count, o, {
    en: { one: 'Undone on # ticket', other: 'Undone on # tickets' },
    fi: { one: 'Peruttu # tiketistä', other: 'Peruttu # tiketistä' },
    da: { one: 'Fortrudt på # sag', other: 'Fortrudt på # sager' }
  });

export const bulkChangedSince = (count: number, o?: MessageOptions) =>
  plural(count, o, {
    en: {
      one: '# ticket changed since and was kept as it is',
      other: '# tickets changed since and were kept as they are'
    },
    fi: {
      one: '# tiketti on muuttunut sen jälkeen, ja se jätettiin ennalleen',
      other: '# tikettiä on muuttunut sen jälkeen, ja ne jätettiin ennalleen'
    },
    da: {
      one: '# sag er ændret siden og blev ladt, som den er',
      other: '# sager er ændret siden og blev ladt, som de er'
    }
  });

export const couldNotBulk = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not change the selected tickets',
    fi: 'Valittuja tikettejä ei voitu muuttaa',
    da: 'De valgte sager kunne ikke ændres'
  });

export const couldNotUndoBulk = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not undo the change',
    fi: 'Muutosta ei voitu perua',
    da: 'Ændringen kunne ikke fortrydes'
  });

export const bulkTooMany = (max: number, o?: MessageOptions) =>
  t(o, {
    en: `At most ${max} tickets at once: the first ${max} selected are changed.`,
    fi: `Enintään ${max} tikettiä kerralla: muutetaan ${max} ensimmäistä valittua.`,
    da: `Højst ${max} sager ad gangen: de første ${max} valgte ændres.`
  });

export const bulkMacroTitle = (count: number, o?: MessageOptions) =>
  plural(count, o, {
    en: { one: 'Apply a macro to # ticket', other: 'Apply a macro to # tickets' },
    fi: { one: 'Käytä makroa # tikettiin', other: 'Käytä makroa # tikettiin' },
    da: { one: 'Anvend en makro på # sag', other: 'Anvend en makro på # sager' }
  });

export const bulkMacroReading = (o?: MessageOptions) =>
  t(o, { en: 'Reading the tickets…', fi: 'Luetaan tikettejä…', da: 'Læser sagerne…' });

export const bulkMacroChanges = (p: { changing: number; total: number }, o?: MessageOptions) =>
  t(o, {
    en: `Changes ${p.changing} of ${p.total} tickets:`,
    fi: `Muuttaa ${p.changing}/${p.total} tikettiä:`,
    da: `Ændrer ${p.changing} af ${p.total} sager:`
  });

export const bulkMacroOnTickets = (p: { what: string; count: number }, o?: MessageOptions) =>
  plural(p.count, o, {
    en: { one: `${p.what} (# ticket)`, other: `${p.what} (# tickets)` },
    fi: { one: `${p.what} (# tiketti)`, other: `${p.what} (# tikettiä)` },
    da: { one: `${p.what} (# sag)`, other: `${p.what} (# sager)` }
  });

export const bulkMacroReplies = (count: number, o?: MessageOptions) =>
  plural(count, o, {
    en: {
      one: 'Reply added to the draft of # ticket, written for it:',
      other: 'Reply added to the drafts of # tickets, written for each; the first:'
    },
    fi: {
      one: 'Vastaus lisätään # tiketin luonnokseen sille kirjoitettuna:',
      other: 'Vastaus lisätään # tiketin luonnokseen kullekin kirjoitettuna; ensimmäinen:'
    },
    da: {
      one: 'Svar tilføjes udkastet på # sag, skrevet til den:',
      other: 'Svar tilføjes udkastene på # sager, skrevet til hver; den første:'
    }
  });

export const bulkMacroFailing = (count: number, o?: MessageOptions) =>
  plural(count, o, {
    en: {
      one: '# ticket is left alone: a template does not render for it.',
      other: '# tickets are left alone: a template does not render for them.'
    },
    fi: {
      one: '# tiketti jätetään ennalleen: pohja ei toimi sille.',
      other: '# tikettiä jätetään ennalleen: pohja ei toimi niille.'
    },
    da: {
      one: '# sag lades uændret: en skabelon virker ikke for den.',
      other: '# sager lades uændret: en skabelon virker ikke for dem.'
    }
  });

export const bulkMacroSkipsNote = (o?: MessageOptions) =>
  t(o, {
    en: "The macro's internal note is not added when it is applied to many tickets.",
    fi: 'Makron sisäistä muistiinpanoa ei lisätä, kun makroa käytetään moneen tikettiin.',
    da: 'Makroens interne note tilføjes ikke, når den anvendes på mange sager.'
  });

export const bulkMergeTitle = (count: number, o?: MessageOptions) =>
  plural(count, o, {
    en: { one: 'Merge # ticket', other: 'Merge # tickets into one' },
    fi: { one: 'Yhdistä # tiketti', other: 'Yhdistä # tikettiä yhdeksi' },
    da: { one: 'Flet # sag', other: 'Flet # sager til én' }
  });

export const bulkMergeKeep = (o?: MessageOptions) =>
  t(o, {
    en: 'The ticket to keep: the others are closed and their messages, requesters and tags copied into it.',
    fi: 'Säilytettävä tiketti: muut suljetaan, ja niiden viestit, pyytäjät ja tunnisteet kopioidaan siihen.',
    da: 'Sagen, der beholdes: de andre lukkes, og deres beskeder, anmodere og mærker kopieres ind i den.'
  });

export const bulkMergeNeedsTwo = (o?: MessageOptions) =>
  t(o, {
    en: 'Select at least two tickets to merge.',
    fi: 'Valitse vähintään kaksi tikettiä yhdistettäväksi.',
    da: 'Vælg mindst to sager for at flette.'
  });

export const bulkMergeInto = (p: { target: string }, o?: MessageOptions) =>
  t(o, { en: `Merge into ${p.target}`, fi: `Yhdistä: ${p.target}`, da: `Flet ind i ${p.target}` });

export const bulkMerged = (p: { count: number; target: string }, o?: MessageOptions) =>
  plural(p.count, o, {
    en: { one: `Merged # ticket into ${p.target}`, other: `Merged # tickets into ${p.target}` },
    fi: {
      one: `# tiketti yhdistettiin: ${p.target}`,
      other: `# tikettiä yhdistettiin: ${p.target}`
    },
    da: { one: `Flettede # sag ind i ${p.target}`, other: `Flettede # sager ind i ${p.target}` }
  });

export const bulkMergeTargetMissing = (o?: MessageOptions) =>
  t(o, {
    en: 'The ticket to keep is not on this device while offline.',
    fi: 'Säilytettävä tiketti ei ole tällä laitteella yhteyden ollessa poikki.',
    da: 'Sagen, der beholdes, er ikke på denne enhed uden forbindelse.'
  });

export const helpSelect = (o?: MessageOptions) =>
  t(o, {
    en: 'Select the focused ticket',
    fi: 'Valitse kohdistettu tiketti',
    da: 'Vælg den fokuserede sag'
  });

export const helpSelectRange = (o?: MessageOptions) =>
  t(o, {
    en: 'Select every ticket up to the focused one',
    fi: 'Valitse tiketit kohdistettuun asti',
    da: 'Vælg alle sager frem til den fokuserede'
  });
