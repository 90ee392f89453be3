/**
 * Routing end to end: Maya, an agent who reads Finnish, is on shift (her own profile says so,
 * written through the batch sync as any client writes it); the owner turns on round-robin with
 * a rule that Finnish tickets need the skill `finnish`. A new Finnish ticket then goes to Maya
 * — the only one with the skill — and its activity says that routing assigned it, and why.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { syncAs } from './sync';
import { indexDocName, ticketDocName } from '../../src/lib/domain/doc-names';
import { createTicket } from '../../src/lib/domain/ticket';
import { putMember } from '../../src/lib/domain/workspace-index';

const WORKSPACE = 'demo-workspace';
const AINO = { id: 'member-aino', name: 'Aino Virtanen' };
const MAYA = 'member-maya';

/** The routing settings page, reached from the settings section's tabs. */
class RoutingSettingsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-service-levels').click();
    await this.page.getByTestId('settings-nav-routing').click();
    await expect(this.page).toHaveURL(/\/settings\/routing$/);
  }

  async setMode(mode: 'manual' | 'round-robin' | 'least-loaded'): Promise<void> {
    await this.page.getByTestId(`routing-mode-${mode}`).check();
    await this.page.getByTestId('save-routing').click();
  }

  async addRule(name: string, language: string, skills: string): Promise<void> {
    await this.page.getByTestId('add-skill-rule').click();
    await this.page.getByTestId('skill-rule-name').fill(name);
    await this.page.getByTestId(`skill-rule-language-${language}`).check();
    await this.page.getByTestId('skill-rule-skills').fill(skills);
    await this.page.getByTestId('save-skill-rule').click();
  }
}

test('an admin turns on round-robin with a Finnish skill rule; a Finnish ticket goes to the Finnish speaker on shift', async ({
  agent,
  baton
}) => {
  test.setTimeout(120_000);
  // Maya's own profile: she reads Finnish and works round the clock (two hours either side of
  // now, every day, in UTC), so the test holds whenever it runs.
  const hour = new Date().getUTCHours();
  const clock = (h: number) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
  await syncAs(baton.url, MAYA, indexDocName(WORKSPACE), (doc) =>
    putMember(doc, {
      id: MAYA,
      name: 'Maya Thompson',
      timeZone: 'UTC',
      workingHours: { days: [0, 1, 2, 3, 4, 5, 6], start: clock(hour - 2), end: clock(hour + 2) },
      skills: ['onboarding', 'billing', 'finnish']
    })
  );

  const aino = await agent('Aino Virtanen');
  const routing = new RoutingSettingsPage(aino.page);
  await routing.open();
  await routing.setMode('round-robin');
  await expect(aino.page.getByTestId('routing-mode-round-robin')).toBeChecked();
  await routing.addRule('Finnish customers', 'fi', 'finnish');
  await expect(aino.page.getByTestId('skill-rule-row')).toContainText('Finnish customers');
  await expect(aino.page.getByTestId('skill-rule-row')).toContainText('finnish');

  // A Finnish customer's ticket comes in (the language of its first message is Finnish).
  const id = `ticket-routing-${Date.now().toString(36)}`;
  await syncAs(baton.url, AINO.id, ticketDocName(id), (doc) =>
    createTicket(
      doc,
      {
        id,
        workspaceId: WORKSPACE,
        subject: 'Tilaus ei näy tililläni',
        channel: 'email',
        language: 'fi',
        firstMessage: { kind: 'note', body: 'Asiakas soitti tilauksesta.', author: AINO }
      },
      AINO,
      Date.now()
    )
  );

  await aino.page.goto(`/w/${WORKSPACE}/t/${id}`);
  await aino.ticket.waitUntilLoaded();
  await expect(aino.page.getByTestId('ticket-assignee')).toHaveValue(MAYA, { timeout: 20_000 });
  const routed = aino.page.locator('[data-testid="activity-entry"][data-kind="routed"]');
  await expect(routed).toHaveText(
    /^Baton assigned it by routing: in turn among the agents on shift; skills needed: finnish/
  );
});
