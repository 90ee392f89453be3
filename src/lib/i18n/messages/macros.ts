/**
 * Macros (fi "makro", da "makro"): the picker in the composer, its preview, the settings page.
 */
import type { TemplateProblem } from '$lib/domain/macro-template';
import { t, type MessageOptions } from '../runtime';

export const macrosTitle = (o?: MessageOptions) =>
  t(o, { en: 'Macros', fi: 'Makrot', da: 'Makroer' });

export const applyMacroButton = (o?: MessageOptions) =>
  t(o, { en: 'Macro…', fi: 'Makro…', da: 'Makro…' });

export const searchMacros = (o?: MessageOptions) =>
  t(o, { en: 'Search macros', fi: 'Hae makroja', da: 'Søg i makroer' });

export const noMacrosFound = (o?: MessageOptions) =>
  t(o, {
    en: 'No macro matches.',
    fi: 'Yksikään makro ei vastaa hakua.',
    da: 'Ingen makro passer til søgningen.'
  });

export const noMacrosYet = (o?: MessageOptions) =>
  t(o, {
    en: 'No macros yet. Admins add shared macros under Settings → Macros.',
    fi: 'Makroja ei vielä ole. Ylläpitäjät lisäävät yhteisiä makroja kohdassa Asetukset → Makrot.',
    da: 'Ingen makroer endnu. Administratorer tilføjer fælles makroer under Indstillinger → Makroer.'
  });

export const macroPreviewTitle = (o?: MessageOptions) =>
  t(o, { en: 'Preview', fi: 'Esikatselu', da: 'Forhåndsvisning' });

export const macroPreviewReply = (o?: MessageOptions) =>
  t(o, {
    en: 'Added to the reply draft',
    fi: 'Lisätään vastausluonnokseen',
    da: 'Tilføjes til svarudkastet'
  });

export const macroPreviewNote = (o?: MessageOptions) =>
  t(o, {
    en: 'Put in the internal note',
    fi: 'Lisätään sisäiseen muistiinpanoon',
    da: 'Sættes i den interne note'
  });

export const macroPreviewNoChanges = (o?: MessageOptions) =>
  t(o, {
    en: 'Changes no fields of this ticket.',
    fi: 'Ei muuta tämän tiketin kenttiä.',
    da: 'Ændrer ingen felter på denne sag.'
  });

export const macroChangeStatus = (p: { from: string; to: string }, o?: MessageOptions) =>
  // same in all languages
  t(o, {
    en: `Status: ${p.from} → ${p.to}`,
    fi: `Tila: ${p.from} → ${p.to}`,
    da: `Status: ${p.from} → ${p.to}`
  });

export const macroChangePriority = (p: { from: string; to: string }, o?: MessageOptions) =>
  t(o, {
    en: `Priority: ${p.from} → ${p.to}`,
    fi: `Prioriteetti: ${p.from} → ${p.to}`,
    da: `Prioritet: ${p.from} → ${p.to}`
  });

export const macroChangeAssignee = (p: { from: string; to: string }, o?: MessageOptions) =>
  t(o, {
    en: `Assignee: ${p.from} → ${p.to}`,
    fi: `Käsittelijä: ${p.from} → ${p.to}`,
    da: `Ansvarlig: ${p.from} → ${p.to}`
  });

export const macroTagAdded = (p: { tag: string }, o?: MessageOptions) =>
  t(o, {
    en: `Adds the tag ${p.tag}`,
    fi: `Lisää tunnisteen ${p.tag}`,
    da: `Tilføjer mærket ${p.tag}`
  });

export const macroTagRemoved = (p: { tag: string }, o?: MessageOptions) =>
  t(o, {
    en: `Removes the tag ${p.tag}`,
    fi: `Poistaa tunnisteen ${p.tag}`,
    da: `Fjerner mærket ${p.tag}`
  });

export const macroChangeField = (
  p: { field: string; from: string; to: string },
  o?: MessageOptions
) =>
  p.to === ''
    ? t(o, {
        en: `Clears ${p.field}`,
        fi: `Tyhjentää kentän ${p.field}`,
        da: `Rydder feltet ${p.field}`
      })
    : t(o, {
        en: `${p.field}: ${p.from || '–'} → ${p.to}`,
        fi: `${p.field}: ${p.from || '–'} → ${p.to}`,
        da: `${p.field}: ${p.from || '–'} → ${p.to}`
      });

export const macroSetFields = (o?: MessageOptions) =>
  t(o, { en: 'Set fields', fi: 'Aseta kentät', da: 'Udfyld felter' });

export const macroSetFieldsHint = (o?: MessageOptions) =>
  t(o, {
    en: 'The fields you fill in here are set on the ticket; empty ones are left as they are.',
    fi: 'Tässä täytetyt kentät asetetaan tiketille; tyhjät jätetään ennalleen.',
    da: 'De felter, du udfylder her, sættes på sagen; tomme felter bliver, som de er.'
  });

export const macroFieldProblem = (p: { fields: string }, o?: MessageOptions) =>
  t(o, {
    en: `This macro sets fields the workspace no longer has, or values they no longer take: ${p.fields}. Ask an admin to fix it.`,
    fi: `Makro asettaa kenttiä, joita työtilassa ei enää ole, tai arvoja, joita ne eivät enää hyväksy: ${p.fields}. Pyydä ylläpitäjää korjaamaan se.`,
    da: `Makroen sætter felter, som arbejdsområdet ikke længere har, eller værdier, de ikke længere tager imod: ${p.fields}. Bed en administrator om at rette den.`
  });

export const macroApply = (o?: MessageOptions) => t(o, { en: 'Apply', fi: 'Käytä', da: 'Anvend' });

export const macroCancel = (o?: MessageOptions) =>
  t(o, { en: 'Cancel', fi: 'Peruuta', da: 'Annuller' });

export const macroApplied = (p: { name: string }, o?: MessageOptions) =>
  t(o, {
    en: `Macro “${p.name}” applied`,
    fi: `Makro ”${p.name}” käytetty`,
    da: `Makroen “${p.name}” er anvendt`
  });

export const macroUndo = (o?: MessageOptions) => t(o, { en: 'Undo', fi: 'Peru', da: 'Fortryd' });

export const macroUndone = (p: { name: string }, o?: MessageOptions) =>
  t(o, {
    en: `Macro “${p.name}” undone`,
    fi: `Makro ”${p.name}” peruttu`,
    da: `Makroen “${p.name}” er fortrudt`
  });

export const macroCannotApply = (o?: MessageOptions) =>
  t(o, {
    en: 'This macro cannot be applied until its template is fixed.',
    fi: 'Makroa ei voi käyttää ennen kuin sen pohja on korjattu.',
    da: 'Makroen kan ikke anvendes, før dens skabelon er rettet.'
  });

export const couldNotApplyMacro = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not apply the macro',
    fi: 'Makron käyttö epäonnistui',
    da: 'Makroen kunne ikke anvendes'
  });

export const couldNotUndoMacro = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not undo the macro',
    fi: 'Makron peruminen epäonnistui',
    da: 'Makroen kunne ikke fortrydes'
  });

export const macroShared = (o?: MessageOptions) =>
  t(o, { en: 'Shared', fi: 'Yhteinen', da: 'Fælles' });

export const macroPersonal = (o?: MessageOptions) =>
  t(o, { en: 'Personal', fi: 'Oma', da: 'Personlig' });

export const macroUnassigned = (o?: MessageOptions) =>
  t(o, { en: 'unassigned', fi: 'ei käsittelijää', da: 'ikke tildelt' });

export const helpMacro = (o?: MessageOptions) =>
  t(o, {
    en: 'Apply a macro (type to search)',
    fi: 'Käytä makroa (kirjoita hakeaksesi)',
    da: 'Anvend en makro (skriv for at søge)'
  });

export const openTicketForMacro = (o?: MessageOptions) =>
  t(o, {
    en: 'Open a ticket to apply a macro.',
    fi: 'Avaa tiketti käyttääksesi makroa.',
    da: 'Åbn en sag for at anvende en makro.'
  });

/** A template problem in the member's language; `line` when the engine knows it. */
export const templateProblemText = (problem: TemplateProblem, o?: MessageOptions) => {
  const at =
    'line' in problem && problem.line !== null
      ? t(o, {
          en: ` (line ${problem.line})`,
          fi: ` (rivi ${problem.line})`,
          da: ` (linje ${problem.line})`
        })
      : '';
  switch (problem.kind) {
    case 'unknown-variable':
      return (
        t(o, {
          en: `Unknown variable {{ ${problem.name} }}`,
          fi: `Tuntematon muuttuja {{ ${problem.name} }}`,
          da: `Ukendt variabel {{ ${problem.name} }}`
        }) + at
      );
    case 'unknown-filter':
      return (
        t(o, {
          en: `Unknown filter “${problem.name}”`,
          fi: `Tuntematon suodatin ”${problem.name}”`,
          da: `Ukendt filter “${problem.name}”`
        }) + at
      );
    case 'forbidden-tag':
      return (
        t(o, {
          en: `The tag {% ${problem.name} %} is not allowed in macros`,
          fi: `Tunnistetta {% ${problem.name} %} ei voi käyttää makroissa`,
          da: `Tagget {% ${problem.name} %} er ikke tilladt i makroer`
        }) + at
      );
    case 'syntax':
      return (
        t(o, {
          en: 'The template’s tags do not balance or cannot be read',
          fi: 'Pohjan tagit eivät ole tasapainossa tai niitä ei voi lukea',
          da: 'Skabelonens tags er ikke afbalancerede eller kan ikke læses'
        }) + at
      );
    case 'too-large':
      return t(o, {
        en: 'The template produces too much text',
        fi: 'Pohja tuottaa liikaa tekstiä',
        da: 'Skabelonen giver for meget tekst'
      });
  }
};
// Settings page ----------------------------------------------------------------------------

export const macrosSettingsIntro = (o?: MessageOptions) =>
  t(o, {
    en: 'Shared macros answer common questions in one step: a reply with variables such as {{ ticket.number }} or {{ requester.first_name | default: "there" }}, an internal note, and changes to status, priority, assignee and tags.',
    fi: 'Yhteiset makrot vastaavat yleisiin kysymyksiin yhdellä askeleella: vastaus muuttujineen, kuten {{ ticket.number }} tai {{ requester.first_name | default: "there" }}, sisäinen muistiinpano sekä tilan, prioriteetin, käsittelijän ja tunnisteiden muutokset.',
    da: 'Fælles makroer besvarer almindelige spørgsmål i ét trin: et svar med variabler som {{ ticket.number }} eller {{ requester.first_name | default: "there" }}, en intern note og ændringer af status, prioritet, ansvarlig og mærker.'
  });

export const macrosReadOnly = (o?: MessageOptions) =>
  t(o, {
    en: 'Only owners and admins change shared macros.',
    fi: 'Vain omistajat ja ylläpitäjät muuttavat yhteisiä makroja.',
    da: 'Kun ejere og administratorer ændrer fælles makroer.'
  });

export const newMacro = (o?: MessageOptions) =>
  t(o, { en: 'New macro', fi: 'Uusi makro', da: 'Ny makro' });

export const editMacro = (p: { name: string }, o?: MessageOptions) =>
  t(o, {
    en: `Edit ${p.name}`,
    fi: `Muokkaa: ${p.name}`,
    da: `Rediger ${p.name}`
  });

export const deleteMacro = (p: { name: string }, o?: MessageOptions) =>
  t(o, {
    en: `Delete ${p.name}`,
    fi: `Poista: ${p.name}`,
    da: `Slet ${p.name}`
  });

export const macroName = (o?: MessageOptions) => t(o, { en: 'Name', fi: 'Nimi', da: 'Navn' });

export const macroReplyField = (o?: MessageOptions) =>
  t(o, { en: 'Reply text', fi: 'Vastausteksti', da: 'Svartekst' });

export const macroNoteField = (o?: MessageOptions) =>
  t(o, { en: 'Internal note', fi: 'Sisäinen muistiinpano', da: 'Intern note' });

export const macroKeepField = (o?: MessageOptions) =>
  t(o, { en: 'Leave as is', fi: 'Ei muutosta', da: 'Uændret' });

export const macroAssignMe = (o?: MessageOptions) =>
  t(o, {
    en: 'Whoever applies it',
    fi: 'Makron käyttäjä',
    da: 'Den, der anvender den'
  });

export const macroAddTags = (o?: MessageOptions) =>
  t(o, {
    en: 'Add tags (comma-separated)',
    fi: 'Lisää tunnisteet (pilkuin eroteltuina)',
    da: 'Tilføj mærker (kommasepareret)'
  });

export const macroRemoveTags = (o?: MessageOptions) =>
  t(o, {
    en: 'Remove tags (comma-separated)',
    fi: 'Poista tunnisteet (pilkuin eroteltuina)',
    da: 'Fjern mærker (kommasepareret)'
  });

export const macroVariablesHint = (p: { list: string }, o?: MessageOptions) =>
  t(o, {
    en: `Variables: ${p.list}`,
    fi: `Muuttujat: ${p.list}`,
    da: `Variabler: ${p.list}`
  });

export const saveMacro = (o?: MessageOptions) =>
  t(o, { en: 'Save macro', fi: 'Tallenna makro', da: 'Gem makro' });

export const macroSaved = (p: { name: string }, o?: MessageOptions) =>
  t(o, {
    en: `Macro “${p.name}” saved`,
    fi: `Makro ”${p.name}” tallennettu`,
    da: `Makroen “${p.name}” er gemt`
  });

export const macroRefused = (p: { field: string; problem: string }, o?: MessageOptions) =>
  t(o, {
    en: `Not saved — ${p.field}: ${p.problem}`,
    fi: `Ei tallennettu — ${p.field}: ${p.problem}`,
    da: `Ikke gemt — ${p.field}: ${p.problem}`
  });

export const macroNeedsSomething = (o?: MessageOptions) =>
  t(o, {
    en: 'A macro needs a reply, a note or an action.',
    fi: 'Makro tarvitsee vastauksen, muistiinpanon tai toiminnon.',
    da: 'En makro skal have et svar, en note eller en handling.'
  });

export const macroNameMissing = (o?: MessageOptions) =>
  t(o, {
    en: 'Give the macro a name.',
    fi: 'Anna makrolle nimi.',
    da: 'Giv makroen et navn.'
  });

export const macroBadTags = (o?: MessageOptions) =>
  t(o, {
    en: 'Tags have no spaces and are at most 40 characters.',
    fi: 'Tunnisteissa ei ole välilyöntejä, ja ne ovat enintään 40 merkkiä.',
    da: 'Mærker har ingen mellemrum og er højst 40 tegn.'
  });
