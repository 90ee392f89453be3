import { authorizeWorkspace } from '$lib/server/authorize';
import { automationResponse, getAutomationServices } from '$lib/server/automation-services';
import type { RequestHandler } from './$types';

/** What the worker knows of each rule, errors included (`contract/automations.ts`). */
export const GET: RequestHandler = async ({ locals, params }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'manage-settings');
  if (!allowed.ok) return allowed.response;
  return automationResponse(await getAutomationServices().status(allowed.grant.workspaceId));
};
