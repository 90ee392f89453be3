/** Page models: what an agent sees and does on the board and on a ticket. */
import { expect, type Locator, type Page } from '@playwright/test';
import type { TicketPriority, TicketStatus } from '../../src/lib/domain/schema';

export class BoardPage {
  constructor(readonly page: Page) {}

  async goto(workspaceId = 'demo-workspace'): Promise<void> {
    await this.page.goto(`/w/${workspaceId}/board`);
    await this.waitUntilLoaded();
  }

  async waitUntilLoaded(): Promise<void> {
    await expect(this.page.getByTestId('board')).toBeVisible();
    await expect(this.cards().first()).toBeVisible();
  }

  cards(): Locator {
    return this.page.getByTestId('ticket-card');
  }

  column(status: TicketStatus): Locator {
    return this.page.getByTestId(`column-${status}`);
  }

  /** The card whose label (`#3` or a provisional ref) is exactly `label`. */
  card(label: string): Locator {
    return this.cards().filter({ has: this.page.getByText(label, { exact: true }) });
  }

  cardInColumn(status: TicketStatus, label: string): Locator {
    return this.column(status)
      .getByTestId('ticket-card')
      .filter({ has: this.page.getByText(label, { exact: true }) });
  }

  syncStatus(): Locator {
    return this.page.getByTestId('sync-status');
  }
}

export class TicketPage {
  constructor(readonly page: Page) {}

  async open(label: string): Promise<void> {
    const board = new BoardPage(this.page);
    await board.card(label).click();
    await this.waitUntilLoaded();
  }

  async waitUntilLoaded(): Promise<void> {
    await expect(this.page.getByTestId('ticket-subject')).toBeVisible();
  }

  thread(): Locator {
    return this.page.getByTestId('thread-entry');
  }

  entries(kind: 'inbound' | 'reply' | 'note'): Locator {
    return this.page.locator(`[data-testid="thread-entry"][data-kind="${kind}"]`);
  }

  replyDraft(): Locator {
    return this.page.getByTestId('composer-reply');
  }

  async writeNote(text: string): Promise<void> {
    await this.page.getByTestId('composer-mode-note').click();
    await this.page.getByTestId('composer-note').fill(text);
    await this.page.getByTestId('composer-send').click();
  }

  async sendReply(text: string): Promise<void> {
    await this.page.getByTestId('composer-mode-reply').click();
    await this.replyDraft().fill(text);
    await this.page.getByTestId('composer-send').click();
  }

  async setStatus(status: TicketStatus): Promise<void> {
    await this.page.getByTestId('ticket-status').selectOption(status);
  }

  async setPriority(priority: TicketPriority): Promise<void> {
    await this.page.getByTestId('ticket-priority').selectOption(priority);
  }

  async addTag(tag: string): Promise<void> {
    await this.page.getByTestId('add-tag-input').fill(tag);
    await this.page.getByTestId('add-tag').click();
  }

  tags(): Locator {
    return this.page.getByTestId('ticket-tag');
  }
}
