/**
 * The emails Baton itself sends to people (password resets, invitations), in the recipient's
 * language. Server code passes the locale: `resetSubject({ locale: 'fi' })`.
 */
import { t, type MessageOptions } from '../runtime';

export const resetSubject = (o?: MessageOptions) =>
  t(o, {
    en: 'Reset your Baton password',
    fi: 'Vaihda Baton-salasanasi',
    da: 'Nulstil din adgangskode til Baton'
  });

export const resetBody = (p: { name: string; link: string }, o?: MessageOptions) =>
  t(o, {
    en: `Hello ${p.name},\n\nSomeone (hopefully you) asked to reset the password of your Baton account. Open this link within an hour to choose a new one:\n\n${p.link}\n\nThe link works once. If you did not ask for it, ignore this email.\n`,
    fi: `Hei ${p.name},\n\nJoku (toivottavasti sinä) pyysi Baton-tilisi salasanan vaihtoa. Avaa tämä linkki tunnin kuluessa ja valitse uusi salasana:\n\n${p.link}\n\nLinkki toimii kerran. Jos et pyytänyt vaihtoa, voit jättää tämän viestin huomiotta.\n`,
    da: `Hej ${p.name},\n\nNogen (forhåbentlig dig) har bedt om at nulstille adgangskoden til din Baton-konto. Åbn dette link inden for en time for at vælge en ny:\n\n${p.link}\n\nLinket virker én gang. Har du ikke bedt om det, kan du se bort fra denne mail.\n`
  });

export const inviteSubject = (p: { inviter: string; workspace: string }, o?: MessageOptions) =>
  t(o, {
    en: `${p.inviter} invites you to ${p.workspace} on Baton`,
    fi: `${p.inviter} kutsuu sinut työtilaan ${p.workspace} Batonissa`,
    da: `${p.inviter} inviterer dig til ${p.workspace} på Baton`
  });

export const inviteBody = (
  p: { inviter: string; workspace: string; role: string; link: string },
  o?: MessageOptions
) =>
  t(o, {
    en: `${p.inviter} invites you to join the workspace "${p.workspace}" on Baton as ${p.role}.\n\nOpen this link within 7 days to accept (it works once):\n\n${p.link}\n`,
    fi: `${p.inviter} kutsuu sinut Batonin työtilaan "${p.workspace}" roolissa ${p.role}.\n\nHyväksy kutsu avaamalla tämä linkki 7 päivän kuluessa (se toimii kerran):\n\n${p.link}\n`,
    da: `${p.inviter} inviterer dig til arbejdsområdet "${p.workspace}" på Baton som ${p.role}.\n\nÅbn dette link inden for 7 dage for at sige ja tak (det virker én gang):\n\n${p.link}\n`
  });

/** Below a public reply: which ticket it is, and that answering keeps the conversation. */
export const replyFooter = (p: { ticket: string }, o?: MessageOptions) =>
  t(o, {
    en: `Ticket ${p.ticket} · Reply to this email to continue the conversation.`,
    fi: `Tiketti ${p.ticket} · Vastaa tähän viestiin, niin keskustelu jatkuu samassa tiketissä.`,
    da: `Sag ${p.ticket} · Svar på denne mail for at fortsætte samtalen.`
  });
