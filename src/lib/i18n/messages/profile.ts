/** The member's own page: their language, and later their hours, devices and tokens. */
import { t, type MessageOptions } from '../runtime';

export const profileTitle = (o?: MessageOptions) =>
  t(o, { en: 'Your profile', fi: 'Oma profiili', da: 'Din profil' });

export const languageLabel = (o?: MessageOptions) =>
  t(o, { en: 'Language', fi: 'Kieli', da: 'Sprog' });

export const languageHint = (o?: MessageOptions) =>
  t(o, {
    en: 'Baton speaks this language on every device you sign in on.',
    fi: 'Baton käyttää tätä kieltä kaikilla laitteilla, joilla kirjaudut sisään.',
    da: 'Baton taler dette sprog på alle enheder, du logger ind på.'
  });

export const couldNotChangeLanguage = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not change the language',
    fi: 'Kielen vaihto epäonnistui',
    da: 'Sproget kunne ikke skiftes'
  });
