import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

/** The knowledge base: the article list and one article (`/w/<ws>/kb[/<id>]`). */
class KbPage {
  constructor(readonly page: Page) {}

  async openList(): Promise<void> {
    await this.page.getByTestId('nav-kb').click();
    await expect(this.page.getByTestId('kb-page')).toBeVisible();
  }

  async create(title: string): Promise<void> {
    await this.page.getByTestId('new-article-title').fill(title);
    await this.page.getByTestId('new-article').click();
    await expect(this.page.getByTestId('article-title')).toHaveValue(title);
  }

  row(title: string) {
    return this.page.getByTestId('kb-article-row').filter({ hasText: title });
  }

  body() {
    return this.page.getByTestId('article-body');
  }

  status() {
    return this.page.getByTestId('article-status');
  }
}

test('two agents co-edit an article live and publish it', async ({ agent }) => {
  const aino = await agent('Aino Virtanen');
  const joy = await agent('Joy Santos');
  const ainoKb = new KbPage(aino.page);
  const joyKb = new KbPage(joy.page);

  await ainoKb.openList();
  await ainoKb.create('Resetting your password');
  await expect(ainoKb.status()).toHaveText('Draft');

  // Joy finds the draft in the list (drafts are the team's) and opens it.
  await joyKb.openList();
  await expect(joyKb.row('Resetting your password')).toContainText('Draft');
  await joyKb.row('Resetting your password').getByRole('link').click();
  await expect(joy.page.getByTestId('article-title')).toHaveValue('Resetting your password');
  await expect(joy.page.getByTestId('article-co-authors')).toContainText('Aino Virtanen');

  // Aino writes; Joy sees the text and Aino's caret, live.
  await ainoKb.body().click();
  await aino.page.keyboard.type('Open Settings and choose Reset password.');
  await expect(joyKb.body()).toContainText('Open Settings and choose Reset password.');
  await expect(joy.page.locator('.kb-caret-name', { hasText: 'Aino Virtanen' })).toBeVisible();

  // Joy adds a sentence at the end and a bold word; Aino sees both.
  await joyKb.body().click();
  await joy.page.keyboard.press('Control+End');
  await joy.page.keyboard.type(' The link is valid for ');
  await joy.page.getByTestId('tool-bold').click();
  await joy.page.keyboard.type('one hour');
  await expect(ainoKb.body()).toContainText(
    'Open Settings and choose Reset password. The link is valid for one hour'
  );
  await expect(ainoKb.body().locator('strong')).toHaveText('one hour');
  await expect(aino.page.getByTestId('article-authors')).toContainText('Joy Santos');

  // Aino makes it public and publishes; Joy's page and list follow, with the version.
  await aino.page.getByTestId('article-visibility').selectOption('public');
  await aino.page.getByTestId('article-publish').click();
  await expect(joyKb.status()).toHaveText('Published');
  await expect(joy.page.getByTestId('article-visibility')).toHaveValue('public');
  await expect(joy.page.getByTestId('version-row').first()).toContainText('Published');

  // The published version shows what was written since the beginning as added.
  await joy.page.getByTestId('version-view').first().click();
  await expect(joy.page.getByTestId('version-view-panel')).toContainText('one hour');
  await expect(joy.page.getByTestId('version-added').first()).toBeVisible();

  await ainoKb.openList();
  await expect(ainoKb.row('Resetting your password')).toContainText('Published');
  await expect(ainoKb.row('Resetting your password')).toContainText(
    'Open Settings and choose Reset password.'
  );
});
