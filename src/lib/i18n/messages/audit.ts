/** The audit log: what each recorded action is called, and the details the server keeps. */
import type { AuditAction } from '../../contract/audit-actions';
import type { RoleName } from '../../state/identity.svelte';
import { plural, t, type MessageOptions, type Texts } from '../runtime';
import { roleNoun } from './members';

export const auditTitle = (o?: MessageOptions) =>
  t(o, { en: 'Audit log', fi: 'Tapahtumaloki', da: 'Revisionslog' });

export const auditIntro = (o?: MessageOptions) =>
  t(o, {
    en: 'Sign-ins, role changes, invitations, exports, and who opened and changed which document, with the address they came from. Newest first.',
    fi: 'Kirjautumiset, roolimuutokset, kutsut ja viennit sekä kuka avasi tai muutti minkäkin asiakirjan ja mistä osoitteesta. Uusimmat ensin.',
    da: 'Logins, rolleændringer, invitationer, eksporter, og hvem der åbnede og ændrede hvilket dokument, med den adresse, de kom fra. Nyeste først.'
  });

const ACTION: Record<AuditAction, Texts> = {
  'sign-in': { en: 'Signed in', fi: 'Kirjautui sisään', da: 'Loggede ind' },
  'sign-in-failed': {
    en: 'Sign-in failed',
    fi: 'Kirjautuminen epäonnistui',
    da: 'Mislykket login'
  },
  'sign-out': { en: 'Signed out', fi: 'Kirjautui ulos', da: 'Loggede ud' },
  'sign-out-everywhere': {
    en: 'Signed out everywhere',
    fi: 'Kirjautui ulos kaikilta laitteilta',
    da: 'Loggede ud på alle enheder'
  },
  'sign-up': { en: 'Account created', fi: 'Tili luotiin', da: 'Konto oprettet' },
  'password-reset-requested': {
    en: 'Password reset requested',
    fi: 'Salasanan vaihtoa pyydettiin',
    da: 'Bad om nulstilling af adgangskode'
  },
  'password-reset': {
    en: 'Password reset',
    fi: 'Salasana vaihdettiin',
    da: 'Adgangskode nulstillet'
  },
  'workspace-created': {
    en: 'Workspace created',
    fi: 'Työtila luotiin',
    da: 'Arbejdsområde oprettet'
  },
  'role-changed': { en: 'Role changed', fi: 'Rooli vaihdettiin', da: 'Rolle ændret' },
  'member-removed': { en: 'Member removed', fi: 'Jäsen poistettiin', da: 'Medlem fjernet' },
  'member-joined': { en: 'Member joined', fi: 'Jäsen liittyi', da: 'Nyt medlem' },
  'invitation-created': {
    en: 'Invitation created',
    fi: 'Kutsu luotiin',
    da: 'Invitation oprettet'
  },
  'invitation-revoked': {
    en: 'Invitation revoked',
    fi: 'Kutsu mitätöitiin',
    da: 'Invitation tilbagekaldt'
  },
  'document-opened': { en: 'Document opened', fi: 'Asiakirja avattiin', da: 'Dokument åbnet' },
  'document-changed': {
    en: 'Document changed',
    fi: 'Asiakirjaa muutettiin',
    da: 'Dokument ændret'
  },
  'api-token-created': {
    en: 'API token created',
    fi: 'API-avain luotiin',
    da: 'API-token oprettet'
  },
  'api-token-revoked': {
    en: 'API token revoked',
    fi: 'API-avain mitätöitiin',
    da: 'API-token tilbagekaldt'
  },
  'audit-exported': {
    en: 'Audit log exported',
    fi: 'Tapahtumaloki vietiin',
    da: 'Revisionslog eksporteret'
  }
};

export const auditActionLabel = (action: AuditAction, o?: MessageOptions) => t(o, ACTION[action]);

/** Details the server writes as fixed words (`server/accounts`, `server/auth.ts`). */
const FIXED_DETAIL: Record<string, Texts> = {
  'wrong password': { en: 'wrong password', fi: 'väärä salasana', da: 'forkert adgangskode' },
  'unknown email': {
    en: 'unknown email',
    fi: 'tuntematon sähköpostiosoite',
    da: 'ukendt e-mailadresse'
  },
  'rate-limited': {
    en: 'too many attempts',
    fi: 'liian monta yritystä',
    da: 'for mange forsøg'
  },
  'from many sources': {
    en: 'from many sources',
    fi: 'useista lähteistä',
    da: 'fra mange kilder'
  },
  'API token': { en: 'API token', fi: 'API-avain', da: 'API-token' },
  'batch sync': { en: 'batch sync', fi: 'eräsynkronointi', da: 'batch-synkronisering' },
  read: { en: 'read', fi: 'lukuoikeus', da: 'læseadgang' },
  write: { en: 'write', fi: 'kirjoitusoikeus', da: 'skriveadgang' }
};

const ROLE = /^(owner|admin|agent|light-agent|viewer)$/;
const isRole = (value: string | undefined): value is RoleName => ROLE.test(value ?? '');

/**
 * An event's detail in the member's language. The server stores it as it was written, with
 * role ids (`agent → viewer`, `as light-agent`, `was admin`), counts (`42 events`) or fixed
 * words; those are read back and put into words here. Anything else (a detail a newer server
 * writes) is shown as it is, since it is data, not a message of ours.
 */
export const auditDetail = (action: string, detail: string, o?: MessageOptions): string => {
  const fixed = Object.hasOwn(FIXED_DETAIL, detail) ? FIXED_DETAIL[detail] : undefined;
  if (fixed) return t(o, fixed);
  const change = /^(\S+) → (\S+)$/.exec(detail);
  if (action === 'role-changed' && change && isRole(change[1]) && isRole(change[2])) {
    return `${roleNoun(change[1], o)} → ${roleNoun(change[2], o)}`;
  }
  const as = /^as (\S+)$/.exec(detail)?.[1];
  if (isRole(as)) {
    const role = roleNoun(as, o);
    return t(o, { en: `as ${role}`, fi: `rooli: ${role}`, da: `som ${role}` });
  }
  const was = /^was (\S+)$/.exec(detail)?.[1];
  if (isRole(was)) {
    const role = roleNoun(was, o);
    return t(o, { en: `was ${role}`, fi: `rooli oli ${role}`, da: `var ${role}` });
  }
  const events = /^(\d+) events$/.exec(detail)?.[1];
  if (events !== undefined) {
    return plural(Number(events), o, {
      en: { one: '# event', other: '# events' },
      fi: { one: '# tapahtuma', other: '# tapahtumaa' },
      da: { one: '# hændelse', other: '# hændelser' }
    });
  }
  return detail;
};

// The filters and the table -----------------------------------------------------------------

export const actionField = (o?: MessageOptions) =>
  t(o, { en: 'Action', fi: 'Tapahtuma', da: 'Handling' });

export const anyAction = (o?: MessageOptions) => t(o, { en: 'Any', fi: 'Kaikki', da: 'Alle' });

export const whoField = (o?: MessageOptions) => t(o, { en: 'Who', fi: 'Kuka', da: 'Hvem' });

export const whoExample = (o?: MessageOptions) => t(o, { en: 'Name', fi: 'Nimi', da: 'Navn' });

export const whatField = (o?: MessageOptions) => t(o, { en: 'What', fi: 'Kohde', da: 'Hvad' });

export const whatExample = (o?: MessageOptions) =>
  t(o, {
    en: 'Document, email…',
    fi: 'Asiakirja, sähköpostiosoite…',
    da: 'Dokument, e-mail…'
  });

export const fromField = (o?: MessageOptions) => t(o, { en: 'From', fi: 'Alkaen', da: 'Fra' });

export const toField = (o?: MessageOptions) => t(o, { en: 'To', fi: 'Asti', da: 'Til' });

export const filter = (o?: MessageOptions) => t(o, { en: 'Filter', fi: 'Suodata', da: 'Filtrér' });

export const exportCsv = (o?: MessageOptions) =>
  t(o, { en: 'Export CSV', fi: 'Vie CSV-tiedostoksi', da: 'Eksportér CSV' });

export const whenColumn = (o?: MessageOptions) => t(o, { en: 'When', fi: 'Aika', da: 'Tidspunkt' });

export const detailsColumn = (o?: MessageOptions) =>
  t(o, { en: 'Details', fi: 'Lisätiedot', da: 'Detaljer' });

export const addressColumn = (o?: MessageOptions) =>
  t(o, { en: 'Address', fi: 'IP-osoite', da: 'IP-adresse' });

export const nothingMatches = (o?: MessageOptions) =>
  t(o, {
    en: 'Nothing matches.',
    fi: 'Ei tapahtumia näillä ehdoilla.',
    da: 'Ingen hændelser matcher.'
  });

export const olderEvents = (o?: MessageOptions) =>
  t(o, { en: 'Older events', fi: 'Vanhemmat tapahtumat', da: 'Ældre hændelser' });

export const auditForbidden = (o?: MessageOptions) =>
  t(o, {
    en: 'Only owners and admins can read the audit log.',
    fi: 'Vain omistajat ja ylläpitäjät voivat lukea tapahtumalokia.',
    da: 'Kun ejere og administratorer kan læse revisionsloggen.'
  });

export const couldNotLoadAudit = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not load the audit log.',
    fi: 'Tapahtumalokia ei voitu ladata.',
    da: 'Revisionsloggen kunne ikke indlæses.'
  });

/** Names the failure in an unexpected error's toast. */
export const couldNotLoadAuditShort = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not load the audit log',
    fi: 'Tapahtumalokin lataus epäonnistui',
    da: 'Revisionsloggen kunne ikke indlæses'
  });
