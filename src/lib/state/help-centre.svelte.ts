/**
 * What the app shows about the public help centre: its status on the settings page (live at
 * an address, off, or its address taken by another workspace) and customers' feedback on an
 * article (counts and comments). Both are read from the server (`contract/help.ts`); a failure
 * is kept apart from "nothing yet", so the page can say which.
 */
import type { Api } from '$lib/api/client';
import type { ArticleFeedback, HelpCentreStatus } from '$lib/contract/help';

export interface HelpCentreDeps {
  api: Pick<Api, 'helpCentreStatus' | 'articleFeedback'>;
  workspaceId: string;
}

export class HelpCentreStatusState {
  #status = $state.raw<HelpCentreStatus | null>(null);
  readonly #deps: HelpCentreDeps;

  constructor(deps: HelpCentreDeps) {
    this.#deps = deps;
  }

  get status(): HelpCentreStatus | null {
    return this.#status;
  }

  async load(): Promise<void> {
    const answer = await this.#deps.api.helpCentreStatus(this.#deps.workspaceId);
    this.#status = answer.ok ? answer.value : null;
  }

  reset(): void {
    this.#status = null;
  }
}

export class ArticleFeedbackState {
  #feedback = $state.raw<ArticleFeedback | null>(null);
  #failed = $state(false);
  readonly #deps: HelpCentreDeps;

  constructor(deps: HelpCentreDeps) {
    this.#deps = deps;
  }

  get feedback(): ArticleFeedback | null {
    return this.#feedback;
  }

  get failed(): boolean {
    return this.#failed;
  }

  async load(articleId: string): Promise<void> {
    const answer = await this.#deps.api.articleFeedback(this.#deps.workspaceId, articleId);
    this.#failed = !answer.ok;
    this.#feedback = answer.ok ? answer.value : null;
  }

  reset(): void {
    this.#feedback = null;
    this.#failed = false;
  }
}
