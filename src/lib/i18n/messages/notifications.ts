/**
 * Notifications: the bell and the inbox, the preferences on the profile page, and the words of
 * push messages and emails (the server writes those in the member's language).
 */
import type { NotificationKind } from '../../contract/notifications';
import type { SlaMetric } from '../../domain/sla';
import { plural, t, type MessageOptions } from '../runtime';

export const notificationsTitle = (o?: MessageOptions) =>
  t(o, { en: 'Notifications', fi: 'Ilmoitukset', da: 'Notifikationer' });

/** The bell's accessible name, with how many are unread. */
export const bellLabel = (p: { count: number }, o?: MessageOptions) =>
  plural(p.count, o, {
    en: {
      one: 'Notifications, 1 unread',
      other: `Notifications, ${p.count} unread`
    },
    fi: {
      one: 'Ilmoitukset, 1 lukematon',
      other: `Ilmoitukset, ${p.count} lukematonta`
    },
    da: {
      one: 'Notifikationer, 1 ulæst',
      other: `Notifikationer, ${p.count} ulæste`
    }
  });

export const kindTitle = (kind: NotificationKind, o?: MessageOptions) =>
  t(
    o,
    {
      assigned: { en: 'Assigned to you', fi: 'Annettu sinulle', da: 'Tildelt dig' },
      handover: { en: 'Handed over to you', fi: 'Luovutettu sinulle', da: 'Overdraget til dig' },
      'sla-warning': {
        en: 'SLA warning',
        fi: 'Palvelutaso vaarassa',
        da: 'SLA-advarsel'
      },
      'sla-breach': {
        en: 'SLA breached',
        fi: 'Palvelutaso ylittynyt',
        da: 'SLA overskredet'
      },
      'bad-rating': {
        en: 'Bad rating',
        fi: 'Huono arvio',
        da: 'Dårlig vurdering'
      },
      mentioned: { en: 'Mentioned you', fi: 'Mainitsi sinut', da: 'Nævnte dig' },
      'side-conversation': {
        en: 'Side conversation',
        fi: 'Sivukeskustelu',
        da: 'Sidesamtale'
      },
      automation: { en: 'Automation', fi: 'Automaatio', da: 'Automatisering' }
    }[kind]
  );

const metricWords = (metric: SlaMetric | null, o?: MessageOptions) =>
  t(
    o,
    {
      firstReply: { en: 'first reply', fi: 'ensimmäisen vastauksen', da: 'første svar' },
      nextReply: { en: 'next reply', fi: 'seuraavan vastauksen', da: 'næste svar' },
      resolution: { en: 'resolution', fi: 'ratkaisun', da: 'løsning' },
      none: { en: 'service level', fi: 'palvelutason', da: 'serviceniveau' }
    }[metric ?? 'none']
  );

/**
 * One line about a notification: who did what to which ticket. `ticket` is `#42` (or the
 * subject alone when the ticket has no number yet).
 */
export const notificationLine = (
  p: {
    kind: NotificationKind;
    ticket: string;
    actor: string | null;
    metric: SlaMetric | null;
  },
  o?: MessageOptions
) => {
  const actor = p.actor ?? 'Baton';
  const metric = metricWords(p.metric, o);
  switch (p.kind) {
    case 'assigned':
      return t(o, {
        en: `${actor} assigned ${p.ticket} to you`,
        fi: `${actor} antoi tiketin ${p.ticket} sinulle`,
        da: `${actor} tildelte dig sag ${p.ticket}`
      });
    case 'handover':
      return t(o, {
        en: `${actor} handed ${p.ticket} over to you`,
        fi: `${actor} luovutti tiketin ${p.ticket} sinulle`,
        da: `${actor} overdrog sag ${p.ticket} til dig`
      });
    case 'sla-warning':
      return t(o, {
        en: `The ${metric} target of ${p.ticket} is close`,
        fi: `Tiketin ${p.ticket} ${metric} tavoite on lähellä`,
        da: `Målet for ${metric} på sag ${p.ticket} er tæt på`
      });
    case 'sla-breach':
      return t(o, {
        en: `The ${metric} target of ${p.ticket} was breached`,
        fi: `Tiketin ${p.ticket} ${metric} tavoite ylittyi`,
        da: `Målet for ${metric} på sag ${p.ticket} er overskredet`
      });
    case 'bad-rating':
      return t(o, {
        en: `The customer rated ${p.ticket} bad`,
        fi: `Asiakas antoi tiketille ${p.ticket} huonon arvion`,
        da: `Kunden gav sag ${p.ticket} en dårlig vurdering`
      });
    case 'mentioned':
      return t(o, {
        en: `${actor} mentioned you on ${p.ticket}`,
        fi: `${actor} mainitsi sinut tiketissä ${p.ticket}`,
        da: `${actor} nævnte dig på sag ${p.ticket}`
      });
    case 'side-conversation':
      return t(o, {
        en: `${actor} wrote in a side conversation on ${p.ticket}`,
        fi: `${actor} kirjoitti sivukeskusteluun tiketissä ${p.ticket}`,
        da: `${actor} skrev i en sidesamtale på sag ${p.ticket}`
      });
    case 'automation':
      return t(o, {
        en: `An automation asks you to look at ${p.ticket}`,
        fi: `Automaatio pyytää sinua katsomaan tikettiä ${p.ticket}`,
        da: `En automatisering beder dig se på sag ${p.ticket}`
      });
  }
};

export const noNotifications = (o?: MessageOptions) =>
  t(o, {
    en: 'Nothing here yet. Tickets assigned or handed over to you, mentions, side conversations, automations that name you and service levels about to breach show up here.',
    fi: 'Täällä ei ole vielä mitään. Sinulle annetut ja luovutetut tiketit, maininnat, sivukeskustelut, sinut nimeävät automaatiot sekä ylittymässä olevat palvelutasot näkyvät täällä.',
    da: 'Intet her endnu. Sager, der tildeles eller overdrages til dig, omtaler, sidesamtaler, automatiseringer, der nævner dig, og serviceniveauer tæt på at blive overskredet, vises her.'
  });

export const unreadMark = (o?: MessageOptions) =>
  t(o, { en: 'Unread', fi: 'Lukematon', da: 'Ulæst' });

export const markRead = (o?: MessageOptions) =>
  t(o, { en: 'Mark read', fi: 'Merkitse luetuksi', da: 'Markér som læst' });

export const markAllRead = (o?: MessageOptions) =>
  t(o, { en: 'Mark all read', fi: 'Merkitse kaikki luetuiksi', da: 'Markér alle som læst' });

export const inboxOffline = (o?: MessageOptions) =>
  t(o, {
    en: 'Offline: these are the notifications this device saw last.',
    fi: 'Ei yhteyttä: nämä ovat ilmoitukset, jotka tämä laite näki viimeksi.',
    da: 'Offline: det er de notifikationer, denne enhed så sidst.'
  });

export const couldNotLoadNotifications = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not load the notifications.',
    fi: 'Ilmoituksia ei voitu ladata.',
    da: 'Notifikationerne kunne ikke hentes.'
  });

export const couldNotMarkRead = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not mark the notifications read.',
    fi: 'Ilmoituksia ei voitu merkitä luetuiksi.',
    da: 'Notifikationerne kunne ikke markeres som læst.'
  });

// Preferences (profile page)

export const prefsIntro = (o?: MessageOptions) =>
  t(o, {
    en: 'What Baton tells you, and how. The bell always shows everything; push and email are your choice per kind.',
    fi: 'Mistä Baton kertoo sinulle ja miten. Kello näyttää aina kaiken; push-ilmoitukset ja sähköpostin valitset tyypeittäin.',
    da: 'Hvad Baton fortæller dig, og hvordan. Klokken viser altid alt; push og e-mail vælger du for hver slags.'
  });

export const prefsKind = (o?: MessageOptions) => t(o, { en: 'When', fi: 'Milloin', da: 'Hvornår' });

export const prefsInApp = (o?: MessageOptions) =>
  t(o, { en: 'In the app', fi: 'Sovelluksessa', da: 'I appen' });

// same in all languages: Danish says "push" too (Finnish: "push-ilmoitus").
export const prefsPush = (o?: MessageOptions) =>
  t(o, { en: 'Push', fi: 'Push-ilmoitus', da: 'Push' });

export const prefsEmail = (o?: MessageOptions) =>
  t(o, {
    en: 'Email when off shift',
    fi: 'Sähköposti, kun et ole vuorossa',
    da: 'E-mail, når du ikke er på vagt'
  });

export const prefsAlways = (o?: MessageOptions) => t(o, { en: 'Always', fi: 'Aina', da: 'Altid' });

export const prefsSaved = (o?: MessageOptions) =>
  t(o, {
    en: 'Notification preferences saved.',
    fi: 'Ilmoitusasetukset tallennettu.',
    da: 'Indstillinger for notifikationer gemt.'
  });

export const couldNotSavePrefs = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not save the notification preferences.',
    fi: 'Ilmoitusasetuksia ei voitu tallentaa.',
    da: 'Indstillingerne for notifikationer kunne ikke gemmes.'
  });

export const pushTurnOn = (o?: MessageOptions) =>
  t(o, {
    en: 'Turn on push on this device',
    fi: 'Ota push-ilmoitukset käyttöön tällä laitteella',
    da: 'Slå push til på denne enhed'
  });

export const pushTurnOff = (o?: MessageOptions) =>
  t(o, {
    en: 'Turn off push on this device',
    fi: 'Poista push-ilmoitukset käytöstä tällä laitteella',
    da: 'Slå push fra på denne enhed'
  });

export const pushIsOn = (o?: MessageOptions) =>
  t(o, {
    en: 'Push is on for this device.',
    fi: 'Push-ilmoitukset ovat käytössä tällä laitteella.',
    da: 'Push er slået til på denne enhed.'
  });

export const pushBlocked = (o?: MessageOptions) =>
  t(o, {
    en: 'This browser blocks notifications from Baton. Allow them in the site settings to get push.',
    fi: 'Selain estää Batonin ilmoitukset. Salli ne sivuston asetuksista saadaksesi push-ilmoituksia.',
    da: 'Browseren blokerer notifikationer fra Baton. Tillad dem i webstedets indstillinger for at få push.'
  });

export const pushUnsupported = (o?: MessageOptions) =>
  t(o, {
    en: 'This browser cannot receive push notifications.',
    fi: 'Tämä selain ei voi vastaanottaa push-ilmoituksia.',
    da: 'Denne browser kan ikke modtage push-notifikationer.'
  });

export const couldNotTurnOnPush = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not turn on push on this device.',
    fi: 'Push-ilmoituksia ei voitu ottaa käyttöön tällä laitteella.',
    da: 'Push kunne ikke slås til på denne enhed.'
  });

// Email (server)

/** `[Baton] SLA breached: #42 Printer on fire` (the ticket left out when it has no number). */
// same in all languages: the words come from kindTitle.
export const emailSubject = (
  p: { kind: NotificationKind; ticket: string; subject: string },
  o?: MessageOptions
) => {
  const about = p.ticket === p.subject ? p.subject : `${p.ticket} ${p.subject}`;
  const kind = kindTitle(p.kind, o);
  return t(o, {
    en: `[Baton] ${kind}: ${about}`,
    fi: `[Baton] ${kind}: ${about}`,
    da: `[Baton] ${kind}: ${about}`
  });
};

export const emailBody = (
  p: { name: string; line: string; subject: string; link: string },
  o?: MessageOptions
) =>
  t(o, {
    en: `Hello ${p.name},\n\n${p.line}: ${p.subject}\n\nOpen the ticket: ${p.link}\n\nYou get this email because you are off shift and chose email for this kind of notification on your profile page in Baton.`,
    fi: `Hei ${p.name},\n\n${p.line}: ${p.subject}\n\nAvaa tiketti: ${p.link}\n\nSaat tämän sähköpostin, koska et ole vuorossa ja valitsit sähköpostin tälle ilmoitustyypille Batonin profiilisivulla.`,
    da: `Hej ${p.name},\n\n${p.line}: ${p.subject}\n\nÅbn sagen: ${p.link}\n\nDu får denne e-mail, fordi du ikke er på vagt og har valgt e-mail for denne slags notifikation på din profilside i Baton.`
  });
