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
    try {
      await expect(this.page.getByTestId('ticket-subject')).toBeVisible();
    } catch (error) {
      // Say what the page shows instead ("Opening the ticket…", not found, offline…), so that a
      // failure far away (CI) can be read without its trace.
      const shown = await this.page
        .locator('main [data-testid^="ticket-"]')
        .evaluateAll((nodes) =>
          nodes.map((n) => `${n.getAttribute('data-testid')}: ${n.textContent?.trim()}`)
        )
        .catch(() => []);
      throw new Error(
        `The ticket did not open at ${this.page.url()}; the page shows: ${shown.join(' | ') || 'nothing'}`,
        { cause: error }
      );
    }
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

/** The phone's triage list: rows swiped with real touch input (CDP touch events). */
export class TriagePage {
  constructor(readonly page: Page) {}

  async goto(workspaceId = 'demo-workspace'): Promise<void> {
    await this.page.goto(`/w/${workspaceId}/triage`);
    await this.waitUntilLoaded();
  }

  async waitUntilLoaded(): Promise<void> {
    await expect(this.page.getByTestId('triage')).toBeVisible();
    await expect(this.rows().first()).toBeVisible();
  }

  rows(): Locator {
    return this.page.getByTestId('triage-row');
  }

  /** The row whose label (`#3` or a provisional ref) is exactly `label`. */
  row(label: string): Locator {
    return this.rows().filter({ has: this.page.getByText(label, { exact: true }) });
  }

  /** Waits until every row has a copy on this device (the prefetch has finished). */
  async waitUntilAllOffline(): Promise<void> {
    const summary = this.page.getByTestId('offline-summary');
    await expect(summary).toBeVisible({ timeout: 30_000 });
    await expect
      .poll(
        async () => {
          const kept = await summary.getAttribute('data-kept');
          const total = await summary.getAttribute('data-total');
          return kept !== null && kept === total && kept !== '0';
        },
        { message: 'every triage row is available offline', timeout: 30_000 }
      )
      .toBe(true);
  }

  /**
   * Swipes a row with one finger: touchStart near one edge, a few touchMoves across
   * `fraction` of its width, touchEnd — the input a phone's touchscreen gives the browser.
   */
  async swipe(row: Locator, direction: 'left' | 'right', fraction = 0.7): Promise<void> {
    await row.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const face = row.getByTestId('triage-row-face');
    const box = await face.boundingBox();
    if (!box) throw new Error('the row is not on screen');
    const y = box.y + box.height / 2;
    const from = direction === 'right' ? box.x + 24 : box.x + box.width - 70;
    const to = from + (direction === 'right' ? 1 : -1) * box.width * fraction;
    const cdp = await this.page.context().newCDPSession(this.page);
    try {
      await cdp.send('Input.dispatchTouchEvent', {
        type: 'touchStart',
        touchPoints: [{ x: from, y }]
      });
      const steps = 8;
      for (let i = 1; i <= steps; i++) {
        await cdp.send('Input.dispatchTouchEvent', {
          type: 'touchMove',
          touchPoints: [{ x: from + ((to - from) * i) / steps, y: y + i * 0.5 }]
        });
      }
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    } finally {
      await cdp.detach();
    }
  }

  /** The Undo button of the newest toast that offers one. */
  /** The Undo on the last toast (the only toast with an action on this page), in any language. */
  undo(): Locator {
    return this.page.getByTestId('toast-action').last();
  }
}

/** The admin's mailbox settings (`/w/<workspace>/mailbox`). */
export interface MailboxForm {
  address: string;
  imap: { host: string; port: number; user: string; password: string };
  smtp: { host: string; port: number; user: string; password: string };
}

export class MailboxPage {
  constructor(readonly page: Page) {}

  async goto(workspaceId = 'demo-workspace'): Promise<void> {
    await this.page.goto(`/w/${workspaceId}/mailbox`);
    await expect(this.page.getByTestId('mailbox-settings')).toBeVisible();
  }

  /** Opens the settings from the main navigation. */
  async openFromNav(): Promise<void> {
    await this.page.getByTestId('nav-mailbox').click();
    await expect(this.page.getByTestId('mailbox-settings')).toBeVisible();
  }

  /** Fills the form for servers without TLS (the test servers on localhost). */
  async fill(form: MailboxForm): Promise<void> {
    const p = this.page;
    await p.getByTestId('mailbox-address').fill(form.address);
    await p.getByTestId('imap-host').fill(form.imap.host);
    await p.getByTestId('imap-port').fill(String(form.imap.port));
    await p.getByTestId('imap-security').selectOption('none');
    await p.getByTestId('imap-user').fill(form.imap.user);
    await p.getByTestId('imap-secret').fill(form.imap.password);
    await p.getByTestId('smtp-host').fill(form.smtp.host);
    await p.getByTestId('smtp-port').fill(String(form.smtp.port));
    await p.getByTestId('smtp-security').selectOption('none');
    await p.getByTestId('smtp-user').fill(form.smtp.user);
    await p.getByTestId('smtp-secret').fill(form.smtp.password);
  }

  /** Runs "Test connection" and returns the result list. */
  async testConnection(): Promise<Locator> {
    await this.page.getByTestId('mailbox-test').click();
    const result = this.page.getByTestId('mailbox-test-result');
    await expect(result).toBeVisible();
    return result;
  }

  async save(): Promise<void> {
    await this.page.getByTestId('mailbox-save').click();
    await expect(this.page.getByTestId('imap-secret')).toHaveAttribute('placeholder', /saved/);
  }
}

/** What the thread shows of email: delivery states of replies, HTML frames. */
export class MailThread {
  constructor(readonly page: Page) {}

  deliveryStates(): Locator {
    return this.page.getByTestId('delivery-state');
  }
}

/** A board card found by its subject (numbers of new mail tickets are not known ahead). */
export function cardWithSubject(board: BoardPage, subject: string): Locator {
  return board.cards().filter({ hasText: subject });
}
