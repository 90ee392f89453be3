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

// Rows in words ------------------------------------------------------------------------------

/** What a sentence needs of a row (the API's readable audit event). */
export interface AuditRowWords {
  action: string;
  actorName: string | null;
  target: string | null;
  ticket: { number: number | null } | null;
  document: 'ticket' | 'index' | 'settings' | 'article' | 'draft' | null;
  member: string | null;
  changes: number;
  detail: string | null;
}

const someone = (o?: MessageOptions) => t(o, { en: 'Someone', fi: 'Joku', da: 'Nogen' });

/** `#42`, or "a ticket" while the server knows no number for it. */
export const auditTicketLabel = (number: number | null, o?: MessageOptions) =>
  number !== null ? `#${number}` : t(o, { en: 'a ticket', fi: 'tiketti', da: 'en sag' });

function changeCount(n: number, o?: MessageOptions): string {
  return plural(n, o, {
    en: { one: '# change', other: '# changes' },
    fi: { one: '# muutoksen', other: '# muutosta' },
    da: { one: '# ændring', other: '# ændringer' }
  });
}

function documentSentence(row: AuditRowWords, a: string, o?: MessageOptions): string {
  const opened = row.action === 'document-opened';
  const label = auditTicketLabel(row.ticket?.number ?? null, o);
  let text: string;
  switch (row.document) {
    case 'ticket':
      text = opened
        ? t(o, {
            en: `${a} opened ${label}`,
            fi: `${a} avasi tiketin ${label}`,
            da: `${a} åbnede sag ${label}`
          })
        : t(o, {
            en: `${a} changed ${label}`,
            fi: `${a} muutti tikettiä ${label}`,
            da: `${a} ændrede sag ${label}`
          });
      break;
    case 'index':
      text = opened
        ? t(o, {
            en: `${a} opened the ticket list`,
            fi: `${a} avasi tikettilistan`,
            da: `${a} åbnede sagslisten`
          })
        : t(o, {
            en: `${a} changed the ticket list`,
            fi: `${a} muutti tikettilistaa`,
            da: `${a} ændrede sagslisten`
          });
      break;
    case 'settings':
      text = opened
        ? t(o, {
            en: `${a} opened the settings`,
            fi: `${a} avasi asetukset`,
            da: `${a} åbnede indstillingerne`
          })
        : t(o, {
            en: `${a} changed the settings`,
            fi: `${a} muutti asetuksia`,
            da: `${a} ændrede indstillingerne`
          });
      break;
    case 'article':
      text = opened
        ? t(o, {
            en: `${a} opened an article`,
            fi: `${a} avasi tietopankin artikkelin`,
            da: `${a} åbnede en artikel i vidensbasen`
          })
        : t(o, {
            en: `${a} changed an article`,
            fi: `${a} muutti tietopankin artikkelia`,
            da: `${a} ændrede en artikel i vidensbasen`
          });
      break;
    case 'draft':
      text = opened
        ? t(o, {
            en: `${a} opened their reply draft on ${label}`,
            fi: `${a} avasi oman vastausluonnoksensa tiketissä ${label}`,
            da: `${a} åbnede sit svarudkast på sag ${label}`
          })
        : t(o, {
            en: `${a} changed their reply draft on ${label}`,
            fi: `${a} muutti omaa vastausluonnostaan tiketissä ${label}`,
            da: `${a} ændrede sit svarudkast på sag ${label}`
          });
      break;
    default:
      text = opened
        ? t(o, {
            en: `${a} opened a document`,
            fi: `${a} avasi asiakirjan`,
            da: `${a} åbnede et dokument`
          })
        : t(o, {
            en: `${a} changed a document`,
            fi: `${a} muutti asiakirjaa`,
            da: `${a} ændrede et dokument`
          });
  }
  if (row.changes <= 0) return text;
  const n = changeCount(row.changes, o);
  return opened
    ? t(o, {
        en: `${text} and made ${n}`,
        fi: `${text} ja teki ${n}`,
        da: `${text} og lavede ${n}`
      })
    : `${text} (${n})`;
}

/**
 * A row as a sentence, the actor first: "Maya Thompson opened #42", "Aino Virtanen changed the
 * role of Lars to agent". Names, numbers and roles are the server's (resolved from accounts and
 * documents); an action this page does not know yet is shown by its code.
 */
export const auditSentence = (row: AuditRowWords, o?: MessageOptions): string => {
  const a = row.actorName ?? someone(o);
  const target = row.target ?? '';
  const member =
    row.member ?? (row.target || t(o, { en: 'a member', fi: 'jäsen', da: 'et medlem' }));
  switch (row.action) {
    case 'document-opened':
    case 'document-changed':
      return documentSentence(row, a, o);
    case 'role-changed': {
      const to = /→ (\S+)$/.exec(row.detail ?? '')?.[1];
      const role = isRole(to) ? roleNoun(to, o) : null;
      return role
        ? t(o, {
            en: `${a} changed the role of ${member} to ${role}`,
            fi: `${a} vaihtoi roolia: ${member} on nyt ${role}`,
            da: `${a} ændrede rollen for ${member} til ${role}`
          })
        : t(o, {
            en: `${a} changed the role of ${member}`,
            fi: `${a} vaihtoi jäsenen ${member} roolia`,
            da: `${a} ændrede rollen for ${member}`
          });
    }
    case 'member-removed':
      return t(o, {
        en: `${a} removed ${member}`,
        fi: `${a} poisti jäsenen ${member}`,
        da: `${a} fjernede ${member}`
      });
    case 'member-joined':
      return t(o, {
        en: `${a} joined the workspace`,
        fi: `${a} liittyi työtilaan`,
        da: `${a} blev medlem af arbejdsområdet`
      });
    case 'sign-in':
      return t(o, { en: `${a} signed in`, fi: `${a} kirjautui sisään`, da: `${a} loggede ind` });
    case 'sign-in-failed':
      return t(o, {
        en: `Failed sign-in as ${target}`,
        fi: `Epäonnistunut kirjautuminen tunnuksella ${target}`,
        da: `Mislykket login som ${target}`
      });
    case 'sign-out':
      return t(o, { en: `${a} signed out`, fi: `${a} kirjautui ulos`, da: `${a} loggede ud` });
    case 'sign-out-everywhere':
      return t(o, {
        en: `${a} signed out on every device`,
        fi: `${a} kirjautui ulos kaikilta laitteilta`,
        da: `${a} loggede ud på alle enheder`
      });
    case 'sign-up':
      return t(o, {
        en: `${a} created an account`,
        fi: `${a} loi tilin`,
        da: `${a} oprettede en konto`
      });
    case 'password-reset-requested':
      return t(o, {
        en: `${a} asked to reset the password`,
        fi: `${a} pyysi salasanan vaihtoa`,
        da: `${a} bad om at nulstille adgangskoden`
      });
    case 'password-reset':
      return t(o, {
        en: `${a} reset the password`,
        fi: `${a} vaihtoi salasanan`,
        da: `${a} nulstillede adgangskoden`
      });
    case 'workspace-created':
      return t(o, {
        en: `${a} created the workspace ${target}`,
        fi: `${a} loi työtilan ${target}`,
        da: `${a} oprettede arbejdsområdet ${target}`
      });
    case 'invitation-created':
      return row.target === 'link' || row.target === null
        ? t(o, {
            en: `${a} created an invitation link`,
            fi: `${a} loi kutsulinkin`,
            da: `${a} oprettede et invitationslink`
          })
        : t(o, {
            en: `${a} invited ${target}`,
            fi: `${a} kutsui osoitteen ${target}`,
            da: `${a} inviterede ${target}`
          });
    case 'invitation-revoked':
      return t(o, {
        en: `${a} revoked an invitation`,
        fi: `${a} mitätöi kutsun`,
        da: `${a} tilbagekaldte en invitation`
      });
    case 'api-token-created':
      return t(o, {
        en: `${a} created the API token ${target}`,
        fi: `${a} loi API-avaimen ${target}`,
        da: `${a} oprettede API-tokenet ${target}`
      });
    case 'api-token-revoked':
      return t(o, {
        en: `${a} revoked the API token ${target}`,
        fi: `${a} mitätöi API-avaimen ${target}`,
        da: `${a} tilbagekaldte API-tokenet ${target}`
      });
    case 'audit-exported':
      return t(o, {
        en: `${a} exported the audit log`,
        fi: `${a} vei tapahtumalokin`,
        da: `${a} eksporterede revisionsloggen`
      });
    default:
      return `${a}: ${row.action}`;
  }
};

export const sentenceColumn = (o?: MessageOptions) =>
  t(o, { en: 'What happened', fi: 'Mitä tapahtui', da: 'Hvad skete der' });

export const ticketField = (o?: MessageOptions) => t(o, { en: 'Ticket', fi: 'Tiketti', da: 'Sag' });

export const ticketExample = (o?: MessageOptions) =>
  t(o, {
    en: '#42, subject or customer',
    fi: '#42, aihe tai asiakas',
    da: '#42, emne eller kunde'
  });

export const whenField = (o?: MessageOptions) => t(o, { en: 'When', fi: 'Milloin', da: 'Hvornår' });

export const anyTime = (o?: MessageOptions) =>
  t(o, { en: 'Any time', fi: 'Milloin tahansa', da: 'Når som helst' });

export const todayRange = (o?: MessageOptions) => t(o, { en: 'Today', fi: 'Tänään', da: 'I dag' });

export const yesterdayRange = (o?: MessageOptions) =>
  t(o, { en: 'Yesterday', fi: 'Eilen', da: 'I går' });

export const lastWeekRange = (o?: MessageOptions) =>
  t(o, { en: 'Last 7 days', fi: 'Viimeiset 7 päivää', da: 'Sidste 7 dage' });

export const betweenDates = (o?: MessageOptions) =>
  t(o, { en: 'Between dates', fi: 'Päivämäärien välillä', da: 'Mellem datoer' });

/** The customer of the ticket a row is about, after its subject. */
export const auditCustomer = (name: string, o?: MessageOptions) =>
  t(o, { en: `customer ${name}`, fi: `asiakas ${name}`, da: `kunde ${name}` });
