/**
 * Several mailboxes (#13 item 14) on the mailbox page: an admin connects support@, adds
 * billing@ with its own signature and default tags, sees both listed (support@ the primary),
 * finds billing's settings again after a reload, and removes it. Saving needs no reachable
 * server (the watcher reports its own state), so the hosts here are placeholders.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { MailboxPage } from './pages';
import { mailboxSettings } from '../mail-servers/fixtures';

async function fillServers(page: Page, address: string): Promise<void> {
  const mailbox = new MailboxPage(page);
  await mailbox.fill({
    address,
    imap: { host: 'imap.example.com', port: 993, user: address, password: 'imap-pass' },
    smtp: { host: 'smtp.example.com', port: 587, user: address, password: 'smtp-pass' }
  });
}

test('an admin adds a second mailbox and finds its own settings again', async ({ agent }) => {
  const aino = await agent('Aino Virtanen');
  const page = aino.page;
  const mailbox = new MailboxPage(page);
  await mailbox.openFromNav();
  await expect(page.getByTestId('no-mailbox')).toBeVisible();

  await fillServers(page, 'support@baton.test');
  await mailbox.save();
  const rows = page.getByTestId('mailbox-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('support@baton.test');
  await expect(rows.first()).toContainText('Primary');

  await page.getByTestId('mailbox-add').click();
  await expect(page.getByTestId('mailbox-address')).toHaveValue('');
  await fillServers(page, 'billing@baton.test');
  await page.getByTestId('mailbox-name').fill('Billing');
  await page.getByTestId('mailbox-signature').fill('Billing team, Baton Oy');
  await page.getByTestId('mailbox-default-tags').fill('billing, invoices');
  await mailbox.save();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('billing@baton.test');
  await expect(rows.nth(1)).not.toContainText('Primary');

  // After a reload, billing's own settings come back in its form.
  await page.reload();
  await expect(rows).toHaveCount(2);
  await rows.nth(1).getByTestId('mailbox-edit').click();
  await expect(page.getByTestId('mailbox-address')).toHaveValue('billing@baton.test');
  await expect(page.getByTestId('mailbox-signature')).toHaveValue('Billing team, Baton Oy');
  await expect(page.getByTestId('mailbox-default-tags')).toHaveValue('billing, invoices');
  await rows.first().getByTestId('mailbox-edit').click();
  await expect(page.getByTestId('mailbox-address')).toHaveValue('support@baton.test');
  await expect(page.getByTestId('mailbox-signature')).toHaveValue('');
});

test('a second mailbox with an address in use is refused; a removed one leaves the list', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen');
  const page = aino.page;
  // Two mailboxes saved through the API, as the page saves them.
  for (const address of ['support@baton.test', 'billing@baton.test']) {
    const response = await page.request.post('/api/workspaces/demo-workspace/mail/mailboxes', {
      data: {
        settings: mailboxSettings(
          { host: 'imap.example.com', port: 993 },
          { host: 'smtp.example.com', port: 587 },
          address,
          { address }
        ),
        imapSecret: 'imap-pass',
        smtpSecret: 'smtp-pass'
      }
    });
    expect(response.status()).toBe(201);
  }
  await new MailboxPage(page).openFromNav();
  const rows = page.getByTestId('mailbox-row');
  await expect(rows).toHaveCount(2);

  // A second mailbox with support's address is refused, naming why.
  await page.getByTestId('mailbox-add').click();
  await fillServers(page, 'support@baton.test');
  await page.getByTestId('mailbox-save').click();
  await expect(page.getByTestId('mailbox-error')).toContainText(
    'Another mailbox of this workspace already has this address.'
  );
  await expect(rows).toHaveCount(2);

  page.once('dialog', (dialog) => void dialog.accept());
  await rows.nth(1).getByTestId('mailbox-remove').click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('support@baton.test');
});
