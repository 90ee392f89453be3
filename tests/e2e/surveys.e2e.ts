/**
 * CSAT end to end: an admin turns the survey on in the settings, an agent solves a ticket, the
 * survey mail reaches the SMTP receiver (`smtp-server`, started here) through the workspace's
 * mailbox, the customer (a browser that never signed in, with scripts off) rates from the email
 * link, changes the answer and comments on the public page, and the rating shows on the ticket
 * with the comment as text, and in the dashboard's CSAT card, which drills down to it.
 */
import { simpleParser } from 'mailparser';
import { test as base, expect } from './fixtures';
import { startBaton } from './server';
import { startSmtpReceiver, type SmtpReceiver } from '../mail-servers/smtp-receiver';
import { mailboxSettings } from '../mail-servers/fixtures';

let smtp: SmtpReceiver;

const test = base.extend({
  // eslint-disable-next-line no-empty-pattern
  baton: async ({}, use) => {
    const baton = await startBaton();
    await use(baton);
    await baton.stop();
  }
});

test.beforeAll(async () => {
  smtp = await startSmtpReceiver();
});

test.afterAll(async () => {
  await smtp?.stop();
});

test('a customer rates a solved ticket from the email link and the rating appears on the ticket', async ({
  agent,
  baton,
  browser
}) => {
  test.setTimeout(120_000);
  const aino = await agent('Aino Virtanen');
  const saved = await aino.page.request.put('/api/workspaces/demo-workspace/mail/mailbox', {
    data: {
      settings: mailboxSettings({ host: '127.0.0.1', port: 9 }, smtp, 'support'),
      imapSecret: 'unused',
      smtpSecret: 'smtp-pass'
    }
  });
  expect(saved.ok()).toBe(true);

  // The admin turns CSAT on: right after the solve, tickets from every channel, good/bad.
  await aino.page.goto('/w/demo-workspace/settings/surveys');
  const csat = aino.page.getByTestId('csat-settings');
  await csat.getByTestId('csat-enabled').check();
  await csat.getByTestId('csat-delay').fill('0');
  for (const box of await csat.locator('fieldset input[type="checkbox"]').all()) await box.check();
  await aino.page.getByTestId('save-surveys').click();
  await expect(aino.page.getByText('Surveys saved.')).toBeVisible();

  // An agent solves #3.
  await aino.board.goto();
  await aino.ticket.open('#3');
  await aino.ticket.setStatus('solved');

  let mail: { raw: Buffer } | undefined;
  await expect
    .poll(
      () => {
        mail = smtp.received.find(
          (m) => /\[#3\]/.test(m.raw.toString()) && /How did we do/.test(m.raw.toString())
        );
        return mail !== undefined;
      },
      { message: 'the survey of #3 reached the SMTP receiver', timeout: 30_000 }
    )
    .toBe(true);
  const parsed = await simpleParser(mail!.raw);
  const bad = /(http:\/\/[^\s]+\/survey\/[^\s?]+)\?score=bad/.exec(parsed.text ?? '');
  expect(bad, parsed.text).not.toBeNull();
  const pagePath = new URL(bad![1]!).pathname;

  // The customer: another browser, never signed in, no scripts.
  const customer = await browser.newContext({ javaScriptEnabled: false, baseURL: baton.url });
  const page = await customer.newPage();
  await page.goto(`${pagePath}?score=bad`);
  await expect(page.getByTestId('survey-saved')).toBeVisible();
  await expect(page.locator('input[name="score"][value="bad"]')).toBeChecked();

  // They think again: good, with a comment (text, never markup).
  await page.locator('input[name="score"][value="good"]').check();
  await page.locator('textarea[name="comment"]').fill('Quick help <b>thanks</b>');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('survey-saved')).toBeVisible();
  await expect(page.locator('input[name="score"][value="good"]')).toBeChecked();
  await expect(page.locator('textarea[name="comment"]')).toHaveValue('Quick help <b>thanks</b>');
  await customer.close();

  // On the ticket: the latest answer, as a badge and in the activity.
  await expect(aino.page.getByTestId('ticket-rating')).toHaveText('Rated good');
  await expect(aino.page.getByTestId('ticket')).toContainText(
    'the customer rated the support good'
  );
  // With the customer's comment beside it, as the text they typed (no bold markup made of it).
  const comment = aino.page.getByTestId('ticket-rating-comment');
  await expect(comment).toContainText('Customer’s comment:');
  await expect(comment.locator('q')).toHaveText('Quick help <b>thanks</b>');
  await expect(comment.locator('b')).toHaveCount(0);

  // And in the dashboard: the CSAT cards count the survey (sent this week, answered good), and
  // the number drills down to the rated ticket.
  await aino.page.getByTestId('nav-reports').click();
  const csatCard = aino.page.locator('[data-testid="report-card"][data-number="csatRated"]');
  await expect(csatCard.first().getByTestId('report-value')).toHaveText('100 %', {
    timeout: 30_000
  });
  await csatCard.first().click();
  const drill = aino.page.getByTestId('report-drill');
  await expect(drill.getByTestId('report-drill-row')).toHaveCount(1);
  await expect(drill.getByTestId('report-drill-row')).toContainText('#3');
});
