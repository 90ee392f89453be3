/** Automations: the settings page (rules, their form, the test mode) and the activity sentence. */
import type { AutomationEffect, AutomationTrigger } from '../../domain/automation-record';
import type { ActivityEntry, TicketPriority, TicketStatus } from '../../domain/schema';
import { isTicketStatus } from '../../domain/ticket-status';
import { TICKET_PRIORITIES } from '../../domain/schema';
import { t, type MessageOptions, type Texts } from '../runtime';
import { priorityLabel, statusLabel } from './common';

export const automationsTitle = (o?: MessageOptions) =>
  t(o, { en: 'Automations', fi: 'Automaatiot', da: 'Automatiseringer' });

export const automationsIntro = (o?: MessageOptions) =>
  t(o, {
    en: 'Rules that do the routine work: when a ticket is created, updated, replied to or gets mail, or as time passes, Baton checks each rule in order and does what it says, once for each state of the ticket. Every run is written in the ticket’s activity.',
    fi: 'Säännöt hoitavat rutiinityön: kun tiketti luodaan, sitä muutetaan, siihen vastataan tai siihen tulee viesti, tai ajan kuluessa Baton käy säännöt läpi järjestyksessä ja tekee niiden mukaan, kerran kutakin tiketin tilaa kohden. Jokainen suoritus kirjataan tiketin tapahtumiin.',
    da: 'Regler, der klarer rutinearbejdet: når en sag oprettes, ændres, besvares eller får mail, eller når tiden går, gennemgår Baton reglerne i rækkefølge og gør, hvad de siger, én gang for hver tilstand af sagen. Hver kørsel skrives i sagens aktivitet.'
  });

export const automationsReadOnly = (o?: MessageOptions) =>
  t(o, {
    en: 'Only owners and admins change automations.',
    fi: 'Vain omistajat ja ylläpitäjät muuttavat automaatioita.',
    da: 'Kun ejere og administratorer ændrer automatiseringer.'
  });

export const noAutomations = (o?: MessageOptions) =>
  t(o, {
    en: 'No rules yet.',
    fi: 'Ei vielä sääntöjä.',
    da: 'Ingen regler endnu.'
  });

export const newAutomation = (o?: MessageOptions) =>
  t(o, { en: 'New rule', fi: 'Uusi sääntö', da: 'Ny regel' });

export const editAutomation = (o?: MessageOptions) =>
  t(o, { en: 'Edit', fi: 'Muokkaa', da: 'Rediger' });

export const deleteAutomation = (o?: MessageOptions) =>
  t(o, { en: 'Delete', fi: 'Poista', da: 'Slet' });

export const saveAutomation = (o?: MessageOptions) =>
  t(o, { en: 'Save rule', fi: 'Tallenna sääntö', da: 'Gem regel' });

export const cancelAutomation = (o?: MessageOptions) =>
  t(o, { en: 'Cancel', fi: 'Peruuta', da: 'Annuller' });

export const testAutomation = (o?: MessageOptions) =>
  t(o, { en: 'Test', fi: 'Testaa', da: 'Afprøv' });

export const moveUp = (o?: MessageOptions) =>
  t(o, { en: 'Move up', fi: 'Siirrä ylös', da: 'Flyt op' });

export const moveDown = (o?: MessageOptions) =>
  t(o, { en: 'Move down', fi: 'Siirrä alas', da: 'Flyt ned' });

export const ruleOn = (o?: MessageOptions) => t(o, { en: 'On', fi: 'Käytössä', da: 'Til' });

export const ruleName = (o?: MessageOptions) => t(o, { en: 'Name', fi: 'Nimi', da: 'Navn' });

export const ruleTrigger = (o?: MessageOptions) =>
  t(o, { en: 'When', fi: 'Milloin', da: 'Hvornår' });

export const ruleConditions = (o?: MessageOptions) => t(o, { en: 'If', fi: 'Jos', da: 'Hvis' });

export const ruleActions = (o?: MessageOptions) => t(o, { en: 'Then', fi: 'Niin', da: 'Så' });

const TRIGGER: Record<AutomationTrigger, Texts> = {
  created: { en: 'A ticket is created', fi: 'Tiketti luodaan', da: 'En sag oprettes' },
  updated: { en: 'A ticket is updated', fi: 'Tikettiä muutetaan', da: 'En sag ændres' },
  replied: {
    en: 'A public reply is sent',
    fi: 'Julkinen vastaus lähetetään',
    da: 'Et offentligt svar sendes'
  },
  'mail-received': {
    en: 'Mail from the customer arrives',
    fi: 'Asiakkaalta tulee viesti',
    da: 'Der kommer mail fra kunden'
  },
  time: {
    en: 'Time passes (checked every minute)',
    fi: 'Aika kuluu (tarkistetaan minuutin välein)',
    da: 'Tiden går (tjekkes hvert minut)'
  }
};

export const triggerLabel = (trigger: AutomationTrigger, o?: MessageOptions) =>
  t(o, TRIGGER[trigger]);

export const conditionStatus = (o?: MessageOptions) =>
  t(o, { en: 'Status is one of', fi: 'Tila on jokin näistä', da: 'Status er en af' });

export const conditionPriority = (o?: MessageOptions) =>
  t(o, { en: 'Priority is one of', fi: 'Prioriteetti on jokin näistä', da: 'Prioritet er en af' });

export const conditionTagsAll = (o?: MessageOptions) =>
  t(o, {
    en: 'Has all these tags (comma-separated)',
    fi: 'Sisältää kaikki nämä tunnisteet (pilkuin eroteltuina)',
    da: 'Har alle disse mærker (adskilt med komma)'
  });

export const conditionTagsNone = (o?: MessageOptions) =>
  t(o, {
    en: 'Has none of these tags',
    fi: 'Ei sisällä mitään näistä tunnisteista',
    da: 'Har ingen af disse mærker'
  });

export const conditionSubject = (o?: MessageOptions) =>
  t(o, { en: 'Subject contains', fi: 'Aihe sisältää', da: 'Emnet indeholder' });

export const conditionOrganisation = (o?: MessageOptions) =>
  t(o, {
    en: 'Requester’s organisation is one of (comma-separated)',
    fi: 'Pyytäjän organisaatio on jokin näistä (pilkuin eroteltuina)',
    da: 'Anmoderens organisation er en af (adskilt med komma)'
  });

export const conditionBusinessHours = (o?: MessageOptions) =>
  t(o, { en: 'Business hours', fi: 'Aukioloaika', da: 'Åbningstid' });

export const businessHoursAny = (o?: MessageOptions) =>
  t(o, { en: 'Any time', fi: 'Milloin tahansa', da: 'Når som helst' });

export const businessHoursOpen = (o?: MessageOptions) =>
  t(o, {
    en: 'Within business hours',
    fi: 'Aukioloaikana',
    da: 'Inden for åbningstiden'
  });

export const businessHoursClosed = (o?: MessageOptions) =>
  t(o, {
    en: 'Outside business hours',
    fi: 'Aukioloajan ulkopuolella',
    da: 'Uden for åbningstiden'
  });

export const hoursSincePending = (o?: MessageOptions) =>
  t(o, {
    en: 'Pending for at least (hours)',
    fi: 'Odottanut vähintään (tuntia)',
    da: 'Afventende i mindst (timer)'
  });

export const hoursSinceSolved = (o?: MessageOptions) =>
  t(o, {
    en: 'Solved at least (hours ago)',
    fi: 'Ratkaistu vähintään (tuntia sitten)',
    da: 'Løst for mindst (timer siden)'
  });

export const hoursSinceCreated = (o?: MessageOptions) =>
  t(o, {
    en: 'Created at least (hours ago)',
    fi: 'Luotu vähintään (tuntia sitten)',
    da: 'Oprettet for mindst (timer siden)'
  });

export const hoursSinceUpdated = (o?: MessageOptions) =>
  t(o, {
    en: 'Not updated for at least (hours)',
    fi: 'Ei muutettu vähintään (tuntiin)',
    da: 'Ikke ændret i mindst (timer)'
  });

export const hoursUntilBreach = (o?: MessageOptions) =>
  t(o, {
    en: 'SLA breaches within (hours)',
    fi: 'SLA ylittyy (tunnin) sisällä',
    da: 'SLA overskrides inden for (timer)'
  });

export const actionStatus = (o?: MessageOptions) =>
  t(o, { en: 'Set status', fi: 'Aseta tila', da: 'Sæt status' });

export const actionPriority = (o?: MessageOptions) =>
  t(o, { en: 'Set priority', fi: 'Aseta prioriteetti', da: 'Sæt prioritet' });

export const actionAssignee = (o?: MessageOptions) =>
  t(o, { en: 'Assign to', fi: 'Anna käsittelijälle', da: 'Tildel til' });

export const actionUnassign = (o?: MessageOptions) =>
  t(o, { en: 'Nobody (unassign)', fi: 'Ei kenellekään', da: 'Ingen (fjern tildeling)' });

export const noChange = (o?: MessageOptions) =>
  t(o, { en: 'No change', fi: 'Ei muutosta', da: 'Ingen ændring' });

export const actionAddTags = (o?: MessageOptions) =>
  t(o, { en: 'Add tags', fi: 'Lisää tunnisteet', da: 'Tilføj mærker' });

export const actionRemoveTags = (o?: MessageOptions) =>
  t(o, { en: 'Remove tags', fi: 'Poista tunnisteet', da: 'Fjern mærker' });

export const actionNote = (o?: MessageOptions) =>
  t(o, {
    en: 'Add an internal note',
    fi: 'Lisää sisäinen muistiinpano',
    da: 'Tilføj en intern note'
  });

export const actionReply = (o?: MessageOptions) =>
  t(o, {
    en: 'Email a reply to the customer',
    fi: 'Lähetä asiakkaalle vastaus sähköpostilla',
    da: 'Send kunden et svar på mail'
  });

export const templateHint = (o?: MessageOptions) =>
  t(o, {
    en: 'Variables as in macros, e.g. {{ requester.first_name | default: "there" }}, {{ ticket.number }}.',
    fi: 'Muuttujat kuten makroissa, esim. {{ requester.first_name | default: "there" }}, {{ ticket.number }}.',
    da: 'Variabler som i makroer, fx {{ requester.first_name | default: "there" }}, {{ ticket.number }}.'
  });

export const actionNotify = (o?: MessageOptions) =>
  t(o, {
    en: 'Notify the assignee',
    fi: 'Ilmoita käsittelijälle',
    da: 'Giv den ansvarlige besked'
  });

export const actionMacro = (o?: MessageOptions) =>
  t(o, { en: 'Apply a macro', fi: 'Käytä makroa', da: 'Anvend en makro' });

export const noMacro = (o?: MessageOptions) => t(o, { en: 'None', fi: 'Ei mitään', da: 'Ingen' });

export const conditionFields = (o?: MessageOptions) =>
  t(o, {
    en: 'Custom fields (a row left empty is no condition)',
    fi: 'Omat kentät (tyhjä rivi ei ole ehto)',
    da: 'Egne felter (en tom række er ingen betingelse)'
  });

export const actionSetFields = (o?: MessageOptions) =>
  t(o, {
    en: 'Set custom fields (empty ones are left as they are)',
    fi: 'Aseta omat kentät (tyhjät jätetään ennalleen)',
    da: 'Udfyld egne felter (tomme felter bliver, som de er)'
  });

export const ruleRefused = (detail: string, o?: MessageOptions) =>
  t(o, {
    en: `The rule was not saved: ${detail}`,
    fi: `Sääntöä ei tallennettu: ${detail}`,
    da: `Reglen blev ikke gemt: ${detail}`
  });

export const ruleLoopError = (o?: MessageOptions) =>
  t(o, {
    en: 'Stopped: its actions would trigger it again on the same ticket. Add a condition its actions make false (a tag it adds, for example), then save it again.',
    fi: 'Pysäytetty: sen toiminnot käynnistäisivät sen uudelleen samalle tiketille. Lisää ehto, jonka sen toiminnot tekevät epätodeksi (esimerkiksi sen lisäämä tunniste), ja tallenna se uudelleen.',
    da: 'Stoppet: dens handlinger ville udløse den igen på den samme sag. Tilføj en betingelse, som dens handlinger gør falsk (fx et mærke, den tilføjer), og gem den igen.'
  });

export const ruleBrokenError = (detail: string, o?: MessageOptions) =>
  t(o, {
    en: `Could not run: ${detail}`,
    fi: `Suoritus epäonnistui: ${detail}`,
    da: `Kunne ikke køre: ${detail}`
  });

export const testResultTitle = (name: string, o?: MessageOptions) =>
  t(o, {
    en: `What “${name}” would do now`,
    fi: `Mitä ”${name}” tekisi nyt`,
    da: `Hvad “${name}” ville gøre nu`
  });

export const testResultNone = (o?: MessageOptions) =>
  t(o, {
    en: 'It would touch no ticket now.',
    fi: 'Se ei koskisi nyt yhteenkään tikettiin.',
    da: 'Den ville ikke røre nogen sag nu.'
  });

export const testResultCount = (count: number, o?: MessageOptions) =>
  t(o, {
    en: `Tickets it would touch now: ${count}`,
    fi: `Tiketit, joihin se koskisi nyt: ${count}`,
    da: `Sager, den ville røre nu: ${count}`
  });

export const testResultLoop = (o?: MessageOptions) =>
  t(o, {
    en: 'would loop: stopped',
    fi: 'jäisi silmukkaan: pysäytetään',
    da: 'ville gå i ring: stoppes'
  });

export const testResultMore = (count: number, o?: MessageOptions) =>
  t(o, {
    en: `and ${count} more`,
    fi: `ja ${count} muuta`,
    da: `og ${count} mere`
  });

export const testFailed = (o?: MessageOptions) =>
  t(o, {
    en: 'The test could not run. Try again.',
    fi: 'Testiä ei voitu suorittaa. Yritä uudelleen.',
    da: 'Testen kunne ikke køre. Prøv igen.'
  });

function effectPhrase(effect: AutomationEffect, o?: MessageOptions): string {
  if (effect.startsWith('status:')) {
    const status = effect.slice('status:'.length);
    if (status === 'closed')
      return t(o, { en: 'closed the ticket', fi: 'sulki tiketin', da: 'lukkede sagen' });
    if (status === 'solved')
      return t(o, { en: 'solved the ticket', fi: 'ratkaisi tiketin', da: 'løste sagen' });
    const label = isTicketStatus(status) ? statusLabel(status as TicketStatus, o) : status;
    return t(o, {
      en: `set the status to ${label}`,
      fi: `asetti tilaksi ${label}`,
      da: `satte status til ${label}`
    });
  }
  if (effect.startsWith('priority:')) {
    const value = effect.slice('priority:'.length);
    const label = (TICKET_PRIORITIES as readonly string[]).includes(value)
      ? priorityLabel(value as TicketPriority, o)
      : value;
    return t(o, {
      en: `set the priority to ${label}`,
      fi: `asetti prioriteetiksi ${label}`,
      da: `satte prioriteten til ${label}`
    });
  }
  switch (effect) {
    case 'assignee':
      return t(o, {
        en: 'changed the assignee',
        fi: 'vaihtoi käsittelijän',
        da: 'skiftede ansvarlig'
      });
    case 'tags':
      return t(o, { en: 'changed the tags', fi: 'muutti tunnisteita', da: 'ændrede mærkerne' });
    case 'note':
      return t(o, {
        en: 'added an internal note',
        fi: 'lisäsi sisäisen muistiinpanon',
        da: 'tilføjede en intern note'
      });
    case 'reply':
      return t(o, {
        en: 'emailed a reply to the customer',
        fi: 'lähetti asiakkaalle vastauksen',
        da: 'sendte kunden et svar'
      });
    default:
      return t(o, {
        en: 'sent a notification',
        fi: 'lähetti ilmoituksen',
        da: 'sendte en notifikation'
      });
  }
}

/** "Automation 'Auto-close' closed the ticket" (`automation` activity: `from` name, `to` effects). */
export const automationActivity = (
  entry: Pick<ActivityEntry, 'from' | 'to'>,
  effects: readonly AutomationEffect[],
  o?: MessageOptions
): string => {
  const name = typeof entry.from === 'string' ? entry.from : '';
  const phrases = effects.map((e) => effectPhrase(e, o));
  const and = t(o, { en: ' and ', fi: ' ja ', da: ' og ' });
  const did =
    phrases.length <= 1
      ? (phrases[0] ?? t(o, { en: 'ran', fi: 'toimi', da: 'kørte' }))
      : `${phrases.slice(0, -1).join(', ')}${and}${phrases[phrases.length - 1]}`;
  return t(o, {
    en: `Automation '${name}' ${did}`,
    fi: `Automaatio '${name}' ${did}`,
    da: `Automatiseringen '${name}' ${did}`
  });
};
