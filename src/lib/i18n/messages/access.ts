/**
 * Pages a member cannot use: one their role does not allow, a ticket or a page that does not
 * exist. Each says what happened and offers a way on, inside the app's frame.
 */
import { t, type MessageOptions } from '../runtime';

export const notForYourRole = (o?: MessageOptions) =>
  t(o, {
    en: 'Not available for your role',
    fi: 'Ei käytettävissä roolillesi',
    da: 'Ikke tilgængelig for din rolle'
  });

export const mailboxIsForAdmins = (o?: MessageOptions) =>
  t(o, {
    en: 'Only owners and admins manage the mailbox.',
    fi: 'Vain omistajat ja ylläpitäjät hallinnoivat postilaatikkoa.',
    da: 'Kun ejere og administratorer administrerer postkassen.'
  });

export const auditIsForAdmins = (o?: MessageOptions) =>
  t(o, {
    en: 'Only owners and admins read the audit log.',
    fi: 'Vain omistajat ja ylläpitäjät voivat lukea tapahtumalokia.',
    da: 'Kun ejere og administratorer kan læse revisionsloggen.'
  });

export const newTicketIsForAgents = (o?: MessageOptions) =>
  t(o, {
    en: 'Owners, admins and agents create tickets.',
    fi: 'Tikettejä luovat omistajat, ylläpitäjät ja agentit.',
    da: 'Ejere, administratorer og agenter opretter sager.'
  });

/** `role` is the role's name as `roleLabel` gives it. */
export const yourRoleIs = (p: { role: string }, o?: MessageOptions) =>
  t(o, {
    en: `Your role in this workspace: ${p.role}.`,
    fi: `Roolisi tässä työtilassa: ${p.role}.`,
    da: `Din rolle i dette arbejdsområde: ${p.role}.`
  });

export const pageNotFound = (o?: MessageOptions) =>
  t(o, {
    en: 'Page not found',
    fi: 'Sivua ei löytynyt',
    da: 'Siden blev ikke fundet'
  });

export const pageNotFoundHelp = (o?: MessageOptions) =>
  t(o, {
    en: 'There is no page at this address. It may have moved, or the link may be mistyped.',
    fi: 'Tässä osoitteessa ei ole sivua. Se on ehkä siirretty, tai linkissä on virhe.',
    da: 'Der er ingen side på denne adresse. Den kan være flyttet, eller linket kan være skrevet forkert.'
  });

export const somethingBroke = (o?: MessageOptions) =>
  t(o, {
    en: 'This page could not be shown',
    fi: 'Sivua ei voitu näyttää',
    da: 'Siden kunne ikke vises'
  });

export const goToStart = (o?: MessageOptions) =>
  t(o, { en: 'Go to the start page', fi: 'Siirry aloitussivulle', da: 'Gå til startsiden' });
