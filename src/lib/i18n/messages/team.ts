/** The team: who is on, working hours, time zones. */
import { t, type MessageOptions } from '../runtime';

export const everyDay = (o?: MessageOptions) =>
  t(o, { en: 'Every day', fi: 'Joka päivä', da: 'Alle dage' });

export const noWorkingDays = (o?: MessageOptions) =>
  t(o, { en: 'No working days', fi: 'Ei työpäiviä', da: 'Ingen arbejdsdage' });
