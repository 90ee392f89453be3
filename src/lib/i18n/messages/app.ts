/** The installed app's own words: its name, description and shortcuts (the web manifest). */
import { t, type MessageOptions } from '../runtime';

export const appName = (o?: MessageOptions) =>
  t(o, { en: 'Baton helpdesk', fi: 'Baton-asiakaspalvelu', da: 'Baton kundeservice' });

export const appDescription = (o?: MessageOptions) =>
  t(o, {
    en: 'Local-first helpdesk: triage, reply and hand over tickets, online or offline.',
    fi: 'Asiakaspalvelu, joka toimii myös ilman yhteyttä: lajittele, vastaa ja luovuta tikettejä.',
    da: 'Helpdesk, der også virker offline: sortér, besvar og overdrag sager.'
  });

export const shortcutTriageDescription = (o?: MessageOptions) =>
  t(o, {
    en: 'My tickets and the unassigned ones, most urgent first',
    fi: 'Omat ja käsittelijättömät tiketit, kiireellisimmät ensin',
    da: 'Mine sager og dem uden ansvarlig, de mest hastende først'
  });
