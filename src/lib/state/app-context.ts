/** Typed Svelte contexts: the app (API client, identity, toasts) and the current workspace session. */
import { getContext, setContext } from 'svelte';
import type { Api } from '$lib/api/client';
import type { IdentityStore } from './identity.svelte';
import type { ErrorHandler, Toasts } from './toasts.svelte';
import type { WorkspaceSession } from './workspace-session.svelte';

export interface AppContext {
  /** The one way to the HTTP API (`$lib/api/client.ts`), for the state classes. */
  api: Api;
  identity: IdentityStore;
  toasts: Toasts;
  handleError: ErrorHandler;
}

const APP = Symbol('baton.app');
const WORKSPACE = Symbol('baton.workspace');

export function setAppContext(value: AppContext): AppContext {
  return setContext(APP, value);
}

export function getAppContext(): AppContext {
  const value = getContext<AppContext | undefined>(APP);
  if (!value) throw new Error('The app context is missing: render inside the root layout.');
  return value;
}

export function setWorkspace(session: WorkspaceSession): WorkspaceSession {
  return setContext(WORKSPACE, session);
}

export function getWorkspace(): WorkspaceSession {
  const value = getContext<WorkspaceSession | undefined>(WORKSPACE);
  if (!value) throw new Error('The workspace session is missing: render inside /w/[workspace].');
  return value;
}
