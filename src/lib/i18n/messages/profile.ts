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

// Working hours and time zone ------------------------------------------------------------------

export const workingHoursTitle = (o?: MessageOptions) =>
  t(o, { en: 'Your working hours', fi: 'Oma työaika', da: 'Din arbejdstid' });

export const workingHoursIntro = (o?: MessageOptions) =>
  t(o, {
    en: 'The team page shows from these when you are on shift, in your own local time.',
    fi: 'Tiimisivu näyttää näiden perusteella, milloin olet vuorossa, omassa paikallisessa ajassasi.',
    da: 'Teamsiden viser ud fra disse, hvornår du er på vagt, i din egen lokale tid.'
  });

export const timeZoneField = (o?: MessageOptions) =>
  t(o, { en: 'Time zone', fi: 'Aikavyöhyke', da: 'Tidszone' });

export const workingDaysField = (o?: MessageOptions) =>
  t(o, { en: 'Working days', fi: 'Työpäivät', da: 'Arbejdsdage' });

export const shiftStartField = (o?: MessageOptions) =>
  t(o, { en: 'Starts at', fi: 'Alkaa', da: 'Starter' });

export const shiftEndField = (o?: MessageOptions) =>
  t(o, { en: 'Ends at', fi: 'Päättyy', da: 'Slutter' });

export const overnightHint = (o?: MessageOptions) =>
  t(o, {
    en: 'A shift that ends before it starts runs past midnight.',
    fi: 'Vuoro, joka päättyy ennen alkamistaan, jatkuu yli puolenyön.',
    da: 'En vagt, der slutter, før den starter, går hen over midnat.'
  });

export const saveHours = (o?: MessageOptions) =>
  t(o, { en: 'Save working hours', fi: 'Tallenna työaika', da: 'Gem arbejdstid' });

export const hoursSaved = (o?: MessageOptions) =>
  t(o, { en: 'Working hours saved.', fi: 'Työaika tallennettu.', da: 'Arbejdstiden er gemt.' });

export const couldNotSaveHours = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not save your working hours',
    fi: 'Työajan tallennus epäonnistui',
    da: 'Arbejdstiden kunne ikke gemmes'
  });

export const invalidHours = (o?: MessageOptions) =>
  t(o, {
    en: 'Give a start and an end time, and a time zone from the list.',
    fi: 'Anna alkamis- ja päättymisaika sekä aikavyöhyke listalta.',
    da: 'Angiv et start- og sluttidspunkt og en tidszone fra listen.'
  });

export const hoursReadOnly = (o?: MessageOptions) =>
  t(o, {
    en: 'Your role cannot change member profiles; an owner or admin can set your hours.',
    fi: 'Roolisi ei voi muuttaa jäsenprofiileja; omistaja tai ylläpitäjä voi asettaa työaikasi.',
    da: 'Din rolle kan ikke ændre medlemsprofiler; en ejer eller administrator kan angive din arbejdstid.'
  });

export const profileLoading = (o?: MessageOptions) =>
  t(o, {
    en: 'Loading your profile…',
    fi: 'Ladataan profiilia…',
    da: 'Indlæser din profil…'
  });
