/** Signing in and up, resetting a password, joining and creating a workspace (`components/auth`). */
import type { RoleName } from '../../state/identity.svelte';
import { t, type MessageOptions } from '../runtime';
import { roleNoun } from './members';

export const signInTitle = (o?: MessageOptions) =>
  t(o, { en: 'Sign in to Baton', fi: 'Kirjaudu Batoniin', da: 'Log ind på Baton' });

/** The button, the link and the page title. */
export const signIn = (o?: MessageOptions) =>
  t(o, { en: 'Sign in', fi: 'Kirjaudu sisään', da: 'Log ind' });

export const signingIn = (o?: MessageOptions) =>
  t(o, { en: 'Signing in…', fi: 'Kirjaudutaan…', da: 'Logger ind…' });

export const emailField = (o?: MessageOptions) =>
  t(o, { en: 'Email', fi: 'Sähköposti', da: 'E-mail' });

export const passwordField = (o?: MessageOptions) =>
  t(o, { en: 'Password', fi: 'Salasana', da: 'Adgangskode' });

/** The link on the sign-in page and the sign-up page's title. */
export const createAnAccount = (o?: MessageOptions) =>
  t(o, { en: 'Create an account', fi: 'Luo tili', da: 'Opret en konto' });

export const forgotPassword = (o?: MessageOptions) =>
  t(o, { en: 'Forgot your password?', fi: 'Unohtuiko salasana?', da: 'Glemt din adgangskode?' });

export const tryTheDemo = (o?: MessageOptions) =>
  t(o, { en: 'Try the demo', fi: 'Kokeile demoa', da: 'Prøv demoen' });

/** Followed by the password itself, in a `code` element. */
export const demoPasswordIntro = (o?: MessageOptions) =>
  t(o, {
    en: 'Password for every demo account:',
    fi: 'Kaikkien demotilien salasana:',
    da: 'Adgangskode til alle demokonti:'
  });

export const demoPickAccount = (o?: MessageOptions) =>
  t(o, {
    en: 'Pick an account to sign in; each has a different role.',
    fi: 'Kirjaudu valitsemalla tili; jokaisella on eri rooli.',
    da: 'Vælg en konto for at logge ind; de har hver sin rolle.'
  });

export const offlineSignIn = (o?: MessageOptions) =>
  t(o, {
    en: 'You are offline. Signing in needs a connection once.',
    fi: 'Ei verkkoyhteyttä. Ensimmäinen kirjautuminen tarvitsee yhteyden.',
    da: 'Du er offline. Første gang du logger ind, skal du være online.'
  });

export const signInNotAccepted = (o?: MessageOptions) =>
  t(o, {
    en: 'The server did not accept the sign-in.',
    fi: 'Palvelin ei hyväksynyt kirjautumista.',
    da: 'Serveren godkendte ikke dit login.'
  });

export const couldNotSignIn = (o?: MessageOptions) =>
  t(o, { en: 'Could not sign in', fi: 'Kirjautuminen epäonnistui', da: 'Kunne ikke logge ind' });

// Signing up ---------------------------------------------------------------------------------

export const signUpTitle = (o?: MessageOptions) =>
  t(o, {
    en: 'Create your Baton account',
    fi: 'Luo Baton-tili',
    da: 'Opret din Baton-konto'
  });

export const yourName = (o?: MessageOptions) =>
  t(o, { en: 'Your name', fi: 'Nimesi', da: 'Dit navn' });

export const passwordWithMinimum = (p: { min: number }, o?: MessageOptions) =>
  t(o, {
    en: `Password (at least ${p.min} characters)`,
    fi: `Salasana (vähintään ${p.min} merkkiä)`,
    da: `Adgangskode (mindst ${p.min} tegn)`
  });

export const newPasswordWithMinimum = (p: { min: number }, o?: MessageOptions) =>
  t(o, {
    en: `New password (at least ${p.min} characters)`,
    fi: `Uusi salasana (vähintään ${p.min} merkkiä)`,
    da: `Ny adgangskode (mindst ${p.min} tegn)`
  });

export const creating = (o?: MessageOptions) =>
  t(o, { en: 'Creating…', fi: 'Luodaan…', da: 'Opretter…' });

export const createAccount = (o?: MessageOptions) =>
  t(o, { en: 'Create account', fi: 'Luo tili', da: 'Opret konto' });

export const haveAnAccount = (o?: MessageOptions) =>
  t(o, { en: 'I have an account', fi: 'Minulla on jo tili', da: 'Jeg har allerede en konto' });

export const couldNotCreateAccount = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not create the account',
    fi: 'Tilin luominen epäonnistui',
    da: 'Kontoen kunne ikke oprettes'
  });

// A new workspace ----------------------------------------------------------------------------

export const createWorkspaceTitle = (o?: MessageOptions) =>
  t(o, { en: 'Create a workspace', fi: 'Luo työtila', da: 'Opret et arbejdsområde' });

export const createWorkspaceIntro = (o?: MessageOptions) =>
  t(o, {
    en: 'A workspace holds your team’s tickets, customers and settings. You will be its owner and can invite colleagues from the Members page.',
    fi: 'Työtilaan kootaan tiimin tiketit, asiakkaat ja asetukset. Luoja on työtilan omistaja ja voi kutsua kollegoja Jäsenet-sivulta.',
    da: 'Et arbejdsområde samler dit teams sager, kunder og indstillinger. Du bliver ejer og kan invitere kolleger fra siden Medlemmer.'
  });

export const workspaceName = (o?: MessageOptions) =>
  t(o, { en: 'Workspace name', fi: 'Työtilan nimi', da: 'Arbejdsområdets navn' });

/** An example name in the empty field. */
export const workspaceNameExample = (o?: MessageOptions) =>
  t(o, { en: 'Acme Support', fi: 'Yritys Oy:n asiakastuki', da: 'Firma A/S Kundeservice' });

export const createWorkspace = (o?: MessageOptions) =>
  t(o, { en: 'Create workspace', fi: 'Luo työtila', da: 'Opret arbejdsområde' });

export const invitedInstead = (o?: MessageOptions) =>
  t(o, {
    en: 'Invited by someone? Open the link from your invitation instead.',
    fi: 'Saitko kutsun? Avaa silloin kutsussa oleva linkki.',
    da: 'Er du blevet inviteret? Åbn i stedet linket i din invitation.'
  });

export const couldNotCreateWorkspace = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not create the workspace',
    fi: 'Työtilan luominen epäonnistui',
    da: 'Arbejdsområdet kunne ikke oprettes'
  });

// Resetting a password -----------------------------------------------------------------------

export const resetTitle = (o?: MessageOptions) =>
  t(o, { en: 'Reset your password', fi: 'Vaihda salasana', da: 'Nulstil din adgangskode' });

export const resetPageTitle = (o?: MessageOptions) =>
  t(o, { en: 'Reset password', fi: 'Salasanan vaihto', da: 'Nulstil adgangskode' });

export const resetLinkSent = (o?: MessageOptions) =>
  t(o, {
    en: 'If an account has this address, a link to choose a new password is on its way. It works once, within an hour.',
    fi: 'Jos osoitteella on tili, siihen on lähetetty linkki uuden salasanan valitsemiseen. Linkki toimii kerran tunnin kuluessa.',
    da: 'Hvis der findes en konto med denne adresse, er et link til at vælge en ny adgangskode på vej. Det virker én gang inden for en time.'
  });

export const sendResetLink = (o?: MessageOptions) =>
  t(o, {
    en: 'Send reset link',
    fi: 'Lähetä vaihtolinkki',
    da: 'Send link til nulstilling'
  });

export const backToSignIn = (o?: MessageOptions) =>
  t(o, { en: 'Back to sign-in', fi: 'Takaisin kirjautumiseen', da: 'Tilbage til login' });

export const couldNotRequestReset = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not ask for a reset link',
    fi: 'Vaihtolinkin pyytäminen epäonnistui',
    da: 'Kunne ikke bede om et link til nulstilling'
  });

export const chooseNewPassword = (o?: MessageOptions) =>
  t(o, {
    en: 'Choose a new password',
    fi: 'Valitse uusi salasana',
    da: 'Vælg en ny adgangskode'
  });

export const setPasswordAndSignIn = (o?: MessageOptions) =>
  t(o, {
    en: 'Set password and sign in',
    fi: 'Tallenna salasana ja kirjaudu sisään',
    da: 'Gem adgangskoden, og log ind'
  });

export const askForNewLink = (o?: MessageOptions) =>
  t(o, { en: 'Ask for a new link', fi: 'Pyydä uusi linkki', da: 'Bed om et nyt link' });

export const couldNotSetPassword = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not set the password',
    fi: 'Salasanan tallentaminen epäonnistui',
    da: 'Adgangskoden kunne ikke gemmes'
  });

// Invitations --------------------------------------------------------------------------------

export const joinWorkspaceTitle = (o?: MessageOptions) =>
  t(o, {
    en: 'Join a workspace',
    fi: 'Liity työtilaan',
    da: 'Bliv medlem af et arbejdsområde'
  });

export const invitationInvalid = (o?: MessageOptions) =>
  t(o, {
    en: 'This invitation is invalid, used or expired. Ask for a new one.',
    fi: 'Kutsu on virheellinen, jo käytetty tai vanhentunut. Pyydä uusi kutsu.',
    da: 'Invitationen er ugyldig, brugt eller udløbet. Bed om en ny.'
  });

export const openingInvitation = (o?: MessageOptions) =>
  t(o, { en: 'Opening the invitation…', fi: 'Avataan kutsua…', da: 'Åbner invitationen…' });

export const invitedTo = (p: { workspace: string; role: RoleName }, o?: MessageOptions) => {
  const role = roleNoun(p.role, o);
  return t(o, {
    en: `You are invited to ${p.workspace} as ${role}.`,
    fi: `Sinut on kutsuttu työtilaan ${p.workspace}, rooli: ${role}.`,
    da: `Du er inviteret til ${p.workspace} som ${role}.`
  });
};

export const invitedToFor = (
  p: { workspace: string; role: RoleName; email: string },
  o?: MessageOptions
) => {
  const role = roleNoun(p.role, o);
  return t(o, {
    en: `You are invited to ${p.workspace} as ${role} (for ${p.email}).`,
    fi: `Sinut on kutsuttu työtilaan ${p.workspace}, rooli: ${role} (osoitteelle ${p.email}).`,
    da: `Du er inviteret til ${p.workspace} som ${role} (til ${p.email}).`
  });
};

export const joinWorkspace = (p: { workspace: string }, o?: MessageOptions) =>
  t(o, {
    en: `Join ${p.workspace}`,
    fi: `Liity työtilaan ${p.workspace}`,
    da: `Bliv medlem af ${p.workspace}`
  });

/** The invitation names an address; the member is signed in with another. */
export const invitationForOtherAddress = (p: { email: string }, o?: MessageOptions) =>
  t(o, {
    en: `This invitation is for ${p.email}. Sign in with that address.`,
    fi: `Kutsu on osoitteelle ${p.email}. Kirjaudu sisään sillä osoitteella.`,
    da: `Invitationen er til ${p.email}. Log ind med den adresse.`
  });

export const alreadyMemberOf = (p: { workspace: string }, o?: MessageOptions) =>
  t(o, {
    en: `You are already a member of ${p.workspace}.`,
    fi: `Olet jo työtilan ${p.workspace} jäsen.`,
    da: `Du er allerede medlem af ${p.workspace}.`
  });

export const couldNotOpenInvitation = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not open the invitation',
    fi: 'Kutsun avaaminen epäonnistui',
    da: 'Invitationen kunne ikke åbnes'
  });

export const couldNotJoin = (o?: MessageOptions) =>
  t(o, {
    en: 'Could not join the workspace',
    fi: 'Työtilaan liittyminen epäonnistui',
    da: 'Kunne ikke blive medlem af arbejdsområdet'
  });
