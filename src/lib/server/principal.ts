/**
 * Who makes a request: the one shape of a signed-in person that crosses between SvelteKit's
 * side and Baton's server (`server/auth.ts` makes it from a credential; the relay, the batch
 * sync, the hooks and every endpoint take it as it is, nothing rebuilds it).
 *
 * It says who and by which credential, never in which workspace: a workspace-scoped request
 * names its workspace in its URL and is checked by `authorizeWorkspace` (`authorize.ts`).
 * Only an API token is bound to one workspace, which its credential carries.
 */
export type Credential =
  | { kind: 'session'; sessionId: string }
  | { kind: 'token'; tokenId: string; workspaceId: string; scope: 'read' | 'write' }
  | { kind: 'dev' };

export interface Principal {
  /** The user's id; in each of their workspaces, their member id. */
  memberId: string;
  name: string;
  email: string;
  credential: Credential;
  /** The client's address (rate limits, the audit log); `null` when unknown. */
  ip: string | null;
}
