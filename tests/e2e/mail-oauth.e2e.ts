/**
 * Signing a mailbox in with Microsoft (#13 item 13) in the browser, against real servers
 * started here: `oauth2-mock-server` as Microsoft's identity platform (its authorize step
 * redirects straight back, as after a person signed in), Dovecot that checks the XOAUTH2
 * bearer token with it, and an SMTP receiver that does the same. The admin fills in the
 * address and servers, clicks "Sign in with Microsoft", comes back to the mailbox page, and
 * sees it connected as the account; the mailbox then turns customer mail into a ticket.
 */
import { test as base, expect } from './fixtures';
import { startBaton } from './server';
import { MailboxPage, cardWithSubject } from './pages';
import { startDovecot, type DovecotServer } from '../mail-servers/dovecot';
import { startSmtpReceiver, type SmtpReceiver } from '../mail-servers/smtp-receiver';
import { startOAuthProvider, type OAuthProvider } from '../mail-servers/oauth-provider';
import * as fx from '../mail-servers/fixtures';

const ACCOUNT = 'support@contoso.test';

let provider: OAuthProvider;
let imap: DovecotServer;
let smtp: SmtpReceiver;

/** The mailbox page with the sign-in part of the form. */
class OAuthMailboxPage extends MailboxPage {
  /** Address and servers (no TLS on the local test servers), no password. */
  async fillServers(form: {
    address: string;
    imap: { host: string; port: number };
    smtp: { host: string; port: number };
  }): Promise<void> {
    const p = this.page;
    await p.getByTestId('mailbox-address').fill(form.address);
    await p.getByTestId('imap-host').fill(form.imap.host);
    await p.getByTestId('imap-port').fill(String(form.imap.port));
    await p.getByTestId('imap-security').selectOption('none');
    await p.getByTestId('smtp-host').fill(form.smtp.host);
    await p.getByTestId('smtp-port').fill(String(form.smtp.port));
    await p.getByTestId('smtp-security').selectOption('none');
  }

  async signInWithMicrosoft(): Promise<void> {
    await this.page.getByTestId('oauth-microsoft').click();
  }

  status() {
    return this.page.getByTestId('oauth-status');
  }
}

const test = base.extend({
  // eslint-disable-next-line no-empty-pattern
  baton: async ({}, use) => {
    const baton = await startBaton({
      env: {
        BATON_MAIL_POLL_MS: '1000',
        BATON_OAUTH_MICROSOFT_CLIENT_ID: provider.clientId,
        BATON_OAUTH_MICROSOFT_CLIENT_SECRET: provider.clientSecret,
        BATON_OAUTH_MICROSOFT_AUTHORIZE_URL: provider.authorizeUrl,
        BATON_OAUTH_MICROSOFT_TOKEN_URL: provider.tokenUrl,
        BATON_OAUTH_MICROSOFT_SCOPES: 'openid email offline_access'
      }
    });
    await use(baton);
    await baton.stop();
  }
});

test.beforeAll(async () => {
  provider = await startOAuthProvider();
  provider.signInAs(ACCOUNT);
  [imap, smtp] = await Promise.all([
    startDovecot([{ user: ACCOUNT, password: 'only-for-the-test-client' }], {
      oauth: { introspectUrl: provider.introspectUrl }
    }),
    startSmtpReceiver({ verifyToken: (user, token) => provider.verify(token) === user })
  ]);
});

test.afterAll(async () => {
  await Promise.all([imap?.stop(), smtp?.stop(), provider?.stop()]);
});

test('an admin signs the mailbox in with Microsoft and it is connected as the account', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen');
  const mailbox = new OAuthMailboxPage(aino.page);
  await mailbox.openFromNav();
  await expect(aino.page.getByTestId('oauth-not-offered')).toHaveCount(0);
  await expect(aino.page.getByTestId('oauth-google')).toHaveCount(0);
  await mailbox.fillServers({
    address: ACCOUNT,
    imap: { host: imap.host, port: imap.port },
    smtp: { host: smtp.host, port: smtp.port }
  });
  await mailbox.signInWithMicrosoft();

  // The provider sends the browser back to the mailbox page.
  await aino.page.waitForURL(/\/w\/demo-workspace\/mailbox\?oauth=connected/);
  await expect(mailbox.status()).toHaveText(`Connected as ${ACCOUNT}`);
  await expect(aino.page.getByTestId('imap-auth')).toHaveValue('oauth2');
  await expect(aino.page.getByTestId('imap-user')).toHaveValue(ACCOUNT);
  await expect(aino.page.getByTestId('mailbox-status')).toContainText('Watching');

  // The mailbox works: customer mail becomes a ticket.
  const subject = 'Signed in with Microsoft, mail arrives';
  await imap.append(
    ACCOUNT,
    fx.plain({ to: `Support <${ACCOUNT}>`, subject, messageId: '<e2e-oauth@example.fi>' })
  );
  await aino.board.goto();
  await expect(cardWithSubject(aino.board, subject)).toBeVisible({ timeout: 20_000 });
});
