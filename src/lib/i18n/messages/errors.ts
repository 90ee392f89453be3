/**
 * What the API's named errors mean to the person at the screen.
 *
 * The server answers a refusal as `{ error: { reason, message } }`. The `reason` is the
 * contract; the `message` is English written for logs and developers, so it is never shown
 * when the reason is known: `errorMessage(reason)` gives the sentence in the member's language,
 * with the way out where there is one. The tables are keyed by the server's own reason unions
 * (the accounts' `Failure`, the mailbox test's `MailConnectionError`), so a reason added there
 * does not compile until it has its words here; the reasons the HTTP layer names one by one are
 * listed in `OTHER`, and `errors.test.ts` scans the server for any this file does not know.
 * An unknown reason gets a general sentence, never the server's English.
 */
import type { Failure } from '../../../../server/accounts/accounts.ts';
import type { MailConnectionError } from '../../../../server/mail/mailbox.ts';
import { plural, t, type MessageOptions, type Texts } from '../runtime';

type AccountReason = Failure['reason'];

const ACCOUNT: Record<AccountReason, Texts> = {
  'invalid-request': {
    en: 'Something in the form is not valid. Check the fields and try again.',
    fi: 'Lomakkeessa on virheellinen tieto. Tarkista kentät ja yritä uudelleen.',
    da: 'Noget i formularen er ikke gyldigt. Tjek felterne, og prøv igen.'
  },
  'invalid-credentials': {
    en: 'The email or password is not right.',
    fi: 'Sähköpostiosoite tai salasana on väärin.',
    da: 'E-mailadressen eller adgangskoden er forkert.'
  },
  'email-taken': {
    en: 'An account with this email exists. Sign in instead.',
    fi: 'Tällä sähköpostiosoitteella on jo tili. Kirjaudu sisään.',
    da: 'Der findes allerede en konto med denne e-mailadresse. Log ind i stedet.'
  },
  // Without the wait (see `tryAgainIn` for the sentence that has it).
  'rate-limited': {
    en: 'Too many attempts. Wait a few minutes and try again.',
    fi: 'Liian monta yritystä. Odota muutama minuutti ja yritä uudelleen.',
    da: 'For mange forsøg. Vent et par minutter, og prøv igen.'
  },
  'invalid-token': {
    en: 'This link is invalid, used or expired. Ask for a new one.',
    fi: 'Linkki on virheellinen, jo käytetty tai vanhentunut. Pyydä uusi.',
    da: 'Linket er ugyldigt, brugt eller udløbet. Bed om et nyt.'
  },
  forbidden: {
    en: 'Your role does not allow this. Ask an owner or admin of the workspace.',
    fi: 'Roolisi ei salli tätä. Pyydä apua työtilan omistajalta tai ylläpitäjältä.',
    da: 'Din rolle giver ikke adgang til dette. Spørg en ejer eller administrator af arbejdsområdet.'
  },
  'not-found': {
    en: 'This is no longer there: someone may have removed it. Reload the page.',
    fi: 'Kohdetta ei enää löydy, joku on ehkä poistanut sen. Lataa sivu uudelleen.',
    da: 'Det findes ikke længere; nogen har måske fjernet det. Genindlæs siden.'
  },
  'last-owner': {
    en: 'A workspace needs an owner: make someone else owner first.',
    fi: 'Työtilalla on oltava omistaja: tee ensin joku muu omistajaksi.',
    da: 'Et arbejdsområde skal have en ejer: gør først en anden til ejer.'
  },
  'already-member': {
    en: 'You are already a member of this workspace.',
    fi: 'Olet jo tämän työtilan jäsen.',
    da: 'Du er allerede medlem af dette arbejdsområde.'
  }
};

/** The mailbox test's explanations (`server/mail/mailbox.ts`), each with what to check. */
const MAIL_CONNECTION: Record<MailConnectionError, Texts> = {
  'host-not-allowed': {
    en: 'This host is on a private, loopback or link-local address, which Baton does not connect to. Use the mail provider’s public host name.',
    fi: 'Palvelin on yksityisessä, paikallisessa tai link-local-osoitteessa, johon Baton ei ota yhteyttä. Käytä sähköpostipalvelun julkista palvelinnimeä.',
    da: 'Serveren ligger på en privat, lokal eller link-local-adresse, som Baton ikke forbinder til. Brug mailudbyderens offentlige servernavn.'
  },
  'host-not-found': {
    en: 'The host name does not resolve: check its spelling.',
    fi: 'Palvelimen nimeä ei löydy: tarkista kirjoitusasu.',
    da: 'Servernavnet kan ikke findes: tjek stavningen.'
  },
  'no-secret': {
    en: 'No password or token is saved. Enter it and test again.',
    fi: 'Salasanaa tai käyttöoikeustunnusta ei ole tallennettu. Syötä se ja testaa uudelleen.',
    da: 'Der er ikke gemt nogen adgangskode eller token. Indtast den, og test igen.'
  },
  'connection-refused': {
    en: 'Nothing accepts connections on this host and port: check the port (IMAP: 993 for TLS, 143 for STARTTLS; SMTP: 465 for TLS, 587 for STARTTLS).',
    fi: 'Palvelin ei ota vastaan yhteyksiä tähän porttiin: tarkista portti (IMAP: 993 TLS:lle, 143 STARTTLS:lle; SMTP: 465 TLS:lle, 587 STARTTLS:lle).',
    da: 'Intet tager imod forbindelser på denne server og port: tjek porten (IMAP: 993 til TLS, 143 til STARTTLS; SMTP: 465 til TLS, 587 til STARTTLS).'
  },
  timeout: {
    en: 'The server did not answer in time: a firewall may block it, or the port is wrong.',
    fi: 'Palvelin ei vastannut ajoissa: palomuuri voi estää yhteyden, tai portti on väärä.',
    da: 'Serveren svarede ikke i tide: en firewall blokerer den måske, eller porten er forkert.'
  },
  'tls-failed': {
    en: 'The secure connection failed: check the security setting for this port (TLS on the TLS port, STARTTLS or none on the plain one), and the server’s certificate.',
    fi: 'Suojattu yhteys epäonnistui: tarkista portin suojausasetus (TLS-porttiin TLS, tavalliseen porttiin STARTTLS tai ei suojausta) ja palvelimen varmenne.',
    da: 'Den sikre forbindelse mislykkedes: tjek sikkerhedsindstillingen for porten (TLS på TLS-porten, STARTTLS eller ingen på den almindelige) og serverens certifikat.'
  },
  'auth-failed': {
    en: 'The server refused the user name and password (or token). Check them; some providers need an app password or OAuth2.',
    fi: 'Palvelin hylkäsi käyttäjätunnuksen ja salasanan (tai käyttöoikeustunnuksen). Tarkista ne; jotkin palveluntarjoajat vaativat sovellussalasanan tai OAuth2:n.',
    da: 'Serveren afviste brugernavnet og adgangskoden (eller tokenet). Tjek dem; nogle udbydere kræver en app-adgangskode eller OAuth2.'
  },
  'auth-method-unsupported': {
    en: 'The server does not offer this sign-in method: choose password, or check that it supports OAuth2 (XOAUTH2).',
    fi: 'Palvelin ei tarjoa tätä kirjautumistapaa: valitse salasana tai tarkista, että palvelin tukee OAuth2:ta (XOAUTH2).',
    da: 'Serveren tilbyder ikke denne login-metode: vælg adgangskode, eller tjek, at den understøtter OAuth2 (XOAUTH2).'
  },
  'folder-not-found': {
    en: 'The folder does not exist on the IMAP server. Check its name (often INBOX).',
    fi: 'Kansiota ei ole IMAP-palvelimella. Tarkista kansion nimi (yleensä INBOX).',
    da: 'Mappen findes ikke på IMAP-serveren. Tjek navnet (ofte INBOX).'
  },
  'connection-failed': {
    en: 'The connection failed. Check the host name, port and security setting, then test again.',
    fi: 'Yhteys epäonnistui. Tarkista palvelimen nimi, portti ja suojausasetus ja testaa uudelleen.',
    da: 'Forbindelsen mislykkedes. Tjek servernavnet, porten og sikkerhedsindstillingen, og test igen.'
  }
};

/** Reasons the HTTP layer and the mail endpoints name one by one (no union on the server). */
type OtherReason =
  | 'not-signed-in'
  | 'unsupported-media-type'
  | 'too-large'
  | 'invalid-json'
  | 'mail-failed'
  | 'no-mailbox'
  | 'empty'
  | 'address-taken'
  | 'too-many-mailboxes'
  | 'provider-not-configured'
  | 'no-recipient'
  | 'not-failed'
  | 'unknown-member';

const OTHER: Record<OtherReason, Texts> = {
  'not-signed-in': {
    en: 'You are signed out. Sign in again to continue.',
    fi: 'Istunto on päättynyt. Kirjaudu uudelleen sisään jatkaaksesi.',
    da: 'Du er logget ud. Log ind igen for at fortsætte.'
  },
  'unsupported-media-type': {
    en: 'The server did not accept the request from this page. Reload the page and try again.',
    fi: 'Palvelin hylkäsi tämän sivun pyynnön. Lataa sivu uudelleen ja yritä sitten uudestaan.',
    da: 'Serveren afviste anmodningen fra denne side. Genindlæs siden, og prøv igen.'
  },
  'too-large': {
    en: 'That is too large to send. Shorten it and try again.',
    fi: 'Lähetettävä sisältö on liian suuri. Lyhennä sitä ja yritä uudelleen.',
    da: 'Det er for stort til at blive sendt. Gør det kortere, og prøv igen.'
  },
  'invalid-json': {
    en: 'The server could not read what this page sent. Reload the page and try again.',
    fi: 'Palvelin ei pystynyt lukemaan sivun lähettämiä tietoja. Lataa sivu uudelleen ja yritä sitten uudestaan.',
    da: 'Serveren kunne ikke læse det, siden sendte. Genindlæs siden, og prøv igen.'
  },
  'mail-failed': {
    en: 'The invitation was made, but the email could not be sent. Revoke it and invite again with the email field empty to get a link you can share.',
    fi: 'Kutsu luotiin, mutta sähköpostia ei voitu lähettää. Mitätöi kutsu ja kutsu uudelleen jättämällä sähköpostikenttä tyhjäksi, niin saat jaettavan linkin.',
    da: 'Invitationen blev oprettet, men e-mailen kunne ikke sendes. Tilbagekald den, og invitér igen med tomt e-mailfelt for at få et link, du kan dele.'
  },
  'address-taken': {
    en: 'Another mailbox of this workspace already has this address.',
    fi: 'Tämän työtilan toisella postilaatikolla on jo tämä osoite.',
    da: 'En anden postkasse i dette arbejdsområde har allerede denne adresse.'
  },
  'too-many-mailboxes': {
    en: 'A workspace can have at most 20 mailboxes. Remove one first.',
    fi: 'Työtilassa voi olla enintään 20 postilaatikkoa. Poista ensin yksi.',
    da: 'Et arbejdsområde kan højst have 20 postkasser. Fjern først én.'
  },
  'provider-not-configured': {
    en: 'Signing in with this provider is not set up on this server: the operator sets its client id and secret.',
    fi: 'Tällä palveluntarjoajalla kirjautumista ei ole otettu käyttöön tällä palvelimella: ylläpitäjä asettaa sen asiakastunnuksen ja salaisuuden.',
    da: 'Login med denne udbyder er ikke sat op på denne server: driftsansvarlig angiver dens klient-id og hemmelighed.'
  },
  'no-mailbox': {
    en: 'Enter the mailbox settings first.',
    fi: 'Syötä ensin postilaatikon asetukset.',
    da: 'Udfyld først postkassens indstillinger.'
  },
  empty: {
    en: 'No messages were found in the files. Choose .mbox or .eml files exported from a mail program.',
    fi: 'Tiedostoista ei löytynyt viestejä. Valitse sähköpostiohjelmasta viedyt .mbox- tai .eml-tiedostot.',
    da: 'Der blev ikke fundet nogen beskeder i filerne. Vælg .mbox- eller .eml-filer, der er eksporteret fra et mailprogram.'
  },
  'no-recipient': {
    en: 'The reply still has nobody to go to: set the ticket’s requester first.',
    fi: 'Vastauksella ei ole vieläkään vastaanottajaa: aseta ensin tiketin pyytäjä.',
    da: 'Svaret har stadig ingen modtager: angiv først sagens anmoder.'
  },
  'not-failed': {
    en: 'This reply has not failed: it is queued or already sent.',
    fi: 'Tämän vastauksen lähetys ei ole epäonnistunut: se on jonossa tai jo lähetetty.',
    da: 'Dette svar er ikke mislykkedes: det står i kø eller er allerede sendt.'
  },
  'unknown-member': {
    en: 'There is no such member in the demo workspace.',
    fi: 'Demotyötilassa ei ole tällaista jäsentä.',
    da: 'Der findes ikke et sådant medlem i demo-arbejdsområdet.'
  }
};

/** Every reason this file has words for. */
export type ApiErrorReason = AccountReason | MailConnectionError | OtherReason;

const ERRORS: Readonly<Record<ApiErrorReason, Texts>> = {
  ...ACCOUNT,
  ...MAIL_CONNECTION,
  ...OTHER
};

const UNKNOWN: Texts = {
  en: 'Something went wrong on the server. Try again; if it keeps happening, tell an admin of your workspace.',
  fi: 'Palvelimella tapahtui virhe. Yritä uudelleen; jos virhe toistuu, kerro siitä työtilan ylläpitäjälle.',
  da: 'Der gik noget galt på serveren. Prøv igen; hvis det bliver ved, så sig det til en administrator af arbejdsområdet.'
};

function isKnown(reason: string): reason is ApiErrorReason {
  return Object.hasOwn(ERRORS, reason);
}

/** What the server said beyond its reason, when the caller has it. */
export interface ErrorDetails {
  /** How long a rate limit lasts (`rate-limited`). */
  retryAfterMs?: number;
  /** The HTTP status, for an answer without a readable error body (reason `http`). */
  status?: number;
}

/**
 * The sentence for an API error `reason` in the member's language. `http` is the client's
 * own reason for an answer that carried no error body (a proxy's 502, a body size limit).
 */
export const errorMessage = (reason: string, o?: MessageOptions & ErrorDetails): string => {
  if (reason === 'rate-limited' && o?.retryAfterMs !== undefined) {
    const minutes = Math.max(1, Math.ceil(o.retryAfterMs / 60_000));
    return plural(minutes, o, {
      en: {
        one: 'Too many attempts. Try again in # minute.',
        other: 'Too many attempts. Try again in # minutes.'
      },
      fi: {
        one: 'Liian monta yritystä. Yritä uudelleen # minuutin kuluttua.',
        other: 'Liian monta yritystä. Yritä uudelleen # minuutin kuluttua.'
      },
      da: {
        one: 'For mange forsøg. Prøv igen om # minut.',
        other: 'For mange forsøg. Prøv igen om # minutter.'
      }
    });
  }
  if (reason === 'http' && o?.status !== undefined) {
    const status = o.status;
    return t(o, {
      en: `The server could not answer (error ${status}). Try again in a moment.`,
      fi: `Palvelin ei pystynyt vastaamaan (virhe ${status}). Yritä hetken kuluttua uudelleen.`,
      da: `Serveren kunne ikke svare (fejl ${status}). Prøv igen om lidt.`
    });
  }
  return t(o, isKnown(reason) ? ERRORS[reason] : UNKNOWN);
};
