/**
 * Profiles (#12 item 6): an agent sets split working hours and a vacation with a substitute on
 * her profile page; an admin edits a colleague's hours from the team page; the team page shows
 * the new hours to everyone (the profiles live in the workspace index and sync live). An agent
 * cannot edit a colleague's profile.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

function workspaceOf(page: Page): string {
  return /\/w\/([^/]+)\//.exec(page.url())?.[1] ?? '';
}

function day(page: Page, key: string) {
  return page.locator(`[data-testid="hours-day"][data-day="${key}"]`);
}

test('an agent sets split hours and a vacation; an admin edits a colleague’s hours; the team page shows them', async ({
  agent
}) => {
  const maya = await agent('Maya Thompson');
  const workspace = workspaceOf(maya.page);

  // Maya (agent, Vancouver): Monday 08:00–12:00 and 13:00–16:30, copied to the week.
  await maya.page.goto(`/w/${workspace}/profile`);
  const monday = day(maya.page, 'mon');
  await expect(monday.getByTestId('shift')).toHaveCount(1);
  await monday.getByTestId('shift-from').fill('08:00');
  await monday.getByTestId('shift-to').fill('12:00');
  await monday.getByTestId('shift-add').click();
  await monday.getByTestId('shift-from').nth(1).fill('13:00');
  await monday.getByTestId('shift-to').nth(1).fill('16:30');
  await maya.page.getByTestId('hours-copy-monday').click();
  await expect(day(maya.page, 'fri').getByTestId('shift')).toHaveCount(2);

  // An overlap is refused on its day, and nothing is saved.
  await day(maya.page, 'sat').getByTestId('shift-add').click();
  await day(maya.page, 'sat').getByTestId('shift-add').click();
  await day(maya.page, 'sat').getByTestId('shift-from').nth(1).fill('10:00');
  await day(maya.page, 'sat').getByTestId('shift-to').nth(1).fill('12:00');
  await maya.page.getByTestId('hours-save').click();
  await expect(day(maya.page, 'sat').getByTestId('hours-problem')).toContainText('overlap');
  await day(maya.page, 'sat').getByTestId('shift-remove').first().click();
  await day(maya.page, 'sat').getByTestId('shift-remove').first().click();
  await maya.page.getByTestId('hours-save').click();
  await expect(maya.page.getByText('Working hours saved.')).toBeVisible();

  // A vacation in July 2030 with Joy as her substitute.
  await maya.page.getByTestId('away-kind').selectOption('vacation');
  await maya.page.getByTestId('away-first-day').fill('2030-07-01');
  await maya.page.getByTestId('away-last-day').fill('2030-07-14');
  await maya.page.getByTestId('away-substitute-select').selectOption({ label: 'Joy Santos' });
  await maya.page.getByTestId('away-add').click();
  const vacation = maya.page.getByTestId('away-period');
  await expect(vacation).toHaveCount(1);
  await expect(vacation).toContainText('Vacation');
  await expect(vacation).toContainText('Jul');
  await expect(vacation).toContainText('2030');
  await expect(vacation.getByTestId('away-substitute')).toHaveText('Tickets go to Joy Santos');

  // A skill.
  await maya.page.getByTestId('skill-input').fill('fr');
  await maya.page.getByTestId('skill-add').click();
  await expect(maya.page.getByTestId('skill-list')).toContainText('fr');

  // The team page shows her new hours.
  await maya.page.getByTestId('nav-team').click();
  const mayaRow = maya.page.locator('[data-testid="team-member"][data-member-id="member-maya"]');
  await expect(mayaRow.getByTestId('team-member-hours')).toHaveText(
    'Mon–Fri 08:00–12:00, 13:00–16:30'
  );
  // An agent gets no edit link for a colleague, and their profile page is read-only.
  await expect(maya.page.getByTestId('team-member-edit')).toHaveCount(0);
  await maya.page.goto(`/w/${workspace}/profile?member=member-joy`);
  await expect(maya.page.getByTestId('hours-summary')).toContainText('Manila');
  await expect(maya.page.getByTestId('hours-save')).toHaveCount(0);
  await expect(maya.page.getByTestId('away-form')).toHaveCount(0);

  // Mads (admin) edits Joy's hours from the team page: her night shift starts an hour earlier.
  const mads = await agent('Mads Jensen');
  await mads.page.getByTestId('nav-team').click();
  const joyRow = mads.page.locator('[data-testid="team-member"][data-member-id="member-joy"]');
  await expect(joyRow.getByTestId('team-member-hours')).toHaveText('Mon–Fri 21:00–05:00');
  await joyRow.getByTestId('team-member-edit').click();
  await expect(mads.page.getByRole('heading', { name: 'Profile of Joy Santos' })).toBeVisible();
  for (const key of ['mon', 'tue', 'wed', 'thu', 'fri']) {
    await day(mads.page, key).getByTestId('shift-from').fill('20:00');
  }
  await mads.page.getByTestId('hours-save').click();
  await expect(mads.page.getByText('Working hours saved.')).toBeVisible();

  // Everyone's team page shows it, Maya's too (live).
  await mads.page.getByTestId('nav-team').click();
  await expect(joyRow.getByTestId('team-member-hours')).toHaveText('Mon–Fri 20:00–05:00');
  await maya.page.getByTestId('nav-team').click();
  await expect(
    maya.page
      .locator('[data-testid="team-member"][data-member-id="member-joy"]')
      .getByTestId('team-member-hours')
  ).toHaveText('Mon–Fri 20:00–05:00');
});
