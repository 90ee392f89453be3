/**
 * Toast messages and the one `handleError` of the UI: every failed action ends up here, is
 * logged, and shown to the user in words they can act on.
 */
import { somethingWentWrong } from '$lib/i18n/messages/shell';
import { ticketProblemText } from './ticket-problems';

export type ToastKind = 'info' | 'success' | 'error';

/** A button on a toast, e.g. "Undo"; running it dismisses the toast. */
export interface ToastAction {
  label: string;
  run: () => void;
}

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
  action?: ToastAction;
}

export class Toasts {
  #items = $state.raw<Toast[]>([]);
  #next = 1;
  /** Not reactive on purpose: timers are bookkeeping, not UI state. */
  #timers: Record<number, ReturnType<typeof setTimeout>> = {};

  get items(): readonly Toast[] {
    return this.#items;
  }

  show(message: string, kind: ToastKind = 'info', ttlMs = kind === 'error' ? 8000 : 4000): number {
    // The same message twice in a row (a retried failure) is shown once.
    const same = this.#items.find((t) => t.message === message && t.kind === kind && !t.action);
    if (same) return same.id;
    return this.#add({ kind, message }, ttlMs);
  }

  /** A toast with a button (e.g. Undo); it stays long enough to be reached with a thumb. */
  offer(message: string, action: ToastAction, ttlMs = 8000): number {
    // One Undo at a time, for the latest action (as mail apps do): older offers go.
    for (const toast of this.#items) if (toast.action) this.dismiss(toast.id);
    return this.#add({ kind: 'success', message, action }, ttlMs);
  }

  /** Runs a toast's action once and dismisses it. */
  act(id: number): void {
    const toast = this.#items.find((t) => t.id === id);
    this.dismiss(id);
    toast?.action?.run();
  }

  #add(toast: Omit<Toast, 'id'>, ttlMs: number): number {
    const id = this.#next++;
    this.#items = [...this.#items.slice(-4), { id, ...toast }];
    this.#timers[id] = setTimeout(() => this.dismiss(id), ttlMs);
    return id;
  }

  dismiss(id: number): void {
    clearTimeout(this.#timers[id]);
    delete this.#timers[id];
    this.#items = this.#items.filter((t) => t.id !== id);
  }

  reset(): void {
    for (const timer of Object.values(this.#timers)) clearTimeout(timer);
    this.#timers = {};
    this.#items = [];
  }
}

export type ErrorHandler = (error: unknown, context?: string) => void;

export function errorMessage(error: unknown): string {
  const ticketProblem = ticketProblemText(error);
  if (ticketProblem !== null) return ticketProblem;
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return somethingWentWrong();
}

/** The UI's error handler: logs, and shows a toast that says what failed. */
export function createErrorHandler(
  toasts: Toasts,
  log: (...args: unknown[]) => void = console.error
): ErrorHandler {
  return (error, context) => {
    log(context ?? 'Error', error);
    const message = errorMessage(error);
    toasts.show(context ? `${context}: ${message}` : message, 'error');
  };
}
