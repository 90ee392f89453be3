/** Custom ticket fields: the settings page and the fields on a ticket. */
import type { FieldType } from '$lib/domain/custom-fields';
import { t, type MessageOptions } from '../runtime';

export const fieldsTitle = (o?: MessageOptions) =>
  t(o, { en: 'Ticket fields', fi: 'Tikettikentät', da: 'Sagsfelter' });

export const fieldsIntro = (o?: MessageOptions) =>
  t(o, {
    en: 'Your own fields on every ticket: an order number, a product, a date. Agents fill them in beside the ticket; a field can be required before a ticket is solved. A field that is no longer needed is archived: tickets keep their values.',
    fi: 'Omat kenttänne jokaiseen tikettiin: tilausnumero, tuote, päivämäärä. Agentit täyttävät ne tiketin vieressä; kentän voi vaatia täytettäväksi ennen kuin tiketti ratkaistaan. Tarpeeton kenttä arkistoidaan: tiketit säilyttävät arvonsa.',
    da: 'Jeres egne felter på hver sag: et ordrenummer, et produkt, en dato. Agenterne udfylder dem ved siden af sagen; et felt kan kræves udfyldt, før en sag løses. Et felt, der ikke længere bruges, arkiveres: sagerne beholder deres værdier.'
  });

export const fieldsReadOnly = (o?: MessageOptions) =>
  t(o, {
    en: 'Only owners and admins change ticket fields.',
    fi: 'Vain omistajat ja ylläpitäjät voivat muuttaa tikettikenttiä.',
    da: 'Kun ejere og administratorer kan ændre sagsfelter.'
  });

export const noFields = (o?: MessageOptions) =>
  t(o, {
    en: 'No ticket fields yet.',
    fi: 'Tikettikenttiä ei ole vielä.',
    da: 'Ingen sagsfelter endnu.'
  });

export const addField = (o?: MessageOptions) =>
  t(o, { en: 'Add a field', fi: 'Lisää kenttä', da: 'Tilføj et felt' });

export const newFieldTitle = (o?: MessageOptions) =>
  t(o, { en: 'New field', fi: 'Uusi kenttä', da: 'Nyt felt' });

export const editFieldTitle = (p: { field: string }, o?: MessageOptions) =>
  t(o, {
    en: `Edit ${p.field}`,
    fi: `Muokkaa kenttää ${p.field}`,
    da: `Redigér ${p.field}`
  });

export const editField = (p: { field: string }, o?: MessageOptions) =>
  t(o, {
    en: `Edit ${p.field}`,
    fi: `Muokkaa: ${p.field}`,
    da: `Redigér ${p.field}`
  });

export const fieldLabelLabel = (o?: MessageOptions) => t(o, { en: 'Name', fi: 'Nimi', da: 'Navn' });

export const fieldLabelFiLabel = (o?: MessageOptions) =>
  t(o, {
    en: 'Name in Finnish (optional)',
    fi: 'Nimi suomeksi (valinnainen)',
    da: 'Navn på finsk (valgfrit)'
  });

export const fieldLabelDaLabel = (o?: MessageOptions) =>
  t(o, {
    en: 'Name in Danish (optional)',
    fi: 'Nimi tanskaksi (valinnainen)',
    da: 'Navn på dansk (valgfrit)'
  });

export const fieldKeyLabel = (o?: MessageOptions) =>
  t(o, {
    en: 'Key (for macros and filters; it cannot change later)',
    fi: 'Tunniste (makroja ja suodattimia varten; sitä ei voi muuttaa myöhemmin)',
    da: 'Nøgle (til makroer og filtre; den kan ikke ændres senere)'
  });

export const fieldTypeLabel = (o?: MessageOptions) =>
  // same in all languages: "Type" is Danish too
  t(o, { en: 'Type', fi: 'Tyyppi', da: 'Type' });

const TYPE_NAMES: Record<FieldType, { en: string; fi: string; da: string }> = {
  text: { en: 'Text', fi: 'Teksti', da: 'Tekst' },
  number: { en: 'Number', fi: 'Numero', da: 'Tal' },
  date: { en: 'Date', fi: 'Päivämäärä', da: 'Dato' },
  dropdown: { en: 'Dropdown', fi: 'Pudotusvalikko', da: 'Rulleliste' },
  multiselect: { en: 'Multi-select', fi: 'Monivalinta', da: 'Flervalg' },
  checkbox: { en: 'Checkbox', fi: 'Valintaruutu', da: 'Afkrydsningsfelt' }
};

export const fieldTypeName = (type: FieldType, o?: MessageOptions) => t(o, TYPE_NAMES[type]);

export const fieldOptionsLabel = (o?: MessageOptions) =>
  t(o, {
    en: 'Options, one per line (a line removed is archived: tickets keep it)',
    fi: 'Vaihtoehdot, yksi riviä kohden (poistettu rivi arkistoidaan: tiketit säilyttävät sen)',
    da: 'Valgmuligheder, én pr. linje (en fjernet linje arkiveres: sagerne beholder den)'
  });

export const requiredOnSolveLabel = (o?: MessageOptions) =>
  t(o, {
    en: 'Required to solve a ticket',
    fi: 'Pakollinen tiketin ratkaisemiseksi',
    da: 'Påkrævet for at løse en sag'
  });

export const requiredBadge = (o?: MessageOptions) =>
  t(o, { en: 'required to solve', fi: 'pakollinen ratkaistessa', da: 'påkrævet ved løsning' });

export const archivedBadge = (o?: MessageOptions) =>
  t(o, { en: 'archived', fi: 'arkistoitu', da: 'arkiveret' });

export const archiveField = (p: { field: string }, o?: MessageOptions) =>
  t(o, {
    en: `Archive ${p.field}`,
    fi: `Arkistoi ${p.field}`,
    da: `Arkivér ${p.field}`
  });

export const restoreField = (p: { field: string }, o?: MessageOptions) =>
  t(o, {
    en: `Restore ${p.field}`,
    fi: `Palauta ${p.field}`,
    da: `Gendan ${p.field}`
  });

export const saveField = (o?: MessageOptions) =>
  t(o, { en: 'Save field', fi: 'Tallenna kenttä', da: 'Gem feltet' });

export const cancelField = (o?: MessageOptions) =>
  t(o, { en: 'Cancel', fi: 'Peruuta', da: 'Annuller' });

export const fieldSaved = (p: { field: string }, o?: MessageOptions) =>
  t(o, {
    en: `Field ${p.field} saved.`,
    fi: `Kenttä ${p.field} tallennettu.`,
    da: `Feltet ${p.field} er gemt.`
  });

export const couldNotSaveField = (p: { problem: string }, o?: MessageOptions) =>
  t(o, {
    en: `Could not save the field: ${p.problem}`,
    fi: `Kenttää ei voitu tallentaa: ${p.problem}`,
    da: `Feltet kunne ikke gemmes: ${p.problem}`
  });

export const fieldNeedsName = (o?: MessageOptions) =>
  t(o, {
    en: 'The field needs a name.',
    fi: 'Kentällä on oltava nimi.',
    da: 'Feltet skal have et navn.'
  });

export const fieldNeedsOptions = (o?: MessageOptions) =>
  t(o, {
    en: 'A dropdown or multi-select needs at least one option.',
    fi: 'Pudotusvalikossa tai monivalinnassa on oltava vähintään yksi vaihtoehto.',
    da: 'En rulleliste eller et flervalg skal have mindst én valgmulighed.'
  });

export const fieldKeyTaken = (p: { key: string }, o?: MessageOptions) =>
  t(o, {
    en: `Another field already has the key ${p.key}.`,
    fi: `Toisella kentällä on jo tunniste ${p.key}.`,
    da: `Et andet felt har allerede nøglen ${p.key}.`
  });

export const fieldKeyInvalid = (o?: MessageOptions) =>
  t(o, {
    en: 'A key is lowercase letters, digits and underscores, starting with a letter.',
    fi: 'Tunnisteessa on pieniä kirjaimia, numeroita ja alaviivoja, ja se alkaa kirjaimella.',
    da: 'En nøgle består af små bogstaver, tal og understregninger og starter med et bogstav.'
  });

export const fieldsListLabel = (o?: MessageOptions) =>
  t(o, { en: 'Ticket fields', fi: 'Tikettikentät', da: 'Sagsfelter' });

// The ticket page

export const noFieldValue = (o?: MessageOptions) => t(o, { en: 'None', fi: 'Ei', da: 'Ingen' });

export const fieldYes = (o?: MessageOptions) => t(o, { en: 'Yes', fi: 'Kyllä', da: 'Ja' });

export const fieldNo = (o?: MessageOptions) => t(o, { en: 'No', fi: 'Ei', da: 'Nej' });

export const requiredToSolveHint = (o?: MessageOptions) =>
  t(o, {
    en: 'Required to solve',
    fi: 'Pakollinen ratkaistessa',
    da: 'Påkrævet ved løsning'
  });

export const fillInBeforeSolving = (p: { fields: string }, o?: MessageOptions) =>
  t(o, {
    en: `Fill in ${p.fields} before solving this ticket.`,
    fi: `Täytä ${p.fields} ennen kuin ratkaiset tämän tiketin.`,
    da: `Udfyld ${p.fields}, før du løser denne sag.`
  });

export const couldNotSetField = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not change the field.',
    fi: 'Kenttää ei voitu muuttaa.',
    da: 'Feltet kunne ikke ændres.'
  });

export const invalidFieldValue = (p: { field: string }, o?: MessageOptions) =>
  t(o, {
    en: `That is not a valid value for ${p.field}.`,
    fi: `Arvo ei kelpaa kenttään ${p.field}.`,
    da: `Det er ikke en gyldig værdi for ${p.field}.`
  });
