import { AUTOMATION_TEST_MAX_BYTES } from '$lib/contract/automations';
import { authorizeWorkspace } from '$lib/server/authorize';
import { automationResponse, getAutomationServices } from '$lib/server/automation-services';
import { readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Which tickets a rule would touch now; writes nothing (`contract/automations.ts`). */
export const POST: RequestHandler = async ({ locals, params, request }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'manage-settings');
  if (!allowed.ok) return allowed.response;
  const body = await readJson(request, AUTOMATION_TEST_MAX_BYTES);
  if (!body.ok) return body.response;
  return automationResponse(
    await getAutomationServices().test(allowed.grant.workspaceId, body.value)
  );
};
