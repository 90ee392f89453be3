/**
 * One JSON request to the accounts API (members, invitations, API tokens), for the members
 * page and the member's own profile. A refusal comes back as an `AccountError` carrying the
 * server's reason, so the page can say it in the member's language.
 */
import { z } from 'zod';
import { AccountError } from './identity.svelte';

const ErrorBody = z.object({ error: z.object({ reason: z.string(), message: z.string() }) });

export async function accountRequest(
  fetchFn: typeof fetch,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown
): Promise<unknown> {
  const response = await fetchFn(path, {
    method,
    // JSON even without a body (DELETE): the API refuses what a form could send.
    ...(method === 'GET'
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) })
  });
  if (response.status === 204) return null;
  const value: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = ErrorBody.safeParse(value);
    throw new AccountError(
      error.success ? error.data.error.reason : 'http',
      error.success ? error.data.error.message : `The server answered ${response.status}.`,
      response.status
    );
  }
  return value;
}
