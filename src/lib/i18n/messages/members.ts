/** The members page: roles, invitations, API tokens, the member's workspaces and sessions. */
import type { RoleName } from '../../state/identity.svelte';
import { plural, t, type MessageOptions, type Texts } from '../runtime';

export const membersTitle = (o?: MessageOptions) =>
  t(o, { en: 'Members', fi: 'Jäsenet', da: 'Medlemmer' });

/**
 * A role inside a sentence ("invited as light agent", "agent → viewer"): lower case, as the
 * glossary writes it. Labels on their own use `roleLabel` (common).
 */
const ROLE_NOUN: Record<RoleName, Texts> = {
  owner: { en: 'owner', fi: 'omistaja', da: 'ejer' },
  admin: { en: 'admin', fi: 'ylläpitäjä', da: 'administrator' },
  // same in all languages: Danish says "agent" too (Finnish: "agentti").
  agent: { en: 'agent', fi: 'agentti', da: 'agent' },
  'light-agent': { en: 'light agent', fi: 'kevytagentti', da: 'begrænset agent' },
  viewer: { en: 'viewer', fi: 'katselija', da: 'observatør' }
};

export const roleNoun = (role: RoleName, o?: MessageOptions) => t(o, ROLE_NOUN[role]);

/** What a role may do, after its name in the role menu. */
const ROLE_HELP: Record<RoleName, Texts> = {
  owner: {
    en: 'everything, including owners and admins',
    fi: 'kaikki, myös omistajat ja ylläpitäjät',
    da: 'alt, også ejere og administratorer'
  },
  admin: {
    en: 'members, settings and the audit log',
    fi: 'jäsenet, asetukset ja tapahtumaloki',
    da: 'medlemmer, indstillinger og revisionsloggen'
  },
  agent: { en: 'works tickets', fi: 'käsittelee tikettejä', da: 'arbejder med sager' },
  'light-agent': {
    en: 'reads tickets, writes internal notes',
    fi: 'lukee tikettejä, kirjoittaa sisäisiä muistiinpanoja',
    da: 'læser sager, skriver interne noter'
  },
  viewer: { en: 'reads only', fi: 'vain lukuoikeus', da: 'kun læseadgang' }
};

export const roleHelp = (role: RoleName, o?: MessageOptions) => t(o, ROLE_HELP[role]);

export const youAre = (p: { role: RoleName }, o?: MessageOptions) => {
  const role = roleNoun(p.role, o);
  return t(o, {
    en: `You are ${role} here.`,
    fi: `Roolisi tässä työtilassa on ${role}.`,
    da: `Du er ${role} her.`
  });
};

export const youAreAdmin = (p: { role: RoleName }, o?: MessageOptions) => {
  const role = roleNoun(p.role, o);
  return t(o, {
    en: `You are ${role} here: you can invite people, change roles and remove members.`,
    fi: `Roolisi tässä työtilassa on ${role}: voit kutsua jäseniä, vaihtaa rooleja ja poistaa jäseniä.`,
    da: `Du er ${role} her: du kan invitere folk, ændre roller og fjerne medlemmer.`
  });
};

export const couldNotLoadMembers = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not load the members of this workspace.',
    fi: 'Työtilan jäseniä ei voitu ladata.',
    da: 'Arbejdsområdets medlemmer kunne ikke indlæses.'
  });

/** Names the failure in an unexpected error's toast. */
export const couldNotLoadMembersShort = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not load the members',
    fi: 'Jäsenten lataus epäonnistui',
    da: 'Medlemmerne kunne ikke indlæses'
  });

export const memberColumn = (o?: MessageOptions) =>
  t(o, { en: 'Member', fi: 'Jäsen', da: 'Medlem' });

export const roleField = (o?: MessageOptions) => t(o, { en: 'Role', fi: 'Rooli', da: 'Rolle' });

export const actionsColumn = (o?: MessageOptions) =>
  t(o, { en: 'Actions', fi: 'Toiminnot', da: 'Handlinger' });

export const roleOf = (p: { name: string }, o?: MessageOptions) =>
  t(o, {
    en: `Role of ${p.name}`,
    fi: `Jäsenen ${p.name} rooli`,
    da: `Rolle for ${p.name}`
  });

export const leave = (o?: MessageOptions) => t(o, { en: 'Leave', fi: 'Poistu', da: 'Forlad' });

export const remove = (o?: MessageOptions) => t(o, { en: 'Remove', fi: 'Poista', da: 'Fjern' });

export const confirmLeave = (o?: MessageOptions) =>
  t(o, {
    en: 'Leave this workspace?',
    fi: 'Poistutaanko tästä työtilasta?',
    da: 'Vil du forlade dette arbejdsområde?'
  });

export const confirmRemove = (p: { name: string }, o?: MessageOptions) =>
  t(o, {
    en: `Remove ${p.name} from this workspace?`,
    fi: `Poistetaanko ${p.name} tästä työtilasta?`,
    da: `Vil du fjerne ${p.name} fra dette arbejdsområde?`
  });

export const memberRemoved = (p: { name: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.name} was removed.`,
    fi: `${p.name} poistettiin työtilasta.`,
    da: `${p.name} er fjernet.`
  });

export const roleChanged = (o?: MessageOptions) =>
  t(o, { en: 'Role changed.', fi: 'Rooli vaihdettu.', da: 'Rollen er ændret.' });

export const couldNotChangeRole = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not change the role',
    fi: 'Roolin vaihto epäonnistui',
    da: 'Rollen kunne ikke ændres'
  });

export const couldNotRemoveMember = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not remove the member',
    fi: 'Jäsenen poisto epäonnistui',
    da: 'Medlemmet kunne ikke fjernes'
  });

// Invitations --------------------------------------------------------------------------------

export const inviteTitle = (o?: MessageOptions) =>
  t(o, { en: 'Invite someone', fi: 'Kutsu jäsen', da: 'Invitér en person' });

export const inviteEmailField = (o?: MessageOptions) =>
  t(o, {
    en: 'Email (optional: leave empty for a link to share)',
    fi: 'Sähköposti (valinnainen: jätä tyhjäksi, niin saat jaettavan linkin)',
    da: 'E-mail (valgfri: lad feltet stå tomt for at få et link, du kan dele)'
  });

export const invite = (o?: MessageOptions) => t(o, { en: 'Invite', fi: 'Kutsu', da: 'Invitér' });

export const shareInvitationLink = (days: number, o?: MessageOptions) =>
  plural(days, o, {
    en: {
      one: 'Share this link (it works once, for # day):',
      other: 'Share this link (it works once, for # days):'
    },
    fi: {
      one: 'Jaa tämä linkki (toimii kerran, # päivän ajan):',
      other: 'Jaa tämä linkki (toimii kerran, # päivän ajan):'
    },
    da: {
      one: 'Del dette link (det virker én gang i # dag):',
      other: 'Del dette link (det virker én gang i # dage):'
    }
  });

export const invitationLink = (o?: MessageOptions) =>
  t(o, { en: 'Invitation link', fi: 'Kutsulinkki', da: 'Invitationslink' });

export const invitationSent = (p: { email: string }, o?: MessageOptions) =>
  t(o, {
    en: `Invitation sent to ${p.email}.`,
    fi: `Kutsu lähetetty osoitteeseen ${p.email}.`,
    da: `Invitationen er sendt til ${p.email}.`
  });

export const invitationLinkMade = (o?: MessageOptions) =>
  t(o, {
    en: 'Invitation link made.',
    fi: 'Kutsulinkki luotu.',
    da: 'Invitationslinket er oprettet.'
  });

export const couldNotInvite = (o?: MessageOptions) =>
  t(o, { en: 'Could not invite', fi: 'Kutsuminen epäonnistui', da: 'Kunne ikke invitere' });

export const openInvitations = (o?: MessageOptions) =>
  t(o, { en: 'Open invitations', fi: 'Avoimet kutsut', da: 'Åbne invitationer' });

/** An open invitation for an address; `until` is a formatted date. */
export const invitationFor = (
  p: { email: string; role: RoleName; until: string },
  o?: MessageOptions
) => {
  const role = roleNoun(p.role, o);
  return t(o, {
    en: `${p.email} as ${role}, until ${p.until}`,
    fi: `${p.email}, rooli: ${role}, voimassa ${p.until} asti`,
    da: `${p.email} som ${role}, gyldig til ${p.until}`
  });
};

/** An open invitation by link (for whoever opens it). */
export const invitationByLink = (p: { role: RoleName; until: string }, o?: MessageOptions) => {
  const role = roleNoun(p.role, o);
  return t(o, {
    en: `Link as ${role}, until ${p.until}`,
    fi: `Linkki, rooli: ${role}, voimassa ${p.until} asti`,
    da: `Link som ${role}, gyldigt til ${p.until}`
  });
};

export const revoke = (o?: MessageOptions) =>
  t(o, { en: 'Revoke', fi: 'Mitätöi', da: 'Tilbagekald' });

export const couldNotRevokeInvitation = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not revoke the invitation',
    fi: 'Kutsun mitätöinti epäonnistui',
    da: 'Invitationen kunne ikke tilbagekaldes'
  });

// API tokens ---------------------------------------------------------------------------------

export const tokensTitle = (o?: MessageOptions) =>
  t(o, { en: 'Your API tokens', fi: 'Omat API-avaimet', da: 'Dine API-tokens' });

/** Followed by the header to send, in a `code` element; `path` is the batch sync endpoint. */
export const tokensIntro = (p: { path: string }, o?: MessageOptions) =>
  t(o, {
    en: `For integrations: a token acts as you, in this workspace only, read-only or with your role’s write access. Send it to the sync relay or to ${p.path} in this header:`,
    fi: `Integraatioita varten: avain toimii sinun nimissäsi vain tässä työtilassa, joko pelkin lukuoikeuksin tai roolisi kirjoitusoikeuksin. Lähetä se synkronointipalvelimelle tai osoitteeseen ${p.path} tässä otsakkeessa:`,
    da: `Til integrationer: et token handler som dig, kun i dette arbejdsområde, med læseadgang eller med din rolles skriveadgang. Send det til synkroniseringsserveren eller til ${p.path} i denne header:`
  });

export const tokenName = (o?: MessageOptions) => t(o, { en: 'Name', fi: 'Nimi', da: 'Navn' });

export const tokenScope = (o?: MessageOptions) =>
  t(o, { en: 'Scope', fi: 'Oikeudet', da: 'Adgang' });

export const scopeRead = (o?: MessageOptions) =>
  t(o, { en: 'Read', fi: 'Lukuoikeus', da: 'Læseadgang' });

export const scopeWrite = (o?: MessageOptions) =>
  t(o, { en: 'Write', fi: 'Kirjoitusoikeus', da: 'Skriveadgang' });

/** A token in the list; `created` is a formatted date. */
export const tokenEntry = (
  p: { name: string; scope: 'read' | 'write'; created: string },
  o?: MessageOptions
) =>
  p.scope === 'read'
    ? t(o, {
        en: `${p.name} (read), made ${p.created}`,
        fi: `${p.name} (lukuoikeus), luotu ${p.created}`,
        da: `${p.name} (læseadgang), oprettet ${p.created}`
      })
    : t(o, {
        en: `${p.name} (write), made ${p.created}`,
        fi: `${p.name} (kirjoitusoikeus), luotu ${p.created}`,
        da: `${p.name} (skriveadgang), oprettet ${p.created}`
      });

export const createToken = (o?: MessageOptions) =>
  t(o, { en: 'Create token', fi: 'Luo avain', da: 'Opret token' });

export const copyTokenNow = (o?: MessageOptions) =>
  t(o, {
    en: 'Copy it now; it is not shown again:',
    fi: 'Kopioi avain nyt, sitä ei näytetä uudelleen:',
    da: 'Kopiér det nu; det bliver ikke vist igen:'
  });

export const newToken = (o?: MessageOptions) =>
  t(o, { en: 'New API token', fi: 'Uusi API-avain', da: 'Nyt API-token' });

export const couldNotCreateToken = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not create the token',
    fi: 'Avaimen luominen epäonnistui',
    da: 'Tokenet kunne ikke oprettes'
  });

export const couldNotRevokeToken = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not revoke the token',
    fi: 'Avaimen mitätöinti epäonnistui',
    da: 'Tokenet kunne ikke tilbagekaldes'
  });

// The member's workspaces and sessions -------------------------------------------------------

export const workspacesTitle = (o?: MessageOptions) =>
  t(o, { en: 'Your workspaces', fi: 'Omat työtilat', da: 'Dine arbejdsområder' });

/** After the current workspace's name. */
export const currentWorkspaceNote = (p: { role: string }, o?: MessageOptions) =>
  t(o, {
    en: `(${p.role}, this one)`,
    fi: `(${p.role}, nykyinen)`,
    da: `(${p.role}, det aktuelle)`
  });

export const createAnotherWorkspace = (o?: MessageOptions) =>
  t(o, {
    en: 'Create another workspace',
    fi: 'Luo uusi työtila',
    da: 'Opret endnu et arbejdsområde'
  });

export const sessionsTitle = (o?: MessageOptions) =>
  t(o, { en: 'Your sessions', fi: 'Kirjautumiset', da: 'Dine sessioner' });

export const signOutEverywhere = (o?: MessageOptions) =>
  t(o, {
    en: 'Sign out everywhere',
    fi: 'Kirjaudu ulos kaikilta laitteilta',
    da: 'Log ud på alle enheder'
  });

export const confirmSignOutEverywhere = (o?: MessageOptions) =>
  t(o, {
    en: 'Sign out on every device, this one included?',
    fi: 'Kirjaudutaanko ulos kaikilla laitteilla, myös tällä?',
    da: 'Vil du logge ud på alle enheder, også denne?'
  });

export const couldNotSignOutEverywhere = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not sign out everywhere',
    fi: 'Uloskirjautuminen kaikilta laitteilta epäonnistui',
    da: 'Kunne ikke logge ud på alle enheder'
  });

/** On the members page, a link to the member's own page. */
export const personalOnProfile = (o?: MessageOptions) =>
  t(o, {
    en: 'Your API tokens, workspaces and sessions are on your profile page.',
    fi: 'Omat API-avaimet, työtilat ja kirjautumiset löytyvät omasta profiilista.',
    da: 'Dine API-tokens, arbejdsområder og sessioner findes på din profilside.'
  });

export const couldNotLoadTokens = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not load your API tokens',
    fi: 'API-avainten lataus epäonnistui',
    da: 'Dine API-tokens kunne ikke indlæses'
  });
