/** Signing out of this device (`state/sign-out.ts`). */
import { plural, t, type MessageOptions } from '../runtime';

export const confirmUnsyncedSignOut = (count: number, o?: MessageOptions) =>
  plural(count, o, {
    en: {
      one: '# change on this device has not reached the server yet. Signing out deletes it from this device for good. Sign out anyway?',
      other:
        '# changes on this device have not reached the server yet. Signing out deletes them from this device for good. Sign out anyway?'
    },
    fi: {
      one: '# muutos tällä laitteella ei ole vielä palvelimella. Uloskirjautuminen poistaa sen tältä laitteelta lopullisesti. Kirjaudutaanko silti ulos?',
      other:
        '# muutosta tällä laitteella ei ole vielä palvelimella. Uloskirjautuminen poistaa ne tältä laitteelta lopullisesti. Kirjaudutaanko silti ulos?'
    },
    da: {
      one: '# ændring på denne enhed er endnu ikke nået frem til serveren. Når du logger ud, slettes den fra enheden for altid. Log ud alligevel?',
      other:
        '# ændringer på denne enhed er endnu ikke nået frem til serveren. Når du logger ud, slettes de fra enheden for altid. Log ud alligevel?'
    }
  });

export const signOutUnreachable = (o?: MessageOptions) =>
  t(o, {
    en: 'Sign-out did not reach the server',
    fi: 'Uloskirjautuminen ei tavoittanut palvelinta',
    da: 'Logud nåede ikke frem til serveren'
  });

export const localDataNotCleared = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not delete this device’s copy of your data',
    fi: 'Tietojesi kopiota ei voitu poistaa tältä laitteelta',
    da: 'Kopien af dine data på denne enhed kunne ikke slettes'
  });
