/**
 * A mail import (owners and admins): the upload, with its progress, then the server's progress
 * as it threads the messages like live mail, asked every 300 ms until it finishes. What went
 * wrong is named (`problem`) for the page to say in the member's words.
 */
import type { ImportProgress } from '$lib/contract/mail-import';
import type { ApiFailure } from '$lib/contract/errors';
import type { Api } from '$lib/api/client';

export type ImportPhase = 'idle' | 'uploading' | 'importing' | 'done' | 'failed';

export type ImportProblem =
  | { kind: 'refused'; failure: ApiFailure }
  /** The server's progress answer was not readable. */
  | { kind: 'status-unreadable' }
  /** The import stopped on the server (its reason is English, for the log). */
  | { kind: 'stopped'; reason: string };

export interface MailImportDeps {
  api: Pick<Api, 'startImport' | 'importStatus'>;
  workspaceId: string;
  pollMs?: number;
}

export class MailImportState {
  #phase = $state<ImportPhase>('idle');
  #uploaded = $state(0);
  #progress = $state.raw<ImportProgress | null>(null);
  #problem = $state.raw<ImportProblem | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;
  readonly #deps: MailImportDeps;

  constructor(deps: MailImportDeps) {
    this.#deps = deps;
  }

  get phase(): ImportPhase {
    return this.#phase;
  }

  /** How much of the upload has gone (0–1). */
  get uploaded(): number {
    return this.#uploaded;
  }

  get progress(): ImportProgress | null {
    return this.#progress;
  }

  get problem(): ImportProblem | null {
    return this.#problem;
  }

  get busy(): boolean {
    return this.#phase === 'uploading' || this.#phase === 'importing';
  }

  /** Uploads the files and follows the import until it finishes or fails. */
  async start(files: Iterable<File>): Promise<void> {
    const form = new FormData();
    for (const file of files) form.append('files', file);
    this.stop();
    this.#phase = 'uploading';
    this.#problem = null;
    this.#progress = null;
    this.#uploaded = 0;
    const started = await this.#deps.api.startImport(
      this.#deps.workspaceId,
      form,
      (fraction) => (this.#uploaded = fraction)
    );
    if (!started.ok) return this.#fail({ kind: 'refused', failure: started.failure });
    this.#phase = 'importing';
    await this.#poll(started.value.jobId);
  }

  async #poll(jobId: string): Promise<void> {
    const answer = await this.#deps.api.importStatus(this.#deps.workspaceId, jobId);
    if (!answer.ok) {
      return this.#fail(
        answer.failure.kind === 'bad-response'
          ? { kind: 'status-unreadable' }
          : { kind: 'refused', failure: answer.failure }
      );
    }
    const progress = answer.value.progress;
    this.#progress = progress;
    if (progress.finished) {
      if (progress.error) {
        console.error('Mail import stopped:', progress.error);
        this.#fail({ kind: 'stopped', reason: progress.error });
      } else this.#phase = 'done';
      return;
    }
    this.#timer = setTimeout(() => void this.#poll(jobId), this.#deps.pollMs ?? 300);
  }

  #fail(problem: ImportProblem): void {
    this.#phase = 'failed';
    this.#problem = problem;
  }

  /** Stops following an import (the page is left); the server goes on with it. */
  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  reset(): void {
    this.stop();
    this.#phase = 'idle';
    this.#uploaded = 0;
    this.#progress = null;
    this.#problem = null;
  }
}
